import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

@Suite("Bad input gets a clear 4xx and changes nothing")
struct BadInputTests {
    @Test("a login form without its CSRF token is refused with 403", arguments: TestEngines.all)
    func loginWithoutCSRF(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            _ = try await browser.get("/login")
            let before = try await app.counts()
            let account = app.accounts[.learner]
            let missing = try await browser.post("/login", form: [("email", account.email), ("password", account.password)])
            #expect(missing.status == .forbidden)
            #expect(missing.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(missing.text.contains("CSRF"))
            let wrong = try await browser.post("/login", form: [("csrf_token", "forged"), ("email", account.email), ("password", account.password)])
            #expect(wrong.status == .forbidden)
            #expect(try await app.counts() == before)
            #expect(try await app.store.countEvents(action: .login) == 0)
        }
    }

    @Test("logout and token forms of a session need the session's CSRF token", arguments: TestEngines.all)
    func sessionFormsWithoutCSRF(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            try await browser.logIn(app.accounts[.assessor].email, app.accounts[.assessor].password)
            let before = try await app.counts()
            #expect(try await browser.post("/logout", form: []).status == .forbidden)
            #expect(try await browser.post("/account/tokens", form: [("name", "x")]).status == .forbidden)
            // A JSON API call riding on the session cookie needs the token too (header X-CSRF-Token).
            let api = try await browser.send("/api/v1/tokens", method: .post, headers: .json(), body: ByteBuffer(string: #"{"name":"x"}"#))
            #expect(api.status == .forbidden)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(try await app.counts() == before)
            #expect(try await browser.get("/account").status == .ok)
        }
    }

    @Test("malformed JSON is a 400 problem with the reason", arguments: TestEngines.all)
    func malformedJSON(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let before = try await app.counts()
            let broken = try await app.client.execute(uri: "/api/v1/tokens", method: .post,
                                                      headers: .json(.bearer(TestHarness.adminToken)), body: ByteBuffer(string: #"{"name": "#))
            #expect(broken.status == .badRequest)
            #expect(broken.headers[.contentType] == "application/problem+json")
            let problem = try broken.json()
            #expect(problem["status"] as? Int == 400)
            #expect(problem["title"] as? String == "Malformed JSON")
            #expect((problem["detail"] as? String)?.contains("not valid JSON") == true)
            #expect(problem["type"] as? String == "/problems/malformed-json")

            let missingField = try await app.client.execute(uri: "/api/v1/tokens", method: .post,
                                                            headers: .json(.bearer(TestHarness.adminToken)), body: ByteBuffer(string: #"{"nom": "x"}"#))
            #expect(missingField.status == .badRequest)
            #expect((try missingField.json()["detail"] as? String) == "missing field name")
            #expect(try await app.counts() == before)
        }
    }

    @Test("unknown routes are 404: problem+json under /api, an HTML page elsewhere")
    func unknownRoutes() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let api = try await app.client.execute(uri: "/api/v1/no-such-thing", method: .get)
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(try api.json()["status"] as? Int == 404)
            let page = try await app.client.execute(uri: "/no-such-page", method: .get)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains(#"<html lang="en">"#))
            #expect(page.text.contains("404"))
        }
    }

    @Test("an oversized body is refused with 413 and a reason", arguments: TestEngines.all)
    func oversizedBody(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: 1024) { app in
            let before = try await app.counts()
            let big = ByteBuffer(string: #"{"name":""# + String(repeating: "x", count: 4096) + #""}"#)
            var headers = HTTPFields.json(.bearer(TestHarness.adminToken))
            headers[.contentLength] = String(big.readableBytes)
            let declared = try await app.client.execute(uri: "/api/v1/tokens", method: .post, headers: headers, body: big)
            #expect(declared.status == .contentTooLarge)
            #expect((try declared.json()["detail"] as? String)?.contains("1024 bytes") == true)
            // Without a Content-Length the limit applies while the body is read.
            let streamed = try await app.client.execute(uri: "/api/v1/tokens", method: .post,
                                                        headers: .json(.bearer(TestHarness.adminToken)), body: big)
            #expect(streamed.status == .contentTooLarge)
            #expect(try await app.counts() == before)
        }
    }

    @Test("repeated failures for an account are throttled with 429 and Retry-After", arguments: TestEngines.all)
    func throttlingPerAccount(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            let learner = app.accounts[.learner]
            for _ in 0..<5 { #expect(try await browser.logIn(learner.email, "wrong-password").status == .unauthorized) }
            let before = try await app.counts()
            // Even the right password is refused while throttled.
            let throttled = try await browser.logIn(learner.email, learner.password)
            #expect(throttled.status == .tooManyRequests)
            let retryAfter = try #require(throttled.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 15 * 60)
            #expect(throttled.text.contains("Too many failed attempts"))
            #expect(try await app.counts() == before)
            #expect(try await app.store.countEvents(action: .loginThrottled) == 1)
            // Other accounts are unaffected; after the window the account works again.
            #expect(try await Browser(app.client).logIn(app.accounts[.assessor].email, app.accounts[.assessor].password).status == .seeOther)
            app.clock.advance(by: Double(retryAfter) + 1)
            #expect(try await browser.logIn(learner.email, learner.password).status == .seeOther)
        }
    }

    @Test("repeated failures from one address are throttled across accounts")
    func throttlingPerAddress() async throws {
        try await TestHarness.withApp(.sqlite, setup: .live) { app in
            let browser = Browser(app.client)
            for index in 0..<20 {
                #expect(try await browser.logIn("guess\(index)@example.org", "wrong-password").status == .unauthorized)
            }
            let throttled = try await browser.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] != nil)
        }
    }
}
