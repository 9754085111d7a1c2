import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

@Suite("Audit log")
struct AuditTests {
    @Test("login, failed login and token creation are recorded with request id and address; admins read them", arguments: TestEngines.all)
    func eventsAreWrittenAndReadable(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            _ = try await browser.logIn(app.accounts[.employer].email, "wrong-password")
            try await browser.logIn(app.accounts[.employer].email, app.accounts[.employer].password)
            let csrf = try await browser.sessionCSRFToken()
            try await browser.post("/account/tokens", form: [("csrf_token", csrf), ("name", "audit me")])

            let response = try await app.client.execute(uri: "/api/v1/audit?limit=10", method: .get, headers: .bearer(TestHarness.adminToken))
            #expect(response.status == .ok)
            let items = try #require(try response.json()["items"] as? [[String: Any]])
            let actions = items.compactMap { $0["action"] as? String }
            #expect(Array(actions.prefix(3)) == ["apiTokenCreated", "login", "loginFailed"])
            let failed = try #require(items.first { $0["action"] as? String == "loginFailed" })
            #expect(failed["target"] as? String == "email:employer@demo.empass.test")
            #expect((failed["requestId"] as? String)?.isEmpty == false)
            #expect((failed["occurredAt"] as? String)?.hasSuffix("Z") == true)

            let filtered = try await app.client.execute(uri: "/api/v1/audit?action=login", method: .get, headers: .bearer(TestHarness.adminToken))
            #expect(try #require(try filtered.json()["items"] as? [[String: Any]]).allSatisfy { $0["action"] as? String == "login" })

            let admin = Browser(app.client)
            try await admin.logIn(app.accounts[.platformAdmin].email, app.accounts[.platformAdmin].password)
            let page = try await admin.get("/admin/audit")
            #expect(page.status == .ok)
            #expect(page.text.contains("apiTokenCreated"))
            #expect(page.text.contains("email:employer@demo.empass.test"))
        }
    }

    @Test("the audit API offers no way to change or delete events")
    func noWriteRoutes() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let before = try await app.store.countEvents(action: nil)
            for method in [HTTPRequest.Method.post, .put, .delete] {
                let response = try await app.client.execute(uri: "/api/v1/audit", method: method, headers: .json(.bearer(TestHarness.adminToken)),
                                                            body: ByteBuffer(string: "{}"))
                #expect([.notFound, .methodNotAllowed].contains(response.status))
            }
            #expect(try await app.store.countEvents(action: nil) == before)
        }
    }
}
