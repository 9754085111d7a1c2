import SQLKit

/// Providers' quality-assurance records (CEDEFOP's QA questions). A provider is an organisation,
/// so `provider_id` references `organisations`. Scalars have their own columns (validity and
/// withdrawal as fixed-width UTC text, so text order is time order); the short code lists
/// (benefits, standards, elements, methods, stakeholder participation, programme specifications)
/// are JSON arrays: a provider's records are always read whole and judged by the Catalogue
/// library's `QualityAssuranceQuery`, nothing searches inside those lists.
let m0009QARecords = Migration(id: 9, name: "create qa_records") { database, _ in
    try await database.raw("""
        CREATE TABLE qa_records (
            id TEXT PRIMARY KEY,
            provider_id TEXT NOT NULL REFERENCES organisations (id),
            mechanism TEXT NOT NULL,
            body_name TEXT NOT NULL,
            body_kind TEXT NOT NULL,
            body_country TEXT,
            body_url TEXT,
            scope_level TEXT NOT NULL CHECK (scope_level IN ('organisation', 'programme')),
            scope_specifications TEXT NOT NULL,
            grading TEXT NOT NULL,
            grade TEXT NOT NULL,
            positive BIGINT NOT NULL CHECK (positive IN (0, 1)),
            valid_from TEXT NOT NULL,
            valid_until TEXT,
            benefits TEXT NOT NULL,
            standards TEXT NOT NULL,
            elements_assessed TEXT NOT NULL,
            methods TEXT NOT NULL,
            stakeholder_participation TEXT NOT NULL,
            costs TEXT,
            withdrawn_at TEXT,
            withdrawal_reason TEXT,
            entered_by TEXT REFERENCES users (id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (valid_until IS NULL OR valid_until > valid_from),
            CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
        )
        """).run()
    try await database.raw("CREATE INDEX qa_records_by_provider ON qa_records (provider_id, valid_from, id)").run()
}
