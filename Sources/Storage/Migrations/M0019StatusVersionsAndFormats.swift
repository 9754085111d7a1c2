import SQLKit

/// Three issuance facts that were computed or missing before:
/// - `status_lists.version`, bumped in the transaction that revokes, suspends or unsuspends an
///   entry of the list, so `/status/{list}` has an ETag without reading the list's set indexes;
/// - `issued_credentials.format`, the media type the stored credential is secured as
///   (`application/vc` Data Integrity, `application/vc+jwt` enveloped VC-JWT), so the wallet and
///   downloads know what they hold without sniffing; existing VC-JWT rows are found by their
///   envelope (an `EnvelopedVerifiableCredential` whose id is a `data:application/vc+jwt,` URL);
/// - `organisation_issuance_settings`: how an organisation's awards are issued by default.
let m0019StatusVersionsAndFormats = Migration(id: 19, name: "status list versions, credential formats, issuance settings", sql: [
    "ALTER TABLE status_lists ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE issued_credentials ADD COLUMN format TEXT NOT NULL DEFAULT 'application/vc'",
    """
    UPDATE issued_credentials SET format = 'application/vc+jwt'
    WHERE credential_json LIKE '%"EnvelopedVerifiableCredential"%' AND credential_json LIKE '%"data:application/vc+jwt,%'
    """,
    """
    CREATE TABLE organisation_issuance_settings (
        organisation_id TEXT PRIMARY KEY REFERENCES organisations (id),
        credential_format TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
])
