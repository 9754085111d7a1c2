import Assessment
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// A learner takes the demo test through the real pages on both engines.
@Suite("Taking a test", .serialized)
struct TestTakingTests {
    static func sessionID(from location: String?) throws -> TestSessionRecordID {
        let text = try #require(location?.split(separator: "/").last.map(String.init))
        return try #require(TestSessionRecordID(text))
    }

    /// Logs in the demo learner and starts the demo test from the account page's button.
    static func startDemo(_ app: TestApp) async throws -> (Browser, TestSessionRecordID) {
        let browser = Browser(app.client)
        try await browser.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
        let account = try await browser.get("/account")
        #expect(account.text.contains(#"action="/test/demo""#))
        let started = try await browser.post("/test/demo", form: [("csrf_token", try Browser.csrfToken(in: account))])
        #expect(started.status == .seeOther)
        return (browser, try sessionID(from: started.headers[.location]))
    }

    @Test("a simulated learner completes the demo form and sees the profile and award", arguments: TestEngines.all)
    func completesDemo(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let bank = try ItemBank.bundled()
            let (browser, id) = try await Self.startDemo(app)
            var learner = SimulatedLearner(theta: 2.0, seed: 11, bank: bank)
            var answered = 0
            while true {
                let page = try await browser.get("/test/sessions/\(id)")
                #expect(page.status == .ok)
                guard let itemID = SimulatedLearner.itemID(in: page.text) else {
                    #expect(page.text.contains(#"action="/test/sessions/\#(id)/submit""#))
                    break
                }
                #expect(page.text.contains("Demo – practice only"))
                #expect(page.text.contains(#"<progress max="22" value="\#(answered)""#))
                #expect(page.text.contains(#"type="radio""#) && !page.text.contains("<script"))
                let item = try #require(bank[ItemID(itemID)])
                let stored = try #require(try await app.store.testSession(id: id))
                let posted = try await browser.post("/test/sessions/\(id)/answers",
                                                    form: learner.answerFields(item: item, session: stored, csrf: try Browser.csrfToken(in: page)))
                #expect(posted.status == .seeOther)
                answered += 1
                #expect(answered <= 22)
            }
            #expect(answered >= 11)
            let finish = try await browser.get("/test/sessions/\(id)")
            let submitted = try await browser.post("/test/sessions/\(id)/submit", form: [("csrf_token", try Browser.csrfToken(in: finish))])
            #expect(submitted.status == .seeOther)
            #expect(submitted.headers[.location] == "/test/sessions/\(id)/results")

            let results = try await browser.get("/test/sessions/\(id)/results")
            #expect(results.status == .ok)
            #expect(results.text.contains(#"<svg viewBox="0 0 400"#))
            #expect(results.text.contains(#"role="img" aria-labelledby="chart-title chart-desc""#))
            #expect(results.text.components(separatedBy: #"<th scope="row">"#).count == 12)

            let stored = try #require(try await app.store.testSession(id: id))
            #expect(stored.record.state == .scored)
            #expect(stored.responses.count == answered)
            let skillResults = try await app.store.skillResults(sessionID: id)
            #expect(skillResults.count == 11)
            #expect(skillResults.map(\.itemCount).reduce(0, +) == answered)
            // A learner far above average scores above average on the whole (1–2 scenarios per skill).
            #expect(skillResults.map(\.theta).reduce(0, +) / 11 > 0.3)

            let award = try #require(try await app.store.award(forSession: id))
            let learnerUser = try #require(try await app.store.user(email: app.accounts[.learner].email))
            let school = try #require(try await app.store.organisation(slug: "demo-vet-school"))
            #expect(award.learnerID == learnerUser.id)
            #expect(award.specID == "empass-employability" && award.specVersion == 1)
            #expect(award.specContentHash == (try await app.store.specVersion(id: "empass-employability", version: 1))?.contentHash)
            #expect(award.formID == "empass-demo-v1")
            #expect(award.itemBankVersion == TestingCatalogue(bank: bank, forms: []).bankVersion)
            #expect(award.model == "GRM" && award.decidedBy == .automatic && award.basis == .test)
            #expect(award.organisationID == school.id)
            #expect(award.supervision == "unsupervisedNoIdentityVerification")
            #expect(award.skills.count == 11)
            // A positive decision becomes the learner's credential at once; a negative one never does.
            if award.awarded {
                let credentialID = try #require(award.credentialID.flatMap(IssuedCredentialID.init))
                let issued = try #require(try await app.store.credential(id: credentialID))
                #expect(issued.learnerUserID == learnerUser.id)
                #expect(issued.specID == "empass-employability" && issued.specVersion == 1)
                #expect(try await app.store.countEvents(action: .credentialIssued) == 1)
            } else {
                #expect(award.credentialID == nil)
                #expect(try await app.store.countCredentials() == 0)
            }
            #expect(award.skills.allSatisfy { $0.theta != nil && $0.standardError != nil && $0.level != nil })
            #expect(award.awarded == award.skills.allSatisfy { $0.status == .met })
            #expect(try await app.store.awards(forLearner: learnerUser.id).map(\.id) == [award.id])
            #expect(try await app.store.countEvents(action: .awardDecided) == 1)

            // Scored: answers are closed; the session page sends the learner to the results.
            let closed = try await browser.get("/test/sessions/\(id)")
            #expect(closed.status == .seeOther)
            #expect(closed.headers[.location] == "/test/sessions/\(id)/results")
        }
    }

    @Test("resume after a lost connection, idempotent re-post, language switch keeps answers", arguments: TestEngines.all)
    func resumeAndIdempotence(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let bank = try ItemBank.bundled()
            let (browser, id) = try await Self.startDemo(app)
            var learner = SimulatedLearner(theta: 0, seed: 3, bank: bank)
            let first = try await browser.get("/test/sessions/\(id)")
            let firstItem = try #require(SimulatedLearner.itemID(in: first.text))
            // Reload: the same scenario in the same order.
            let reload = try await browser.get("/test/sessions/\(id)")
            #expect(SimulatedLearner.itemID(in: reload.text) == firstItem)
            #expect(reload.text == first.text)

            let stored = try #require(try await app.store.testSession(id: id))
            let fields = learner.answerFields(item: try #require(bank[ItemID(firstItem)]), session: stored, csrf: try Browser.csrfToken(in: first))
            #expect(try await browser.post("/test/sessions/\(id)/answers", form: fields).status == .seeOther)
            let afterOne = try #require(try await app.store.testSession(id: id))
            // The same answer again: nothing changes, not even the revision.
            #expect(try await browser.post("/test/sessions/\(id)/answers", form: fields).status == .seeOther)
            let afterRepeat = try #require(try await app.store.testSession(id: id))
            #expect(afterRepeat == afterOne)
            #expect(afterRepeat.responses.count == 1 && afterRepeat.responses[0].revisions == 0)

            let second = try await browser.get("/test/sessions/\(id)")
            let secondItem = try #require(SimulatedLearner.itemID(in: second.text))
            #expect(secondItem != firstItem)

            // A lost connection: a new browser (new login) gets the same next scenario.
            let other = Browser(app.client)
            try await other.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
            let resumed = try await other.get("/test/sessions/\(id)")
            #expect(SimulatedLearner.itemID(in: resumed.text) == secondItem)
            let home = try await other.get("/test")
            #expect(home.text.contains(#"href="/test/sessions/\#(id)""#))
            // Starting again resumes the same session (one active session per learner and form).
            let again = try await other.post("/test/demo", form: [("csrf_token", try Browser.csrfToken(in: home))])
            #expect(again.headers[.location] == "/test/sessions/\(id)")
            #expect(try await app.store.countTestSessions() == 1)

            // Switch to Greek mid-test: the same scenario, now in Greek; earlier answers are kept.
            let greek = try await other.get("/test/sessions/\(id)?lang=el")
            #expect(SimulatedLearner.itemID(in: greek.text) == secondItem)
            let greekScenario = try #require(bank[ItemID(secondItem)]?.translations[.el]?.scenario)
            #expect(greek.text.contains(Self.escaped(greekScenario)))
            let switched = try #require(try await app.store.testSession(id: id))
            #expect(switched.record.language == "el")
            #expect(switched.responses == afterOne.responses)

            // Answer in Greek: the response remembers its language.
            let greekFields = learner.answerFields(item: try #require(bank[ItemID(secondItem)]), session: switched,
                                                   csrf: try Browser.csrfToken(in: greek))
            #expect(try await other.post("/test/sessions/\(id)/answers?lang=el", form: greekFields).status == .seeOther)
            let languages = try #require(try await app.store.testSession(id: id)).responses.map(\.language)
            #expect(languages.sorted() == ["el", "en"])
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test("bad answers are 4xx with a reason; other people's sessions are refused", arguments: TestEngines.all)
    func badInput(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let (browser, id) = try await Self.startDemo(app)
            let page = try await browser.get("/test/sessions/\(id)")
            let item = try #require(SimulatedLearner.itemID(in: page.text))
            let csrf = try Browser.csrfToken(in: page)
            let outOfRange = try await browser.post("/test/sessions/\(id)/answers",
                                                    form: [("csrf_token", csrf), ("item", item), ("r0", "7"), ("r1", "1"), ("r2", "1"), ("r3", "1")])
            #expect(outOfRange.status == .unprocessableContent)
            #expect(outOfRange.text.contains("from 1 to 4"))
            let missing = try await browser.post("/test/sessions/\(id)/answers",
                                                 form: [("csrf_token", csrf), ("item", item), ("r0", "2"), ("r2", "3")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Still missing: 2, 4"))
            #expect(missing.text.contains(#"id="r0-2" name="r0" value="2" required checked"#))
            let wrongItem = try await browser.post("/test/sessions/\(id)/answers",
                                                   form: [("csrf_token", csrf), ("item", "teamwork-99"), ("r0", "1"), ("r1", "1"), ("r2", "1"), ("r3", "1")])
            #expect(wrongItem.status == .unprocessableContent)
            let noItem = try await browser.post("/test/sessions/\(id)/answers", form: [("csrf_token", csrf)])
            #expect(noItem.status == .badRequest)
            #expect(try await app.store.testSession(id: id)?.responses.isEmpty == true)
            #expect(try await browser.get("/test/sessions/not-a-uuid").status == .notFound)
            #expect(try await browser.get("/test/sessions/\(UUID().uuidString.lowercased())").status == .notFound)
            let badCode = try await browser.post("/test/code", form: [("csrf_token", csrf), ("access_code", "NOPE-NOPE")])
            #expect(badCode.status == .unprocessableContent)
            #expect(badCode.text.contains("No sitting has this access code"))

            // Another account may not use or see the session.
            for role in [Role.assessor, .employer] {
                let intruder = Browser(app.client)
                try await intruder.logIn(app.accounts[role].email, app.accounts[role].password)
                #expect(try await intruder.get("/test/sessions/\(id)").status == .forbidden)
                let token = try await intruder.sessionCSRFToken()
                #expect(try await intruder.post("/test/demo", form: [("csrf_token", token)]).status == .forbidden)
            }
            // Without a CSRF token nothing is accepted.
            #expect(try await browser.post("/test/sessions/\(id)/answers", form: [("item", item)]).status == .forbidden)
        }
    }

    @Test("the time limit is enforced by the server: the session is submitted and scored at the deadline", arguments: TestEngines.all)
    func timeLimit(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let bank = try ItemBank.bundled()
            let (browser, id) = try await Self.startDemo(app)
            var learner = SimulatedLearner(theta: 0.5, seed: 5, bank: bank)
            let page = try await browser.get("/test/sessions/\(id)")
            #expect(page.text.contains("About 20 min left"))
            let itemID = try #require(SimulatedLearner.itemID(in: page.text))
            let item = try #require(bank[ItemID(itemID)])
            let stored = try #require(try await app.store.testSession(id: id))
            let fields = learner.answerFields(item: item, session: stored, csrf: try Browser.csrfToken(in: page))
            app.clock.advance(by: 20 * 60 + 1)
            let late = try await browser.post("/test/sessions/\(id)/answers", form: fields)
            #expect(late.status == .seeOther)
            #expect(late.headers[.location] == "/test/sessions/\(id)/results")
            let after = try #require(try await app.store.testSession(id: id))
            #expect(after.record.state == .scored)
            #expect(after.record.submissionReason == "timeExpired")
            #expect(after.record.submittedAt == stored.record.deadline)
            #expect(after.responses.isEmpty)
            let results = try await browser.get("/test/sessions/\(id)/results")
            #expect(results.text.contains("The time limit was reached"))
            #expect(try await app.store.award(forSession: id)?.awarded == false)
        }
    }
}
