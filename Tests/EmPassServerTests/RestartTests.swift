import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

@Suite("Data survives a restart")
struct RestartTests {
    @Test("building the app twice on one database keeps accounts, tokens and audit; seeds once", arguments: TestEngines.all)
    func restartKeepsData(engine: DatabaseEngine) async throws {
        try await TestHarness.withScratch(engine, test: #function) { location in
            let firstStart = Announcements()
            let (secret, countsBefore, learner) = try await TestHarness.run(on: location, announcements: firstStart) { app in
                let browser = Browser(app.client)
                #expect(try await browser.logIn(app.accounts[.learner].email, app.accounts[.learner].password).status == .seeOther)
                let created = try await app.client.execute(uri: "/api/v1/tokens", method: .post, headers: .json(.bearer(TestHarness.adminToken)),
                                                           body: ByteBuffer(string: #"{"name":"survives"}"#))
                return (try created.json()["token"] as! String, try await app.counts(), app.accounts[.learner])
            }
            #expect(firstStart.all.count == 1)
            #expect(firstStart.all[0].contains("learner@demo.empass.test"))

            let secondStart = Announcements()
            try await TestHarness.run(on: location, announcements: secondStart) { (app: TestApp) async throws -> Void in
                // Same rows (sessions too: they are server-side), no second seeding, passwords unchanged.
                #expect(try await app.counts() == countsBefore)
                #expect(try await Browser(app.client).logIn(learner.email, learner.password).status == .seeOther)
                #expect(try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret)).status == .ok)
                #expect(try await app.store.countEvents(action: .demoDataSeeded) == 1)
                #expect(try await app.store.countEvents(action: .login) == 2)
            }
            #expect(secondStart.all.isEmpty, "seeded passwords must be printed only on the first start")
        }
    }

    @Test("EMPASS_ADMIN_TOKEN is ensured once, reinstated if revoked, and never stored in clear")
    func adminTokenIsEnsured() async throws {
        try await TestHarness.withScratch(.sqlite, test: #function) { location in
            let id = try await TestHarness.run(on: location) { app in
                let me = try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(TestHarness.adminToken))
                #expect(try me.json()["role"] as? String == "platformAdmin")
                let tokens = try await app.store.tokens(userID: try #require(try await app.store.user(email: "admin@demo.empass.test")).id)
                #expect(tokens.count == 1)
                #expect(tokens[0].tokenHash != TestHarness.adminToken)
                #expect(try await app.client.execute(uri: "/api/v1/tokens/\(tokens[0].id)", method: .delete,
                                                     headers: .bearer(TestHarness.adminToken)).status == .noContent)
                return tokens[0].id
            }
            try await TestHarness.run(on: location) { (app: TestApp) async throws -> Void in
                #expect(try await app.store.token(id: id)?.isActive == true)
                #expect(try await app.store.countTokens() == 1)
                #expect(try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(TestHarness.adminToken)).status == .ok)
            }
        }
    }

    @Test("a short admin token is a configuration error")
    func shortAdminToken() async throws {
        try await TestHarness.withScratch(.sqlite, test: #function) { location in
            await #expect(throws: ConfigurationError.self) {
                _ = try await buildApplication(config: TestHarness.config(location, adminToken: "short"), logger: TestHarness.quietLogger,
                                               announce: { _ in })
            }
        }
    }
}
