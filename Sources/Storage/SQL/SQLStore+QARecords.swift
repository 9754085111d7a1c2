import Foundation
import SQLKit

extension SQLStore: QARecordStore {
    /// Checks the provider and writes in one transaction (SQLite does not enforce foreign keys
    /// unless asked, so the store says `notFound` itself on both engines).
    public func insert(_ record: ProviderQARecord) async throws {
        let columns = try QARecordColumns(record)
        try await insertingUnique("quality-assurance record \(record.id)") {
            try await database.transaction { session in
                guard try await session.raw("SELECT id FROM organisations WHERE id = \(bind: record.providerID.description)").first() != nil else {
                    throw StorageError.notFound("organisation \(record.providerID)")
                }
                try await session.raw("""
                    INSERT INTO qa_records (id, provider_id, mechanism, body_name, body_kind, body_country, body_url,
                                            scope_level, scope_specifications, grading, grade, positive, valid_from, valid_until,
                                            benefits, standards, elements_assessed, methods, stakeholder_participation, costs,
                                            withdrawn_at, withdrawal_reason, entered_by, created_at, updated_at)
                    VALUES (\(bind: record.id.description), \(bind: record.providerID.description), \(bind: record.mechanism),
                            \(bind: record.bodyName), \(bind: record.bodyKind), \(bind: record.bodyCountry), \(bind: record.bodyURL),
                            \(bind: record.scopeLevel.rawValue), \(bind: columns.specifications), \(bind: record.grading),
                            \(bind: record.grade), \(bind: record.positive ? 1 : 0), \(bind: Timestamp.format(record.validFrom)),
                            \(bind: record.validUntil.map(Timestamp.format)), \(bind: columns.benefits), \(bind: columns.standards),
                            \(bind: columns.elements), \(bind: columns.methods), \(bind: columns.stakeholders), \(bind: record.costs),
                            \(bind: record.withdrawnAt.map(Timestamp.format)), \(bind: record.withdrawalReason),
                            \(bind: record.enteredBy?.description), \(bind: Timestamp.format(record.createdAt)),
                            \(bind: Timestamp.format(record.updatedAt)))
                    """).run()
            }
        }
    }

    public func replace(_ record: ProviderQARecord) async throws {
        let columns = try QARecordColumns(record)
        try await database.transaction { session in
            let stored = try await lockedRecord(record.id, session: session)
            guard stored.providerID == record.providerID else { throw StorageError.notFound("quality-assurance record \(record.id)") }
            guard stored.withdrawnAt == nil else { throw StorageError.immutable("quality-assurance record \(record.id) is withdrawn") }
            try await session.raw("""
                UPDATE qa_records
                SET mechanism = \(bind: record.mechanism), body_name = \(bind: record.bodyName), body_kind = \(bind: record.bodyKind),
                    body_country = \(bind: record.bodyCountry), body_url = \(bind: record.bodyURL),
                    scope_level = \(bind: record.scopeLevel.rawValue), scope_specifications = \(bind: columns.specifications),
                    grading = \(bind: record.grading), grade = \(bind: record.grade), positive = \(bind: record.positive ? 1 : 0),
                    valid_from = \(bind: Timestamp.format(record.validFrom)), valid_until = \(bind: record.validUntil.map(Timestamp.format)),
                    benefits = \(bind: columns.benefits), standards = \(bind: columns.standards),
                    elements_assessed = \(bind: columns.elements), methods = \(bind: columns.methods),
                    stakeholder_participation = \(bind: columns.stakeholders), costs = \(bind: record.costs),
                    updated_at = \(bind: Timestamp.format(record.updatedAt))
                WHERE id = \(bind: record.id.description)
                """).run()
        }
    }

    public func withdraw(id: QARecordID, at: Date, reason: String) async throws -> ProviderQARecord {
        try await database.transaction { session in
            var stored = try await lockedRecord(id, session: session)
            guard stored.withdrawnAt == nil else { throw StorageError.immutable("quality-assurance record \(id) is already withdrawn") }
            try await session.raw("""
                UPDATE qa_records SET withdrawn_at = \(bind: Timestamp.format(at)), withdrawal_reason = \(bind: reason)
                WHERE id = \(bind: id.description)
                """).run()
            stored.withdrawnAt = Timestamp.roundedToMilliseconds(at)
            stored.withdrawalReason = reason
            return stored
        }
    }

    public func qaRecord(id: QARecordID) async throws -> ProviderQARecord? {
        try await sql.raw("SELECT * FROM qa_records WHERE id = \(bind: id.description)").first().map(Self.qaRecord(from:))
    }

    public func qaRecords(provider: OrganisationID) async throws -> [ProviderQARecord] {
        try await sql.raw("""
            SELECT * FROM qa_records WHERE provider_id = \(bind: provider.description) ORDER BY valid_from, id
            """).all().map(Self.qaRecord(from:))
    }

    public func allQARecords() async throws -> [ProviderQARecord] {
        try await sql.raw("SELECT * FROM qa_records ORDER BY provider_id, valid_from, id").all().map(Self.qaRecord(from:))
    }

    public func countQARecords() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM qa_records")
    }

    /// Reads a record inside a transaction (the write lock is already held on SQLite; on
    /// PostgreSQL the row is locked until the transaction ends).
    private func lockedRecord(_ id: QARecordID, session: any SQLDatabase) async throws -> ProviderQARecord {
        let lock: SQLQueryString = database.engine == .postgres ? " FOR UPDATE" : ""
        guard let row = try await session.raw("SELECT * FROM qa_records WHERE id = \(bind: id.description)\(lock)").first() else {
            throw StorageError.notFound("quality-assurance record \(id)")
        }
        return try Self.qaRecord(from: row)
    }

    static func qaRecord(from row: any SQLRow) throws -> ProviderQARecord {
        func list<T: Decodable>(_ column: String, _: T.Type) throws -> [T] {
            let text = try row.text(column)
            guard let value = try? JSONDecoder().decode([T].self, from: Data(text.utf8)) else {
                throw StorageError.corruptRow("qa_records.\(column)=\(text)")
            }
            return value
        }
        return ProviderQARecord(
            id: try row.id("id"), providerID: try row.id("provider_id"), mechanism: try row.text("mechanism"),
            bodyName: try row.text("body_name"), bodyKind: try row.text("body_kind"),
            bodyCountry: try row.optionalText("body_country"), bodyURL: try row.optionalText("body_url"),
            scopeLevel: try row.enumValue("scope_level", as: QAScopeLevel.self),
            scopeSpecifications: try list("scope_specifications", QASpecificationRef.self),
            grading: try row.text("grading"), grade: try row.text("grade"),
            positive: try row.decode(column: "positive", as: Int.self) == 1,
            validFrom: try row.timestamp("valid_from"), validUntil: try row.optionalTimestamp("valid_until"),
            benefits: try list("benefits", String.self), standards: try list("standards", String.self),
            elementsAssessed: try list("elements_assessed", String.self), methods: try list("methods", String.self),
            stakeholderParticipation: try list("stakeholder_participation", QAStakeholderEntry.self),
            costs: try row.optionalText("costs"), withdrawnAt: try row.optionalTimestamp("withdrawn_at"),
            withdrawalReason: try row.optionalText("withdrawal_reason"), enteredBy: try row.optionalID("entered_by"),
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at")
        )
    }
}

/// The JSON-array columns of one record, encoded the same way every time (sorted keys).
private struct QARecordColumns {
    let specifications, benefits, standards, elements, methods, stakeholders: String

    init(_ record: ProviderQARecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        specifications = try json(record.scopeSpecifications)
        benefits = try json(record.benefits)
        standards = try json(record.standards)
        elements = try json(record.elementsAssessed)
        methods = try json(record.methods)
        stakeholders = try json(record.stakeholderParticipation)
    }
}
