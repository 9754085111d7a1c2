import Foundation
import SQLKit

extension SQLStore: IssuanceBatchStore {
    public func insert(_ batch: IssuanceBatchRecord, rows: [IssuanceBatchRow]) async throws {
        try await insertingUnique("issuance batch \(batch.id)") {
            try await database.transaction { session in
                try await session.raw("""
                    INSERT INTO issuance_batches (id, organisation_id, created_by, file_name, content_hash, row_count, state,
                                                  created_at, completed_at)
                    VALUES (\(bind: batch.id.description), \(bind: batch.organisationID.description),
                            \(bind: batch.createdBy?.description), \(bind: batch.fileName), \(bind: batch.contentHash),
                            \(bind: batch.rowCount), \(bind: batch.state.rawValue), \(bind: Timestamp.format(batch.createdAt)),
                            \(bind: batch.completedAt.map(Timestamp.format)))
                    """).run()
                for row in rows {
                    try await session.raw("""
                        INSERT INTO issuance_batch_rows (batch_id, row_no, line, learner, input_json, state, reason, reason_code, reason_args,
                                                         credential_id, attempts, updated_at)
                        VALUES (\(bind: batch.id.description), \(bind: row.number), \(bind: row.line), \(bind: row.learner),
                                \(bind: row.inputJSON), \(bind: row.state.rawValue), \(bind: row.reason), \(bind: row.reasonCode),
                                \(bind: Self.argumentsJSON(row.reasonArguments)), \(bind: row.credentialID?.description),
                                \(bind: row.attempts), \(bind: Timestamp.format(row.updatedAt)))
                        """).run()
                }
            }
        }
    }

    public func batch(id: IssuanceBatchID) async throws -> IssuanceBatchRecord? {
        try await sql.raw("SELECT * FROM issuance_batches WHERE id = \(bind: id.description)").first().map(Self.batch(from:))
    }

    public func batch(organisationID: OrganisationID, contentHash: String) async throws -> IssuanceBatchRecord? {
        try await sql.raw("""
            SELECT * FROM issuance_batches
            WHERE organisation_id = \(bind: organisationID.description) AND content_hash = \(bind: contentHash)
            """).first().map(Self.batch(from:))
    }

    public func batches(organisationID: OrganisationID, limit: Int) async throws -> [IssuanceBatchRecord] {
        try await sql.raw("""
            SELECT * FROM issuance_batches WHERE organisation_id = \(bind: organisationID.description)
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
            """).all().map(Self.batch(from:))
    }

    public func unfinishedBatches() async throws -> [IssuanceBatchRecord] {
        try await sql.raw("""
            SELECT * FROM issuance_batches WHERE state = \(bind: IssuanceBatchRecord.State.processing.rawValue) ORDER BY created_at, id
            """).all().map(Self.batch(from:))
    }

    public func rows(batchID: IssuanceBatchID) async throws -> [IssuanceBatchRow] {
        try await sql.raw("""
            SELECT batch_id, row_no, line, learner, input_json, state, reason, reason_code, reason_args, credential_id, attempts, updated_at
            FROM issuance_batch_rows WHERE batch_id = \(bind: batchID.description) ORDER BY row_no
            """).all().map(Self.batchRow(from:))   // columns named: see SQLStore.credentialColumns
    }

    public func counts(batchID: IssuanceBatchID) async throws -> IssuanceBatchCounts {
        var counts = IssuanceBatchCounts()
        for row in try await sql.raw("""
            SELECT state, COUNT(*) AS n FROM issuance_batch_rows WHERE batch_id = \(bind: batchID.description) GROUP BY state
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            switch try row.enumValue("state", as: IssuanceBatchRow.State.self) {
            case .pending: counts.pending = n
            case .issued: counts.issued = n
            case .failed: counts.failed = n
            }
        }
        return counts
    }

    public func finishRow(batchID: IssuanceBatchID, number: Int, _ outcome: IssuanceBatchRowOutcome, at date: Date) async throws {
        let input: SQLQueryString = outcome.keepsInput ? "input_json" : "NULL"
        let updated = try await sql.raw("""
            UPDATE issuance_batch_rows SET state = \(bind: outcome.state.rawValue), reason = NULL,
                   reason_code = \(bind: outcome.reasonCode), reason_args = \(bind: Self.argumentsJSON(outcome.reasonArguments)),
                   credential_id = \(bind: outcome.credentialID?.description), attempts = \(bind: outcome.attempts),
                   input_json = \(input), updated_at = \(bind: Timestamp.format(date))
            WHERE batch_id = \(bind: batchID.description) AND row_no = \(bind: number)
            RETURNING row_no
            """).all()
        guard !updated.isEmpty else { throw StorageError.notFound("row \(number) of issuance batch \(batchID)") }
    }

    public func retryKeptRows(batchID: IssuanceBatchID, at date: Date) async throws -> Int {
        try await sql.raw("""
            UPDATE issuance_batch_rows SET state = \(bind: IssuanceBatchRow.State.pending.rawValue), updated_at = \(bind: Timestamp.format(date))
            WHERE batch_id = \(bind: batchID.description) AND state = \(bind: IssuanceBatchRow.State.failed.rawValue)
                  AND input_json IS NOT NULL
            RETURNING row_no
            """).all().count
    }

    /// Reason parameters as a JSON object with sorted keys (nil when there are none).
    static func argumentsJSON(_ arguments: [String: String]) -> String? {
        guard !arguments.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(arguments)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func arguments(_ json: String?) throws -> [String: String] {
        guard let json else { return [:] }
        do { return try JSONDecoder().decode([String: String].self, from: Data(json.utf8)) } catch {
            throw StorageError.corruptRow("reason_args=\(json)")
        }
    }

    public func completeBatch(id: IssuanceBatchID, at date: Date) async throws -> Bool {
        let updated = try await sql.raw("""
            UPDATE issuance_batches SET state = \(bind: IssuanceBatchRecord.State.completed.rawValue),
                   completed_at = \(bind: Timestamp.format(date))
            WHERE id = \(bind: id.description) AND state = \(bind: IssuanceBatchRecord.State.processing.rawValue)
            RETURNING id
            """).all()
        return !updated.isEmpty
    }

    public func reopenBatch(id: IssuanceBatchID) async throws {
        try await sql.raw("""
            UPDATE issuance_batches SET state = \(bind: IssuanceBatchRecord.State.processing.rawValue), completed_at = NULL
            WHERE id = \(bind: id.description)
            """).run()
    }

    static func batch(from row: any SQLRow) throws -> IssuanceBatchRecord {
        IssuanceBatchRecord(
            id: try row.id("id"), organisationID: try row.id("organisation_id"), createdBy: try row.optionalID("created_by"),
            fileName: try row.optionalText("file_name"), contentHash: try row.text("content_hash"),
            rowCount: try row.decode(column: "row_count", as: Int.self), state: try row.enumValue("state", as: IssuanceBatchRecord.State.self),
            createdAt: try row.timestamp("created_at"), completedAt: try row.optionalTimestamp("completed_at"))
    }

    static func batchRow(from row: any SQLRow) throws -> IssuanceBatchRow {
        IssuanceBatchRow(
            batchID: try row.id("batch_id"), number: try row.decode(column: "row_no", as: Int.self),
            line: try row.decode(column: "line", as: Int.self), learner: try row.text("learner"),
            inputJSON: try row.optionalText("input_json"), state: try row.enumValue("state", as: IssuanceBatchRow.State.self),
            reason: try row.optionalText("reason"), reasonCode: try row.optionalText("reason_code"),
            reasonArguments: try arguments(try row.optionalText("reason_args")), credentialID: try row.optionalID("credential_id"),
            attempts: try row.decode(column: "attempts", as: Int.self), updatedAt: try row.timestamp("updated_at"))
    }
}
