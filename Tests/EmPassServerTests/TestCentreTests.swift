import Assessment
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Psychometrics
import Storage
import Testing
@testable import EmPassServer

/// The test centre over real HTTP: cohort, CSV enrolment report, sitting with an access code,
/// progress, closing, practical evidence and an assessor's award; the expert pages and export.
@Suite("Test centre and expert pages", .serialized)
struct TestCentreTests {
    static func location(_ response: TestResponse) throws -> String { try #require(response.headers[.location]) }

    /// The cell of the report row for `email` (the row's text).
    static func reportRow(_ html: String, _ email: String) -> String? {
        html.components(separatedBy: "<tr").first { $0.contains("<td>\(email)</td>") }
    }

    static func password(in row: String) -> String? {
        guard let range = row.range(of: #"<code class="secret">[^<]+</code>"#, options: .regularExpression) else { return nil }
        return String(row[range].dropFirst(#"<code class="secret">"#.count).dropLast("</code>".count))
    }

    @Test("cohort, CSV enrolment, sitting, progress, closing", arguments: TestEngines.all)
    func cohortAndSitting(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let assessor = Browser(app.client)
            try await assessor.logIn(app.accounts[.assessor].email, app.accounts[.assessor].password)
            let account = try await assessor.get("/account")
            #expect(account.text.contains(#"href="/centre""#))
            let centre = try await assessor.get("/centre")
            #expect(centre.status == .ok)
            let csrf = try Browser.csrfToken(in: centre)
            #expect(try await assessor.post("/centre/cohorts", form: [("csrf_token", csrf), ("name", "  ")]).status == .unprocessableContent)
            let created = try await assessor.post("/centre/cohorts", form: [("csrf_token", csrf), ("name", "Class 2B – retail")])
            #expect(created.status == .seeOther)
            let cohortPath = try Self.location(created)
            #expect(try await assessor.get(cohortPath).text.contains("Class 2B – retail"))

            let users = try await app.store.countUsers()
            let csv = """
                email,name,language
                new.learner@demo.empass.test,"Popescu, Ana",ro
                \(app.accounts[.learner].email),Demo Learner,en
                not-an-email,Someone,en
                fr.learner@demo.empass.test,Jean,fr
                \(app.accounts[.employer].email),Employer,en
                only,two
                NEW.LEARNER@demo.empass.test,Ana again,ro
                """
            let report = try await assessor.post(cohortPath + "/enrol", form: [("csrf_token", csrf), ("csv", csv)])
            #expect(report.status == .ok)
            let html = report.text
            #expect(html.contains("1 accounts created, 1 existing learners enrolled, 1 already enrolled, 4 rows rejected."))
            let newRow = try #require(Self.reportRow(html, "new.learner@demo.empass.test"))
            #expect(newRow.contains("account created and enrolled"))
            let password = try #require(Self.password(in: newRow))
            #expect(Self.reportRow(html, app.accounts[.learner].email)?.contains("enrolled") == true)
            #expect(Self.reportRow(html, "not-an-email")?.contains("is not an email address") == true)
            #expect(Self.reportRow(html, "fr.learner@demo.empass.test")?.contains("not one of en, el, es, ro") == true)
            #expect(Self.reportRow(html, app.accounts[.employer].email)?.contains("not a learner of this centre") == true)
            #expect(Self.reportRow(html, "only")?.contains("expected 3 columns") == true)
            #expect(try await app.store.countUsers() == users + 1)
            let newLearner = try #require(try await app.store.user(email: "new.learner@demo.empass.test"))
            #expect(newLearner.role == .learner && newLearner.displayName == "Popescu, Ana")
            let cohortID = try #require(CohortID(String(cohortPath.split(separator: "/").last!)))
            #expect(try await app.store.members(cohortID: cohortID).map(\.language).sorted() == ["en", "ro"])
            #expect(try await app.store.countEvents(action: .learnersEnrolled) == 1)
            #expect(try await assessor.post(cohortPath + "/enrol", form: [("csrf_token", csrf), ("csv", "email,name,language\n")]).status
                    == .unprocessableContent)

            // Open a sitting; its page shows the code; progress starts at "not started".
            #expect(try await assessor.post(cohortPath + "/sittings", form: [("csrf_token", csrf), ("form", "nope")]).status == .unprocessableContent)
            let opened = try await assessor.post(cohortPath + "/sittings", form: [("csrf_token", csrf), ("form", "empass-demo-v1")])
            let sittingPath = try Self.location(opened)
            let sittingID = try #require(SittingID(String(sittingPath.split(separator: "/").last!)))
            let code = try #require(try await app.store.sitting(id: sittingID)?.accessCode)
            var progress = try await assessor.get(sittingPath)
            #expect(progress.text.contains(code))
            #expect(progress.text.components(separatedBy: "<td>not started</td>").count == 3)
            #expect(try await app.store.countEvents(action: .sittingOpened) == 1)

            // The new learner logs in with the one-time password and enters the code (typed loosely).
            let learner = Browser(app.client)
            #expect(try await learner.logIn("new.learner@demo.empass.test", password).status == .seeOther)
            let home = try await learner.get("/test")
            let loose = code.lowercased().replacingOccurrences(of: "-", with: " ")
            let started = try await learner.post("/test/code", form: [("csrf_token", try Browser.csrfToken(in: home)), ("access_code", loose)])
            #expect(started.status == .seeOther)
            let sessionID = try TestTakingTests.sessionID(from: started.headers[.location])
            let record = try #require(try await app.store.testSession(id: sessionID)?.record)
            #expect(record.sittingID == sittingID)
            #expect(record.organisationID == newLearner.organisationID)

            var simulated = SimulatedLearner(theta: 1, seed: 9, bank: try ItemBank.bundled())
            let bank = try ItemBank.bundled()
            var answered = 0
            while true {
                let page = try await learner.get("/test/sessions/\(sessionID)")
                guard let itemID = SimulatedLearner.itemID(in: page.text) else { break }
                let stored = try #require(try await app.store.testSession(id: sessionID))
                try await learner.post("/test/sessions/\(sessionID)/answers",
                                       form: simulated.answerFields(item: try #require(bank[ItemID(itemID)]), session: stored,
                                                                    csrf: try Browser.csrfToken(in: page)))
                answered += 1
                if answered == 1 {
                    progress = try await assessor.get(sittingPath)
                    #expect(progress.text.contains("in progress: 1 of at most 22"))
                }
            }
            let finish = try await learner.get("/test/sessions/\(sessionID)")
            try await learner.post("/test/sessions/\(sessionID)/submit", form: [("csrf_token", try Browser.csrfToken(in: finish))])
            progress = try await assessor.get(sittingPath)
            #expect(progress.text.contains("scored · "))
            #expect(progress.text.contains(#"href="/test/sessions/\#(sessionID)/results""#))
            // The centre's assessor may read the learner's results.
            #expect(try await assessor.get("/test/sessions/\(sessionID)/results").status == .ok)
            let award = try #require(try await app.store.award(forSession: sessionID))
            #expect(award.supervision == "supervisedOnSiteWithIdentityVerification")
            #expect(award.organisationID == newLearner.organisationID)

            // Closing is audited; the code then no longer starts a test.
            let closed = try await assessor.post(sittingPath + "/close", form: [("csrf_token", csrf)])
            #expect(closed.status == .seeOther)
            #expect(try await app.store.countEvents(action: .sittingClosed) == 1)
            let demo = Browser(app.client)
            try await demo.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
            let demoHome = try await demo.get("/test")
            let refused = try await demo.post("/test/code", form: [("csrf_token", try Browser.csrfToken(in: demoHome)), ("access_code", code)])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("This sitting is closed"))
        }
    }

    @Test("assessors see only their centre; practical evidence and the assessor's award", arguments: TestEngines.all)
    func practicalAndIsolation(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let assessor = Browser(app.client)
            try await assessor.logIn(app.accounts[.assessor].email, app.accounts[.assessor].password)
            let csrf = try await assessor.sessionCSRFToken()
            let cohortPath = try Self.location(try await assessor.post("/centre/cohorts", form: [("csrf_token", csrf), ("name", "Evening")]))
            _ = try await assessor.post(cohortPath + "/enrol", form: [("csrf_token", csrf), ("csv", "\(app.accounts[.learner].email),Demo,es")])
            let learner = try #require(try await app.store.user(email: app.accounts[.learner].email))
            let practicalPath = cohortPath + "/learners/\(learner.id)/practical"
            #expect(try await assessor.get(practicalPath).status == .ok)

            // An assessor of another centre sees nothing of this one.
            let other = Organisation(id: .init(UUID()), kind: .testCentre, slug: "other-centre", name: "Other", country: "ES", createdAt: Date())
            try await app.store.insert(other)
            let made = try await app.client.execute(
                uri: "/api/v1/users", method: .post, headers: .json(.bearer(TestHarness.adminToken)),
                body: ByteBuffer(string: #"{"email":"other.assessor@demo.empass.test","displayName":"Other","password":"a-long-enough-password","role":"assessor","organisationId":"\#(other.id)"}"#))
            #expect(made.status == .created)
            let stranger = Browser(app.client)
            try await stranger.logIn("other.assessor@demo.empass.test", "a-long-enough-password")
            #expect(try await stranger.get("/centre").status == .ok)
            #expect(try await stranger.get(cohortPath).status == .forbidden)
            #expect(try await stranger.get(practicalPath).status == .forbidden)
            let strangerCSRF = try await stranger.sessionCSRFToken()
            #expect(try await stranger.post(cohortPath + "/sittings", form: [("csrf_token", strangerCSRF), ("form", "empass-demo-v1")]).status == .forbidden)
            #expect(try await assessor.get("/centre/cohorts/\(UUID().uuidString.lowercased())").status == .notFound)

            // Rubric scores: bad input is refused with a reason; good ones are stored and audited.
            let bad = try await assessor.post(practicalPath, form: [("csrf_token", csrf), ("skill", "teamwork"), ("task", "Role play"),
                                                                    ("c_recognises", "4"), ("c_acts", "2"), ("c_reflects", "2")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("from 0 to 3"))
            let refused = try await assessor.post(cohortPath + "/learners/\(learner.id)/award", form: [("csrf_token", csrf)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Not enough evidence yet for"))
            for skill in Assessment.SkillID.allCases {
                let saved = try await assessor.post(practicalPath, form: [("csrf_token", csrf), ("skill", skill.rawValue), ("task", "Shop-floor task"),
                                                                          ("c_recognises", "3"), ("c_acts", "2"), ("c_reflects", "2")])
                #expect(saved.status == .seeOther)
            }
            #expect(try await app.store.practicalScores(learnerID: learner.id).count == 11)
            #expect(try await app.store.countEvents(action: .practicalScored) == 11)
            let awarded = try await assessor.post(cohortPath + "/learners/\(learner.id)/award", form: [("csrf_token", csrf)])
            #expect(awarded.status == .seeOther)
            let award = try #require(try await app.store.awards(forLearner: learner.id).first)
            let assessorUser = try #require(try await app.store.user(email: app.accounts[.assessor].email))
            #expect(award.awarded && award.decidedBy == .assessor && award.assessorID == assessorUser.id)
            #expect(award.basis == .practical && award.sessionID == nil && award.model == "rubric")
            #expect(award.skills.count == 11 && award.skills.allSatisfy { $0.status == .met && $0.level == 3 && $0.evidence == "practical" })
            #expect(try await app.store.countEvents(action: .awardDecided) == 1)
            #expect(try await assessor.get(practicalPath).text.contains("decided by an assessor"))
        }
    }

    @Test("expert pages: statistics and the calibrate-format export, for experts only", arguments: TestEngines.all)
    func expertPages(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let bank = try ItemBank.bundled()
            let (learner, id) = try await TestTakingTests.startDemo(app)
            var simulated = SimulatedLearner(theta: -0.5, seed: 21, bank: bank)
            while true {
                let page = try await learner.get("/test/sessions/\(id)")
                guard let itemID = SimulatedLearner.itemID(in: page.text) else {
                    try await learner.post("/test/sessions/\(id)/submit", form: [("csrf_token", try Browser.csrfToken(in: page))])
                    break
                }
                let stored = try #require(try await app.store.testSession(id: id))
                try await learner.post("/test/sessions/\(id)/answers",
                                       form: simulated.answerFields(item: try #require(bank[ItemID(itemID)]), session: stored,
                                                                    csrf: try Browser.csrfToken(in: page)))
            }
            let stored = try #require(try await app.store.testSession(id: id))
            #expect(stored.record.state == .scored)

            #expect(try await learner.get("/expert").status == .forbidden)
            let admin = Browser(app.client)
            try await admin.logIn(app.accounts[.platformAdmin].email, app.accounts[.platformAdmin].password)
            let overview = try await admin.get("/expert")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Submitted tests: 1"))
            for response in stored.responses { #expect(overview.text.contains("<code>\(response.itemID)</code>")) }
            #expect(try await admin.get("/expert?group=planet").status == .unprocessableContent)

            let export = try await admin.get("/expert/responses.csv")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            let table = try ResponseCSV.parse(export.text)
            #expect(table.matrix.personIDs == [id.description])
            #expect(table.extraColumns["group"] == ["en"])
            #expect(Set(table.matrix.itemIDs) == Set(stored.responses.map(\.itemID)))
            for (j, itemID) in table.matrix.itemIDs.enumerated() {
                let item = try #require(bank[ItemID(itemID)])
                let ratings = try Ratings(try #require(stored.responses.first { $0.itemID == itemID }).ratings)
                #expect(Int(table.matrix[0, j]) == ScenarioScoring.standard.category(ratings, key: item.key))
            }
            let skill = try #require(bank[ItemID(stored.responses[0].itemID)]?.skill)
            let one = try await admin.get("/expert/responses.csv?skill=\(skill.rawValue)")
            #expect(try ResponseCSV.parse(one.text).matrix.itemIDs.allSatisfy { bank[ItemID($0)]?.skill == skill })
            #expect(try await admin.get("/expert/responses.csv?skill=juggling").status == .unprocessableContent)
        }
    }
}
