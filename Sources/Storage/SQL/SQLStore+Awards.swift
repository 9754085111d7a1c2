import Foundation
import SQLKit

extension SQLStore: AwardStore {
    public func insertAward(_ award: AwardRecord) async throws {
        let engine = database.engine
        try await database.transaction { session in try await Self.insert(award, on: session, engine: engine) }
    }

    public func award(id: AwardID) async throws -> AwardRecord? {
        try await sql.raw("SELECT * FROM awards WHERE id = \(bind: id.description)").first().map(Self.award(from:))
    }

    public func award(forSession sessionID: TestSessionRecordID) async throws -> AwardRecord? {
        try await sql.raw("SELECT * FROM awards WHERE session_id = \(bind: sessionID.description)").first().map(Self.award(from:))
    }

    public func awards(forLearner learnerID: UserID) async throws -> [AwardRecord] {
        try await sql.raw("""
            SELECT * FROM awards WHERE learner_id = \(bind: learnerID.description) ORDER BY decided_at DESC, id DESC
            """).all().map(Self.award(from:))
    }

    public func awardsAwaitingCredential(limit: Int) async throws -> [AwardRecord] {
        try await sql.raw("""
            SELECT * FROM awards WHERE awarded = 1 AND credential_id IS NULL ORDER BY decided_at, id
            LIMIT \(bind: max(0, min(limit, 1000)))
            """).all().map(Self.award(from:))
    }

    public func setCredentialID(_ credentialID: String, forAward id: AwardID) async throws {
        try await database.transaction { session in
            guard let row = try await session.raw("SELECT credential_id FROM awards WHERE id = \(bind: id.description)").first() else {
                throw StorageError.notFound("award \(id)")
            }
            if let existing = try row.optionalText("credential_id") {
                guard existing == credentialID else { throw StorageError.immutable("award \(id) already has credential \(existing)") }
                return
            }
            try await session.raw("""
                UPDATE awards SET credential_id = \(bind: credentialID) WHERE id = \(bind: id.description) AND credential_id IS NULL
                """).run()
        }
    }

    static func insert(_ award: AwardRecord, on session: any SQLDatabase, engine: DatabaseEngine) async throws {
        let skills = try StoredJSON.encode(award.skills)
        do {
            try await session.raw("""
                INSERT INTO awards (id, learner_id, session_id, awarded, spec_id, spec_version, spec_content_hash, form_id,
                                    item_bank_version, model, decided_at, organisation_id, supervision, decided_by, assessor_id,
                                    basis, rule_json, skills_json, credential_id)
                VALUES (\(bind: award.id.description), \(bind: award.learnerID.description), \(bind: award.sessionID?.description),
                        \(bind: award.awarded ? 1 : 0), \(bind: award.specID), \(bind: award.specVersion),
                        \(bind: award.specContentHash), \(bind: award.formID), \(bind: award.itemBankVersion), \(bind: award.model),
                        \(bind: Timestamp.format(award.decidedAt)), \(bind: award.organisationID?.description),
                        \(bind: award.supervision), \(bind: award.decidedBy.rawValue), \(bind: award.assessorID?.description),
                        \(bind: award.basis.rawValue), \(bind: award.ruleJSON), \(bind: skills), \(bind: award.credentialID))
                """).run()
        } catch {
            // The session column is UNIQUE: a second award for one session is a duplicate.
            if engine.isUniqueViolation(error) {
                throw StorageError.duplicate("an award for session \(award.sessionID?.description ?? "-")")
            }
            throw error
        }
    }

    static func award(from row: any SQLRow) throws -> AwardRecord {
        AwardRecord(
            id: try row.id("id"), learnerID: try row.id("learner_id"), sessionID: try row.optionalID("session_id"),
            awarded: try row.decode(column: "awarded", as: Int.self) != 0, specID: try row.text("spec_id"),
            specVersion: try row.decode(column: "spec_version", as: Int.self), specContentHash: try row.text("spec_content_hash"),
            formID: try row.optionalText("form_id"), itemBankVersion: try row.optionalText("item_bank_version"),
            model: try row.text("model"), decidedAt: try row.timestamp("decided_at"),
            organisationID: try row.optionalID("organisation_id"), supervision: try row.optionalText("supervision"),
            decidedBy: try row.enumValue("decided_by", as: AwardDecider.self), assessorID: try row.optionalID("assessor_id"),
            basis: try row.enumValue("basis", as: AwardEvidenceBasis.self), ruleJSON: try row.text("rule_json"),
            skills: try StoredJSON.decode([AwardedSkill].self, try row.text("skills_json"), column: "skills_json"),
            credentialID: try row.optionalText("credential_id")
        )
    }
}
