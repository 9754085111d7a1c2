import Foundation
import SQLKit

extension SQLStore: TestSessionStore {
    public func insertTestSession(_ record: TestSessionRecord) async throws {
        let presented = try StoredJSON.encode(record.presented)
        try await insertingUnique("an active session of form \(record.formID) for learner \(record.learnerID)") {
            try await sql.raw("""
                INSERT INTO test_sessions (id, learner_id, form_id, language, state, seed, time_limit_seconds,
                    organisation_id, sitting_id, created_at, started_at, deadline, submitted_at, submission_reason,
                    scored_at, presented_json, revision)
                VALUES (\(bind: record.id.description), \(bind: record.learnerID.description), \(bind: record.formID),
                        \(bind: record.language), \(bind: record.state.rawValue), \(bind: String(record.seed)),
                        \(bind: record.timeLimitSeconds), \(bind: record.organisationID?.description),
                        \(bind: record.sittingID?.description), \(bind: Timestamp.format(record.createdAt)),
                        \(bind: record.startedAt.map(Timestamp.format)), \(bind: record.deadline.map(Timestamp.format)),
                        \(bind: record.submittedAt.map(Timestamp.format)), \(bind: record.submissionReason),
                        \(bind: record.scoredAt.map(Timestamp.format)), \(bind: presented), \(bind: 0))
                """).run()
        }
    }

    public func testSession(id: TestSessionRecordID) async throws -> StoredTestSession? {
        guard let row = try await sql.raw("SELECT * FROM test_sessions WHERE id = \(bind: id.description)").first() else { return nil }
        return StoredTestSession(record: try Self.testSession(from: row), responses: try await responses(sessionID: id))
    }

    public func testSessions(learnerID: UserID) async throws -> [TestSessionRecord] {
        try await sql.raw("""
            SELECT * FROM test_sessions WHERE learner_id = \(bind: learnerID.description) ORDER BY created_at DESC, id DESC
            """).all().map(Self.testSession(from:))
    }

    public func testSessions(sittingID: SittingID) async throws -> [StoredTestSession] {
        let records = try await sql.raw("""
            SELECT * FROM test_sessions WHERE sitting_id = \(bind: sittingID.description) ORDER BY created_at, id
            """).all().map(Self.testSession(from:))
        var sessions: [StoredTestSession] = []
        for record in records {
            sessions.append(StoredTestSession(record: record, responses: try await responses(sessionID: record.id)))
        }
        return sessions
    }

    public func activeTestSession(learnerID: UserID, formID: String) async throws -> TestSessionRecord? {
        try await sql.raw("""
            SELECT * FROM test_sessions
            WHERE learner_id = \(bind: learnerID.description) AND form_id = \(bind: formID)
              AND state IN ('created', 'inProgress')
            """).first().map(Self.testSession(from:))
    }

    public func saveTestSession(_ record: TestSessionRecord, responses: [ResponseRecord]) async throws -> Int {
        try await database.transaction { session in
            try await Self.save(record, responses: responses, on: session)
        }
    }

    public func completeScoring(_ record: TestSessionRecord, results: [SkillResultRecord], award: AwardRecord?) async throws -> Int {
        let engine = database.engine
        return try await database.transaction { session in
            let revision = try await Self.save(record, responses: [], on: session)
            for result in results {
                let p = result.probabilityAtLeast + Array(repeating: 0, count: max(0, 3 - result.probabilityAtLeast.count))
                try await session.raw("""
                    INSERT INTO skill_results (session_id, skill, framework_index, theta, standard_error, level, item_count,
                                               p_level_2, p_level_3, p_level_4)
                    VALUES (\(bind: record.id.description), \(bind: result.skill), \(bind: result.frameworkIndex),
                            \(bind: result.theta), \(bind: result.standardError), \(bind: result.level), \(bind: result.itemCount),
                            \(bind: p[0]), \(bind: p[1]), \(bind: p[2]))
                    """).run()
            }
            if let award { try await Self.insert(award, on: session, engine: engine) }
            return revision
        }
    }

    public func skillResults(sessionID: TestSessionRecordID) async throws -> [SkillResultRecord] {
        try await sql.raw("""
            SELECT * FROM skill_results WHERE session_id = \(bind: sessionID.description) ORDER BY framework_index, skill
            """).all().map { row in
            SkillResultRecord(
                skill: try row.text("skill"), frameworkIndex: try row.decode(column: "framework_index", as: Int.self),
                theta: try row.decode(column: "theta", as: Double.self),
                standardError: try row.decode(column: "standard_error", as: Double.self),
                level: try row.decode(column: "level", as: Int.self), itemCount: try row.decode(column: "item_count", as: Int.self),
                probabilityAtLeast: try ["p_level_2", "p_level_3", "p_level_4"].map { try row.decode(column: $0, as: Double.self) })
        }
    }

    public func responsesForExport(formID: String?) async throws -> [ResponseExportRow] {
        try await sql.raw("""
            SELECT r.session_id, s.form_id, r.item_id, r.rating_1, r.rating_2, r.rating_3, r.rating_4, r.language,
                   o.country
            FROM test_responses r
            JOIN test_sessions s ON s.id = r.session_id
            LEFT JOIN organisations o ON o.id = s.organisation_id
            WHERE s.state IN ('submitted', 'scored')
              AND (CAST(\(bind: formID) AS TEXT) IS NULL OR s.form_id = \(bind: formID))
            ORDER BY r.session_id, r.item_id
            """).all().map { row in
            ResponseExportRow(
                sessionID: try row.id("session_id"), formID: try row.text("form_id"), itemID: try row.text("item_id"),
                ratings: try Self.ratings(row), language: try row.text("language"), country: try row.optionalText("country"))
        }
    }

    public func countTestSessions() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM test_sessions")
    }

    // MARK: Rows

    /// Updates the row if it is still at `record.revision`, then upserts the responses.
    static func save(_ record: TestSessionRecord, responses: [ResponseRecord], on session: any SQLDatabase) async throws -> Int {
        let presented = try StoredJSON.encode(record.presented)
        guard let row = try await session.raw("""
            SELECT revision FROM test_sessions WHERE id = \(bind: record.id.description)
            """).first() else { throw StorageError.notFound("test session \(record.id)") }
        let stored = try row.decode(column: "revision", as: Int.self)
        guard stored == record.revision else {
            throw StorageError.concurrentUpdate("test session \(record.id) (revision \(stored), expected \(record.revision))")
        }
        let next = record.revision + 1
        try await session.raw("""
            UPDATE test_sessions
            SET language = \(bind: record.language), state = \(bind: record.state.rawValue),
                started_at = \(bind: record.startedAt.map(Timestamp.format)), deadline = \(bind: record.deadline.map(Timestamp.format)),
                submitted_at = \(bind: record.submittedAt.map(Timestamp.format)), submission_reason = \(bind: record.submissionReason),
                scored_at = \(bind: record.scoredAt.map(Timestamp.format)), presented_json = \(bind: presented),
                revision = \(bind: next)
            WHERE id = \(bind: record.id.description) AND revision = \(bind: record.revision)
            """).run()
        for response in responses {
            guard response.ratings.count == 4 else { throw StorageError.corruptRow("a response needs four ratings") }
            try await session.raw("""
                INSERT INTO test_responses (session_id, item_id, rating_1, rating_2, rating_3, rating_4, answered_at, language, revisions)
                VALUES (\(bind: record.id.description), \(bind: response.itemID), \(bind: response.ratings[0]),
                        \(bind: response.ratings[1]), \(bind: response.ratings[2]), \(bind: response.ratings[3]),
                        \(bind: Timestamp.format(response.answeredAt)), \(bind: response.language), \(bind: response.revisions))
                ON CONFLICT (session_id, item_id) DO UPDATE SET
                    rating_1 = excluded.rating_1, rating_2 = excluded.rating_2, rating_3 = excluded.rating_3,
                    rating_4 = excluded.rating_4, answered_at = excluded.answered_at, language = excluded.language,
                    revisions = excluded.revisions
                """).run()
        }
        return next
    }

    func responses(sessionID: TestSessionRecordID) async throws -> [ResponseRecord] {
        try await sql.raw("""
            SELECT * FROM test_responses WHERE session_id = \(bind: sessionID.description) ORDER BY answered_at, item_id
            """).all().map { row in
            ResponseRecord(itemID: try row.text("item_id"), ratings: try Self.ratings(row), answeredAt: try row.timestamp("answered_at"),
                           language: try row.text("language"), revisions: try row.decode(column: "revisions", as: Int.self))
        }
    }

    static func ratings(_ row: any SQLRow) throws -> [Int] {
        try ["rating_1", "rating_2", "rating_3", "rating_4"].map { try row.decode(column: $0, as: Int.self) }
    }

    static func testSession(from row: any SQLRow) throws -> TestSessionRecord {
        let seedText = try row.text("seed")
        guard let seed = UInt64(seedText) else { throw StorageError.corruptRow("seed=\(seedText)") }
        return TestSessionRecord(
            id: try row.id("id"), learnerID: try row.id("learner_id"), formID: try row.text("form_id"),
            language: try row.text("language"), state: try row.enumValue("state", as: TestSessionState.self), seed: seed,
            timeLimitSeconds: try row.decodeNil(column: "time_limit_seconds") ? nil : try row.decode(column: "time_limit_seconds", as: Int.self),
            organisationID: try row.optionalID("organisation_id"), sittingID: try row.optionalID("sitting_id"),
            createdAt: try row.timestamp("created_at"), startedAt: try row.optionalTimestamp("started_at"),
            deadline: try row.optionalTimestamp("deadline"), submittedAt: try row.optionalTimestamp("submitted_at"),
            submissionReason: try row.optionalText("submission_reason"), scoredAt: try row.optionalTimestamp("scored_at"),
            presented: try StoredJSON.decode([PresentedItemRecord].self, try row.text("presented_json"), column: "presented_json"),
            revision: try row.decode(column: "revision", as: Int.self)
        )
    }
}
