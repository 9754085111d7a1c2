import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

@Suite("API tokens: created once, used as Bearer, revocable")
struct ApiTokenTests {
    @Test("a token created on the account page works until it is revoked", arguments: TestEngines.all)
    func createUseRevokeThroughPages(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            let assessor = app.accounts[.assessor]
            try await browser.logIn(assessor.email, assessor.password)
            let csrf = try await browser.sessionCSRFToken()
            let created = try await browser.post("/account/tokens", form: [("csrf_token", csrf), ("name", "grading script")])
            #expect(created.status == .created)
            let html = created.text
            let range = try #require(html.range(of: #"empass_[A-Za-z0-9_-]{43}"#, options: .regularExpression))
            let secret = String(html[range])

            // Shown once: the account page no longer contains it; only its hash is stored.
            let later = try await browser.get("/account")
            #expect(!later.text.contains(secret))
            #expect(later.text.contains("grading script"))
            #expect(try await app.store.token(hash: secret) == nil)

            let me = try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret))
            #expect(me.status == .ok)
            #expect(try me.json()["email"] as? String == assessor.email)

            let assessorUser = try #require(try await app.store.user(email: assessor.email))
            let token = try #require(try await app.store.tokens(userID: assessorUser.id).first)
            let revoke = try await browser.post("/account/tokens/\(token.id)/revoke", form: [("csrf_token", csrf)])
            #expect(revoke.status == .seeOther)
            let refused = try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret))
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(try await app.store.countEvents(action: .apiTokenCreated) >= 1)
            #expect(try await app.store.countEvents(action: .apiTokenRevoked) == 1)
        }
    }

    @Test("the token API creates, lists and deletes tokens", arguments: TestEngines.all)
    func tokenAPI(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let admin = HTTPFields.bearer(TestHarness.adminToken)
            let created = try await app.client.execute(uri: "/api/v1/tokens", method: .post, headers: .json(admin),
                                                       body: ByteBuffer(string: #"{"name":"ci"}"#))
            #expect(created.status == .created)
            let body = try created.json()
            let secret = try #require(body["token"] as? String)
            let id = try #require(body["id"] as? String)
            #expect((body["createdAt"] as? String)?.hasSuffix("Z") == true)

            let listed = try await app.client.execute(uri: "/api/v1/tokens", method: .get, headers: .bearer(secret))
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.contains { $0["id"] as? String == id })
            #expect(items.allSatisfy { $0["token"] == nil && $0["tokenHash"] == nil })

            #expect(try await app.client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: .bearer(secret)).status == .noContent)
            #expect(try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret)).status == .unauthorized)
            #expect(try await app.client.execute(uri: "/api/v1/me", method: .get, headers: .bearer("empass_nonsense")).status == .unauthorized)
        }
    }

    @Test("learners cannot hold tokens and nobody revokes someone else's", arguments: TestEngines.all)
    func tokenPermissions(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let learner = Browser(app.client)
            try await learner.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
            let page = try await learner.get("/account")
            #expect(page.text.contains("Your role does not use API tokens."))
            #expect(!page.text.contains(#"action="/account/tokens""#))
            let csrf = try Browser.csrfToken(in: page)
            #expect(try await learner.post("/account/tokens", form: [("csrf_token", csrf), ("name", "x")]).status == .forbidden)

            let admin = HTTPFields.bearer(TestHarness.adminToken)
            let created = try await app.client.execute(uri: "/api/v1/tokens", method: .post, headers: .json(admin),
                                                       body: ByteBuffer(string: #"{"name":"admin's"}"#))
            let id = try #require(try created.json()["id"] as? String)
            let employer = Browser(app.client)
            try await employer.logIn(app.accounts[.employer].email, app.accounts[.employer].password)
            let employerCSRF = try await employer.sessionCSRFToken()
            var headers = HTTPFields()
            headers[HTTPField.Name("X-CSRF-Token")!] = employerCSRF
            let attempt = try await employer.send("/api/v1/tokens/\(id)", method: .delete, headers: headers, body: nil)
            #expect(attempt.status == .forbidden)
            #expect(try await app.store.token(id: try #require(ApiTokenID(id)))?.isActive == true)
        }
    }

    @Test("concurrent writes all succeed (pooled connections, WAL, busy timeout)", arguments: TestEngines.all)
    func concurrentCreation(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let before = try await app.store.countTokens()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await app.client.execute(uri: "/api/v1/tokens", method: .post, headers: .json(.bearer(TestHarness.adminToken)),
                                                     body: ByteBuffer(string: #"{"name":"parallel \#(index)"}"#)).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created })
            #expect(try await app.store.countTokens() == before + 40)
            #expect(try await app.store.countEvents(action: .apiTokenCreated) == 40)
        }
    }
}
