/// Learners' share links (one row per link; revocation keeps the row).
let m0017ShareLinks = Migration(id: 17, name: "create share_links", sql: [
    """
    CREATE TABLE share_links (
        id TEXT PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,
        credential_id TEXT NOT NULL REFERENCES issued_credentials (id),
        owner_user_id TEXT NOT NULL REFERENCES users (id),
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )
    """,
    "CREATE INDEX share_links_by_owner ON share_links (owner_user_id, created_at)",
])
