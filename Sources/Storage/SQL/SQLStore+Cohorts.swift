import Foundation
import SQLKit

extension SQLStore: CohortStore {
    public func insertCohort(_ cohort: CohortRecord) async throws {
        try await sql.raw("""
            INSERT INTO cohorts (id, organisation_id, name, created_by, created_at)
            VALUES (\(bind: cohort.id.description), \(bind: cohort.organisationID.description), \(bind: cohort.name),
                    \(bind: cohort.createdBy?.description), \(bind: Timestamp.format(cohort.createdAt)))
            """).run()
    }

    public func cohort(id: CohortID) async throws -> CohortRecord? {
        try await sql.raw("SELECT * FROM cohorts WHERE id = \(bind: id.description)").first().map(Self.cohort(from:))
    }

    public func cohorts(organisationID: OrganisationID) async throws -> [CohortRecord] {
        try await sql.raw("""
            SELECT * FROM cohorts WHERE organisation_id = \(bind: organisationID.description) ORDER BY created_at DESC, id DESC
            """).all().map(Self.cohort(from:))
    }

    public func addMember(_ member: CohortMember) async throws -> Bool {
        let existing = try await sql.raw("""
            SELECT learner_id FROM cohort_members
            WHERE cohort_id = \(bind: member.cohortID.description) AND learner_id = \(bind: member.learnerID.description)
            """).first()
        if existing != nil { return false }
        try await sql.raw("""
            INSERT INTO cohort_members (cohort_id, learner_id, language, added_at)
            VALUES (\(bind: member.cohortID.description), \(bind: member.learnerID.description), \(bind: member.language),
                    \(bind: Timestamp.format(member.addedAt)))
            ON CONFLICT (cohort_id, learner_id) DO NOTHING
            """).run()
        return true
    }

    public func members(cohortID: CohortID) async throws -> [CohortMember] {
        try await sql.raw("""
            SELECT * FROM cohort_members WHERE cohort_id = \(bind: cohortID.description) ORDER BY added_at, learner_id
            """).all().map { row in
            CohortMember(cohortID: try row.id("cohort_id"), learnerID: try row.id("learner_id"),
                         language: try row.text("language"), addedAt: try row.timestamp("added_at"))
        }
    }

    public func insertSitting(_ sitting: SittingRecord) async throws {
        try await insertingUnique("access code \(sitting.accessCode)") {
            try await sql.raw("""
                INSERT INTO sittings (id, cohort_id, form_id, access_code, opened_by, opened_at, closed_at)
                VALUES (\(bind: sitting.id.description), \(bind: sitting.cohortID.description), \(bind: sitting.formID),
                        \(bind: sitting.accessCode), \(bind: sitting.openedBy?.description),
                        \(bind: Timestamp.format(sitting.openedAt)), \(bind: sitting.closedAt.map(Timestamp.format)))
                """).run()
        }
    }

    public func sitting(id: SittingID) async throws -> SittingRecord? {
        try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: id.description)").first().map(Self.sitting(from:))
    }

    public func sitting(accessCode: String) async throws -> SittingRecord? {
        try await sql.raw("SELECT * FROM sittings WHERE access_code = \(bind: accessCode)").first().map(Self.sitting(from:))
    }

    public func sittings(cohortID: CohortID) async throws -> [SittingRecord] {
        try await sql.raw("""
            SELECT * FROM sittings WHERE cohort_id = \(bind: cohortID.description) ORDER BY opened_at DESC, id DESC
            """).all().map(Self.sitting(from:))
    }

    public func closeSitting(id: SittingID, at date: Date) async throws {
        guard try await sitting(id: id) != nil else { throw StorageError.notFound("sitting \(id)") }
        try await sql.raw("""
            UPDATE sittings SET closed_at = \(bind: Timestamp.format(date)) WHERE id = \(bind: id.description) AND closed_at IS NULL
            """).run()
    }

    public func insertPracticalScore(_ score: PracticalScoreRecord) async throws {
        try await sql.raw("""
            INSERT INTO practical_scores (id, learner_id, assessor_id, organisation_id, skill, task, criteria_json, total, maximum, scored_at)
            VALUES (\(bind: score.id.description), \(bind: score.learnerID.description), \(bind: score.assessorID.description),
                    \(bind: score.organisationID.description), \(bind: score.skill), \(bind: score.task),
                    \(bind: try StoredJSON.encode(score.criteria)), \(bind: score.total), \(bind: score.maximum),
                    \(bind: Timestamp.format(score.scoredAt)))
            """).run()
    }

    public func practicalScores(learnerID: UserID) async throws -> [PracticalScoreRecord] {
        try await sql.raw("""
            SELECT * FROM practical_scores WHERE learner_id = \(bind: learnerID.description) ORDER BY scored_at DESC, id DESC
            """).all().map { row in
            PracticalScoreRecord(
                id: try row.id("id"), learnerID: try row.id("learner_id"), assessorID: try row.id("assessor_id"),
                organisationID: try row.id("organisation_id"), skill: try row.text("skill"), task: try row.text("task"),
                criteria: try StoredJSON.decode([PracticalScoreRecord.Criterion].self, try row.text("criteria_json"), column: "criteria_json"),
                scoredAt: try row.timestamp("scored_at"))
        }
    }

    static func cohort(from row: any SQLRow) throws -> CohortRecord {
        CohortRecord(id: try row.id("id"), organisationID: try row.id("organisation_id"), name: try row.text("name"),
                     createdBy: try row.optionalID("created_by"), createdAt: try row.timestamp("created_at"))
    }

    static func sitting(from row: any SQLRow) throws -> SittingRecord {
        SittingRecord(id: try row.id("id"), cohortID: try row.id("cohort_id"), formID: try row.text("form_id"),
                      accessCode: try row.text("access_code"), openedBy: try row.optionalID("opened_by"),
                      openedAt: try row.timestamp("opened_at"), closedAt: try row.optionalTimestamp("closed_at"))
    }
}
