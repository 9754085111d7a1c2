import Foundation
import Storage
import Testing

/// Contract of `TestSessionStore`, `AwardStore` and `CohortStore` on both engines.
@Suite("Test session, award and cohort stores", .serialized)
struct TestSessionStoreContractTests {
    static func setUp(_ store: SQLStore) async throws -> (Organisation, User) {
        let centre = Fixtures.organisation(slug: "centre-\(UUID().uuidString.prefix(8).lowercased())")
        try await store.insert(centre)
        let learner = Fixtures.user(email: "\(UUID().uuidString)@example.org", role: .learner, organisation: centre.id)
        try await store.insert(learner)
        return (centre, learner)
    }

    static func session(_ learner: User, form: String = "empass-demo-v1", at: Date = Fixtures.t0) -> TestSessionRecord {
        TestSessionRecord(id: .init(UUID.v7(at: at, random: Fixtures.random)), learnerID: learner.id, formID: form, language: "en",
                          state: .created, seed: UInt64.max - 5, timeLimitSeconds: 1200, organisationID: learner.organisationID,
                          sittingID: nil, createdAt: at)
    }

    @Test("a session round-trips with presented items, responses and a seed above Int64.max", arguments: TestEngines.all)
    func roundTrip(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let (_, learner) = try await Self.setUp(store)
            var record = Self.session(learner)
            try await store.insertTestSession(record)
            record.state = .inProgress
            record.startedAt = Fixtures.t0.addingTimeInterval(1)
            record.deadline = Fixtures.t0.addingTimeInterval(1201)
            record.presented = [PresentedItemRecord(itemID: "teamwork-01", skill: "teamwork", responseOrder: [2, 0, 3, 1],
                                                    presentedAt: Fixtures.t0.addingTimeInterval(2))]
            let response = ResponseRecord(itemID: "teamwork-01", ratings: [4, 1, 3, 2], answeredAt: Fixtures.t0.addingTimeInterval(30), language: "el")
            #expect(try await store.saveTestSession(record, responses: [response]) == 1)
            let stored = try #require(try await store.testSession(id: record.id))
            record.revision = 1
            #expect(stored.record == record)
            #expect(stored.responses == [response])
            #expect(try await store.testSessions(learnerID: learner.id).map(\.id) == [record.id])
            #expect(try await store.activeTestSession(learnerID: learner.id, formID: "empass-demo-v1")?.id == record.id)
        }
    }

    @Test("one active session per learner and form, by the database", arguments: TestEngines.all)
    func oneActive(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, database in
            let (_, learner) = try await Self.setUp(store)
            var first = Self.session(learner)
            try await store.insertTestSession(first)
            await #expect(throws: StorageError.self) { try await store.insertTestSession(Self.session(learner)) }
            // A different form is fine.
            try await store.insertTestSession(Self.session(learner, form: "empass-adaptive-v1"))
            // Raw SQL bypassing the store is refused too (the partial unique index).
            let raw = Self.session(learner)
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("""
                    INSERT INTO test_sessions (id, learner_id, form_id, language, state, seed, created_at, presented_json, revision)
                    VALUES (\(bind: raw.id.description), \(bind: learner.id.description), 'empass-demo-v1', 'en', 'inProgress', '1',
                            '2030-01-01T00:00:00.000Z', '[]', 0)
                    """).run()
            }
            // Once submitted, a new session of the same form may start.
            first.state = .submitted
            first.submittedAt = Fixtures.t0.addingTimeInterval(60)
            try await store.saveTestSession(first, responses: [])
            try await store.insertTestSession(Self.session(learner))
            #expect(try await store.countTestSessions() == 3)
        }
    }

    @Test("responses are idempotent by (session, item) and a stale save is refused", arguments: TestEngines.all)
    func idempotentResponses(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let (_, learner) = try await Self.setUp(store)
            var record = Self.session(learner)
            record.state = .inProgress
            try await store.insertTestSession(record)
            let answer = ResponseRecord(itemID: "communication-02", ratings: [1, 2, 3, 4], answeredAt: Fixtures.t0, language: "en")
            record.revision = try await store.saveTestSession(record, responses: [answer])
            record.revision = try await store.saveTestSession(record, responses: [answer])
            var changed = answer
            changed.ratings = [4, 3, 2, 1]
            changed.revisions = 1
            let stale = record
            record.revision = try await store.saveTestSession(record, responses: [changed])
            #expect(try await store.testSession(id: record.id)?.responses == [changed])
            await #expect(throws: StorageError.concurrentUpdate("test session \(record.id) (revision 3, expected 2)")) {
                try await store.saveTestSession(stale, responses: [answer])
            }
            #expect(try await store.testSession(id: record.id)?.responses == [changed])
        }
    }

    static func award(_ learner: User, session: TestSessionRecordID?, at: Date = Fixtures.t0) -> AwardRecord {
        AwardRecord(
            id: .init(UUID.v7(at: at, random: Fixtures.random)), learnerID: learner.id, sessionID: session, awarded: true,
            specID: "empass-employability", specVersion: 1, specContentHash: "abc123", formID: "empass-demo-v1",
            itemBankVersion: "bank-0123456789ab", model: "GRM", decidedAt: at, organisationID: learner.organisationID,
            supervision: "supervisedOnSiteWithIdentityVerification", decidedBy: .automatic, assessorID: nil, basis: .test,
            ruleJSON: #"{"minimumProbability":0.8}"#,
            skills: [AwardedSkill(skill: "teamwork", level: 3, status: .met, theta: 0.71, standardError: 0.38, probability: 0.93, evidence: "test")])
    }

    @Test("scoring stores results and the award atomically; award lookups and the credential id", arguments: TestEngines.all)
    func scoringAndAward(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let (_, learner) = try await Self.setUp(store)
            var record = Self.session(learner)
            try await store.insertTestSession(record)
            record.state = .scored
            record.scoredAt = Fixtures.t0.addingTimeInterval(100)
            let results = [
                SkillResultRecord(skill: "teamwork", frameworkIndex: 2, theta: 0.71, standardError: 0.38, level: 3, itemCount: 4,
                                  probabilityAtLeast: [0.99, 0.62, 0.05]),
                SkillResultRecord(skill: "communication", frameworkIndex: 0, theta: -0.2, standardError: 0.41, level: 2, itemCount: 3,
                                  probabilityAtLeast: [0.77, 0.1, 0.0]),
            ]
            let award = Self.award(learner, session: record.id)
            try await store.completeScoring(record, results: results, award: award)
            #expect(try await store.skillResults(sessionID: record.id).map(\.skill) == ["communication", "teamwork"])
            #expect(try await store.skillResults(sessionID: record.id).last == results[0])
            #expect(try await store.award(forSession: record.id) == award)
            #expect(try await store.awards(forLearner: learner.id) == [award])
            // A second award for the session is a duplicate; a failed scoring leaves nothing behind.
            await #expect(throws: StorageError.duplicate("an award for session \(record.id)")) {
                try await store.insertAward(Self.award(learner, session: record.id))
            }
            #expect(try await store.awardsAwaitingCredential(limit: 10).map(\.id) == [award.id])
            try await store.setCredentialID("urn:uuid:1111", forAward: award.id)
            try await store.setCredentialID("urn:uuid:1111", forAward: award.id)
            #expect(try await store.awardsAwaitingCredential(limit: 10).isEmpty)
            await #expect(throws: StorageError.self) { try await store.setCredentialID("urn:uuid:2222", forAward: award.id) }
            #expect(try await store.award(id: award.id)?.credentialID == "urn:uuid:1111")
            // A practical-evidence award has no session.
            var practical = Self.award(learner, session: nil, at: Fixtures.t0.addingTimeInterval(5))
            practical.decidedBy = .assessor
            practical.basis = .practical
            try await store.insertAward(practical)
            #expect(try await store.awards(forLearner: learner.id).map(\.id) == [practical.id, award.id])
        }
    }

    @Test("a scoring that fails midway leaves the session unscored", arguments: TestEngines.all)
    func scoringIsAtomic(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let (_, learner) = try await Self.setUp(store)
            var record = Self.session(learner)
            try await store.insertTestSession(record)
            record.state = .scored
            let duplicate = SkillResultRecord(skill: "teamwork", frameworkIndex: 2, theta: 0, standardError: 1, level: 2, itemCount: 1,
                                              probabilityAtLeast: [0.5, 0.2, 0.1])
            await #expect(throws: (any Error).self) {
                try await store.completeScoring(record, results: [duplicate, duplicate], award: Self.award(learner, session: record.id))
            }
            #expect(try await store.testSession(id: record.id)?.record.state == .created)
            #expect(try await store.skillResults(sessionID: record.id).isEmpty)
            #expect(try await store.award(forSession: record.id) == nil)
        }
    }

    @Test("export lists responses of submitted sessions only, with language and centre country", arguments: TestEngines.all)
    func export(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let (_, learner) = try await Self.setUp(store)
            var done = Self.session(learner, form: "form-a")
            try await store.insertTestSession(done)
            done.state = .submitted
            try await store.saveTestSession(done, responses: [
                ResponseRecord(itemID: "teamwork-01", ratings: [1, 2, 3, 4], answeredAt: Fixtures.t0, language: "ro"),
            ])
            var open = Self.session(learner, form: "form-b")
            try await store.insertTestSession(open)
            open.state = .inProgress
            try await store.saveTestSession(open, responses: [
                ResponseRecord(itemID: "teamwork-02", ratings: [1, 1, 1, 1], answeredAt: Fixtures.t0, language: "en"),
            ])
            let rows = try await store.responsesForExport(formID: nil)
            #expect(rows == [ResponseExportRow(sessionID: done.id, formID: "form-a", itemID: "teamwork-01", ratings: [1, 2, 3, 4],
                                               language: "ro", country: "RO")])
            #expect(try await store.responsesForExport(formID: "form-b").isEmpty)
        }
    }

    @Test("cohorts, members, sittings by access code, practical scores", arguments: TestEngines.all)
    func cohorts(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let (centre, learner) = try await Self.setUp(store)
            let cohort = CohortRecord(id: .init(UUID.v7(at: Fixtures.t0, random: Fixtures.random)), organisationID: centre.id,
                                      name: "Class 2B", createdBy: nil, createdAt: Fixtures.t0)
            try await store.insertCohort(cohort)
            #expect(try await store.cohorts(organisationID: centre.id) == [cohort])
            let member = CohortMember(cohortID: cohort.id, learnerID: learner.id, language: "ro", addedAt: Fixtures.t0)
            #expect(try await store.addMember(member))
            #expect(try await store.addMember(member) == false)
            #expect(try await store.members(cohortID: cohort.id) == [member])
            let sitting = SittingRecord(id: .init(UUID.v7(at: Fixtures.t0, random: Fixtures.random)), cohortID: cohort.id,
                                        formID: "empass-demo-v1", accessCode: "K7M-42Q", openedBy: nil, openedAt: Fixtures.t0)
            try await store.insertSitting(sitting)
            var again = sitting
            again.id = .init(UUID.v7(at: Fixtures.t0, random: Fixtures.random))
            await #expect(throws: StorageError.duplicate("access code K7M-42Q")) { try await store.insertSitting(again) }
            #expect(try await store.sitting(accessCode: "K7M-42Q") == sitting)
            try await store.closeSitting(id: sitting.id, at: Fixtures.t0.addingTimeInterval(60))
            try await store.closeSitting(id: sitting.id, at: Fixtures.t0.addingTimeInterval(120))
            #expect(try await store.sitting(id: sitting.id)?.closedAt == Fixtures.t0.addingTimeInterval(60))
            #expect(try await store.sittings(cohortID: cohort.id).count == 1)

            let assessor = Fixtures.user(email: "assessor-\(UUID().uuidString)@example.org", role: .assessor, organisation: centre.id)
            try await store.insert(assessor)
            let score = PracticalScoreRecord(
                id: .init(UUID.v7(at: Fixtures.t0, random: Fixtures.random)), learnerID: learner.id, assessorID: assessor.id,
                organisationID: centre.id, skill: "teamwork", task: "Shelf restocking with a partner",
                criteria: [.init(name: "shares tasks", score: 3), .init(name: "asks for help", score: 2)], scoredAt: Fixtures.t0)
            try await store.insertPracticalScore(score)
            let stored = try #require(try await store.practicalScores(learnerID: learner.id).first)
            #expect(stored == score)
            #expect(stored.total == 5 && stored.maximum == 6)
        }
    }
}
