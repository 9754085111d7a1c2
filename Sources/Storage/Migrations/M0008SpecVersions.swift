import SQLKit

/// Versions of micro-credential specifications. `(spec_id, version)` is the key credentials point
/// at; `content_json` is the specification exactly as the Catalogue library encodes it and
/// `content_hash` its SHA-256, so a credential can prove which text it was awarded against.
/// The database itself refuses to change or delete a row that is no longer a draft (the store
/// checks too, with a clear error; the trigger guards against any other writer).
let m0008SpecVersions = Migration(id: 8, name: "create spec_versions") { database, engine in
    try await database.raw("""
        CREATE TABLE spec_versions (
            spec_id TEXT NOT NULL,
            version BIGINT NOT NULL,
            status TEXT NOT NULL,
            organisation_id TEXT REFERENCES organisations (id),
            published_at TEXT,
            retired_at TEXT,
            previous_version BIGINT,
            content_json TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (spec_id, version)
        )
        """).run()
    try await database.raw("CREATE INDEX spec_versions_by_status ON spec_versions (status, spec_id, version)").run()
    switch engine {
    case .sqlite:
        try await database.raw("""
            CREATE TRIGGER spec_versions_frozen_update BEFORE UPDATE ON spec_versions
            WHEN OLD.status <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'spec_versions: only drafts change'); END
            """).run()
        try await database.raw("""
            CREATE TRIGGER spec_versions_frozen_delete BEFORE DELETE ON spec_versions
            WHEN OLD.status <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'spec_versions: only drafts change'); END
            """).run()
    case .postgres:
        try await database.raw("""
            CREATE FUNCTION spec_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN
                IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'spec_versions: only drafts change'; END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END $$
            """).run()
        try await database.raw("""
            CREATE TRIGGER spec_versions_frozen BEFORE UPDATE OR DELETE ON spec_versions
            FOR EACH ROW EXECUTE FUNCTION spec_versions_frozen()
            """).run()
    }
}
