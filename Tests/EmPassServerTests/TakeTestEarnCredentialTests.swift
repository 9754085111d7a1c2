import Assessment
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// The product's main path through real HTTP on both engines: a simulated learner takes the demo
/// test → the award becomes a credential in their wallet → anyone verifies it (VC-API and the
/// public page, with the issuer's quality assurance) → the issuer revokes it → both say revoked.
@Suite("Take the test, earn the credential, verify, revoke", .serialized)
struct TakeTestEarnCredentialTests {
    /// Answers every scenario the demo form presents as a learner at `theta` would, then submits.
    static func completeDemo(_ app: TestApp, theta: Double, seed: UInt64) async throws -> (Browser, TestSessionRecordID) {
        let bank = try ItemBank.bundled()
        let (browser, id) = try await TestTakingTests.startDemo(app)
        var learner = SimulatedLearner(theta: theta, seed: seed, bank: bank)
        for _ in 0..<30 {
            let page = try await browser.get("/test/sessions/\(id)")
            guard let itemID = SimulatedLearner.itemID(in: page.text) else { break }
            let item = try #require(bank[ItemID(itemID)])
            let stored = try #require(try await app.store.testSession(id: id))
            let posted = try await browser.post("/test/sessions/\(id)/answers",
                                                form: learner.answerFields(item: item, session: stored, csrf: try Browser.csrfToken(in: page)))
            #expect(posted.status == .seeOther)
        }
        let finish = try await browser.get("/test/sessions/\(id)")
        let submitted = try await browser.post("/test/sessions/\(id)/submit", form: [("csrf_token", try Browser.csrfToken(in: finish))])
        #expect(submitted.status == .seeOther)
        return (browser, id)
    }

    /// An API token of an administrator of the demo issuer (the awarding organisation).
    static func issuerToken(_ app: TestApp) async throws -> String {
        let issuer = try #require(try await app.store.organisation(slug: "demo-issuer"))
        let password = "issuer-admin-password-1"
        try await app.store.insert(User(id: .init(UUID()), email: "issuer-admin@demo.empass.test", displayName: "Issuer Admin",
                                        passwordHash: try await PasswordHasher(cost: 4).hash(password), role: .orgAdmin,
                                        organisationID: issuer.id, createdAt: app.clock.now()))
        let browser = Browser(app.client)
        try await browser.logIn("issuer-admin@demo.empass.test", password)
        var headers = HTTPFields.json()
        headers[HTTPField.Name("X-CSRF-Token")!] = try await browser.sessionCSRFToken()
        let created = try await browser.send("/api/v1/tokens", method: .post, headers: headers, body: ByteBuffer(string: #"{"name":"revoker"}"#))
        return try #require(try created.json()["token"] as? String)
    }

    @Test("learner at θ = 3 → credential in the wallet → valid with QA → revoked → says revoked", arguments: TestEngines.all)
    func mainPath(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit) { app in
            let (browser, id) = try await Self.completeDemo(app, theta: 3.0, seed: 5)
            let award = try #require(try await app.store.award(forSession: id))
            #expect(award.awarded, "a learner three SDs above the mean should meet level 2 everywhere: \(award.skills.map(\.status))")
            let credentialID = try #require(award.credentialID)

            // The results page points to it; the wallet lists it and hands out the signed JSON.
            let results = try await browser.get("/test/sessions/\(id)/results")
            #expect(results.text.contains("Your signed credential is ready.") && results.text.contains(#"href="/wallet""#))
            let wallet = try await browser.get("/wallet")
            #expect(wallet.status == .ok)
            #expect(wallet.text.contains("/wallet/credentials/\(credentialID)/credential.json"))
            let download = try await browser.get("/wallet/credentials/\(credentialID)/credential.json")
            #expect(download.status == .ok)
            let credential = try JSONParser().parse(Array(buffer: download.body))
            #expect(credential["credentialSubject"]?["result"]?.arrayValue?.count == 11)
            let text = JSONSerializer.serialize(credential)

            // Anyone verifies it: the VC-API and the public page (which also answers the issuer's QA).
            let verified = try await IssuanceHTTPTests.post(app, "/credentials/verify", #"{"verifiableCredential":\#(text)}"#)
            #expect(verified.status == .ok, "\(verified.text)")
            #expect(try IssuanceHTTPTests.json(verified)["errors"]?.arrayValue?.isEmpty == true, "\(verified.text)")
            let page = try await VerificationPageTests.paste(app, text)
            #expect(page.text.contains("Valid credential"), "\(page.text.suffix(3000))")
            #expect(page.text.contains("Active"))
            #expect(page.text.contains("National VET Quality Authority (demo)"), "QA of the issuer on the issue date")

            // The awarding organisation revokes it; both verifiers now say so.
            let revoked = try await IssuanceHTTPTests.post(app, "/credentials/status",
                #"{"credentialId":"\#(try #require(credential["id"]?.stringValue))","reason":"demo","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#,
                token: try await Self.issuerToken(app))
            #expect(revoked.status == .ok, "\(revoked.text)")
            let after = try await IssuanceHTTPTests.post(app, "/credentials/verify", #"{"verifiableCredential":\#(text)}"#)
            #expect(try IssuanceHTTPTests.json(after)["errors"]?.arrayValue?.isEmpty == false, "\(after.text)")
            let afterPage = try await VerificationPageTests.paste(app, text)
            #expect(afterPage.text.contains("Revoked"))

            // A changed value is caught too.
            var changed = try #require(credential.objectValue)
            changed["name"] = .string((changed["name"]?.stringValue ?? "") + " (changed)")
            let tamperedPage = try await VerificationPageTests.paste(app, JSONSerializer.serialize(.object(changed)))
            #expect(tamperedPage.text.contains("Not valid"))
        }
    }
}
