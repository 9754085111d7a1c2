import SQLKit

// Issuance: issuer keys, status lists, issued credentials and their status entries.
//
// Status index allocation (the design, since several `empass serve` processes may share one
// PostgreSQL): an entry is the row (list_id, status_index) of `status_entries`, whose primary key
// makes an index unique within its list whatever process inserts it. A process picks an index at
// random and inserts it with `ON CONFLICT DO NOTHING RETURNING`; no row back means another
// credential holds it, so it draws again. The insert happens in the same transaction that signs
// and stores the credential, so a crash or a failure rolls the index back with it: nothing is
// leaked, and nothing is ever deleted, so an index is never given to a second credential.
// No counter row is updated per issuance, so concurrent issuers do not queue on one lock.

/// Ed25519 keys per organisation. The private key is stored only sealed (AES-GCM under the master
/// key named by `master_key_id`); at most one key per organisation is active, retired ones stay so
/// earlier credentials still verify against the DID document.
let m0013IssuerKeys = Migration(id: 13, name: "create issuer_keys", sql: [
    """
    CREATE TABLE issuer_keys (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations (id),
        fragment TEXT NOT NULL,
        public_key_multibase TEXT NOT NULL,
        sealed_private_key TEXT NOT NULL,
        master_key_id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT,
        UNIQUE (organisation_id, fragment)
    )
    """,
    "CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys (organisation_id) WHERE status = 'active'",
])

/// Status lists per organisation and purpose, numbered by `sequence`; a list is sealed (no new
/// entries) once random allocation starts to collide often, and the next sequence is opened.
let m0014StatusLists = Migration(id: 14, name: "create status_lists", sql: [
    """
    CREATE TABLE status_lists (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations (id),
        purpose TEXT NOT NULL,
        sequence BIGINT NOT NULL,
        capacity BIGINT NOT NULL,
        created_at TEXT NOT NULL,
        sealed_at TEXT,
        UNIQUE (organisation_id, purpose, sequence)
    )
    """,
])

/// Signed credentials as issued. `(organisation_id, idempotency_key)` is unique, so a retried
/// request finds the credential its first attempt stored.
let m0015IssuedCredentials = Migration(id: 15, name: "create issued_credentials", sql: [
    """
    CREATE TABLE issued_credentials (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations (id),
        learner_user_id TEXT REFERENCES users (id),
        subject_id TEXT,
        spec_id TEXT,
        spec_version BIGINT,
        credential_json TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        valid_until TEXT,
        idempotency_key TEXT,
        request_hash TEXT,
        UNIQUE (organisation_id, idempotency_key)
    )
    """,
    "CREATE INDEX issued_credentials_by_learner ON issued_credentials (learner_user_id, issued_at)",
    "CREATE INDEX issued_credentials_by_organisation ON issued_credentials (organisation_id, issued_at)",
])

/// One row per allocated status index. The primary key is the allocation guarantee (see above).
/// `is_set` 1 means revoked (revocation list) or suspended (suspension list).
let m0016StatusEntries = Migration(id: 16, name: "create status_entries", sql: [
    """
    CREATE TABLE status_entries (
        list_id TEXT NOT NULL REFERENCES status_lists (id),
        status_index BIGINT NOT NULL,
        credential_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        is_set BIGINT NOT NULL,
        reason TEXT,
        changed_at TEXT,
        PRIMARY KEY (list_id, status_index)
    )
    """,
    "CREATE INDEX status_entries_by_credential ON status_entries (credential_id)",
])
