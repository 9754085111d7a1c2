/// Bulk issuance: a batch per uploaded results file and one row per data line, each pending,
/// issued (with its credential) or failed (with the reason).
let m0018IssuanceBatches = Migration(id: 18, name: "create issuance_batches and issuance_batch_rows", sql: [
    """
    CREATE TABLE issuance_batches (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations (id),
        created_by TEXT REFERENCES users (id),
        file_name TEXT,
        content_hash TEXT NOT NULL,
        row_count BIGINT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        completed_at TEXT
    )
    """,
    "CREATE INDEX issuance_batches_by_organisation ON issuance_batches (organisation_id, created_at)",
    "CREATE INDEX issuance_batches_by_state ON issuance_batches (state, created_at)",
    // One batch per file and organisation: two uploads of the same file at the same moment
    // cannot both become batches (and issue twice).
    "CREATE UNIQUE INDEX issuance_batches_one_per_file ON issuance_batches (organisation_id, content_hash)",
    """
    CREATE TABLE issuance_batch_rows (
        batch_id TEXT NOT NULL REFERENCES issuance_batches (id),
        row_no BIGINT NOT NULL,
        line BIGINT NOT NULL,
        learner TEXT NOT NULL,
        input_json TEXT,
        state TEXT NOT NULL,
        reason TEXT,
        credential_id TEXT REFERENCES issued_credentials (id),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, row_no)
    )
    """,
])
