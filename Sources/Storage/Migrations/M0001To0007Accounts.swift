import SQLKit

// Column conventions for both engines: ids are lowercase UUID text, times are `Timestamp` text
// (UTC, ISO 8601, milliseconds, Z), JSON is text, counters are BIGINT.

let m0001Organisations = Migration(id: 1, name: "create organisations", sql: [
    """
    CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
])

let m0002Users = Migration(id: 2, name: "create users", sql: [
    """
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation_id TEXT REFERENCES organisations (id),
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX users_by_organisation ON users (organisation_id)",
])

let m0003Sessions = Migration(id: 3, name: "create sessions", sql: [
    """
    CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX sessions_by_expiry ON sessions (expires_at)",
])

let m0004ApiTokens = Migration(id: 4, name: "create api_tokens", sql: [
    """
    CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )
    """,
    "CREATE INDEX api_tokens_by_user ON api_tokens (user_id)",
])

let m0005AuditEvents = Migration(id: 5, name: "create audit_events", sql: [
    """
    CREATE TABLE audit_events (
        id TEXT PRIMARY KEY,
        occurred_at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_user_id TEXT,
        target TEXT,
        ip TEXT,
        request_id TEXT,
        details TEXT NOT NULL
    )
    """,
    "CREATE INDEX audit_events_by_action ON audit_events (action, id)",
])

/// The database itself refuses to change or delete an audit event (trigger syntax differs).
let m0006AuditEventsAppendOnly = Migration(id: 6, name: "make audit_events append-only") { database, engine in
    switch engine {
    case .sqlite:
        try await database.raw("""
            CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
            """).run()
        try await database.raw("""
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
            """).run()
    case .postgres:
        try await database.raw("""
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
            """).run()
        try await database.raw("""
            CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
            """).run()
    }
}

let m0007LoginFailures = Migration(id: 7, name: "create login_failures", sql: [
    """
    CREATE TABLE login_failures (
        id TEXT PRIMARY KEY,
        throttle_key TEXT NOT NULL,
        failed_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX login_failures_by_key ON login_failures (throttle_key, failed_at)",
])
