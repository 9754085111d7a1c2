import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// Issue → verify → revoke → verify again, through the real application over HTTP, on both engines.
@Suite("Issuance over HTTP")
struct IssuanceHTTPTests {
    static let unsigned = #"""
    {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
     "type":["VerifiableCredential","OpenBadgeCredential"],
     "issuer":{"id":"did:example:someone-else","type":["Profile"],"name":"Demo VET School"},
     "name":"Team work badge",
     "credentialSubject":{"id":"did:example:learner-1","type":["AchievementSubject"],
       "achievement":{"id":"https://example.org/achievements/teamwork","type":["Achievement"],"name":"Team work",
                      "description":"Works well in a team.","criteria":{"narrative":"Observed in a placement."}}}}
    """#

    /// An API token for the demo school's administrator (a test centre, so it may issue).
    static func orgAdminToken(_ app: TestApp) async throws -> String {
        let browser = Browser(app.client)
        try await browser.logIn(app.accounts[.orgAdmin].email, app.accounts[.orgAdmin].password)
        var headers = HTTPFields.json()
        headers[HTTPField.Name("X-CSRF-Token")!] = try await browser.sessionCSRFToken()
        let created = try await browser.send("/api/v1/tokens", method: .post, headers: headers, body: ByteBuffer(string: #"{"name":"issuer"}"#))
        return try #require(try created.json()["token"] as? String)
    }

    static func post(_ app: TestApp, _ path: String, _ body: String, token: String? = nil, extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = HTTPFields.json(token.map { HTTPFields.bearer($0) } ?? [:])
        for field in extra { headers.append(field) }
        return try await app.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func json(_ response: TestResponse) throws -> JSONValue { try JSONParser().parse(Array(buffer: response.body)) }

    @Test("issue, verify, read the status list, revoke, verify again", arguments: TestEngines.all)
    func endToEnd(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await Self.orgAdminToken(app)
            var idempotency = HTTPFields()
            idempotency[HTTPField.Name("Idempotency-Key")!] = "first-badge"
            let issued = try await Self.post(app, "/credentials/issue", #"{"credential":\#(Self.unsigned),"options":{}}"#, token: token, extra: idempotency)
            #expect(issued.status == .created, "\(issued.text)")
            let credential = try #require(try Self.json(issued)["verifiableCredential"])
            // The token's organisation is the issuer, whatever the request said.
            let issuerID = try #require(credential["issuer"]?["id"]?.stringValue)
            #expect(issuerID.hasPrefix("did:web:") && issuerID.hasSuffix(":orgs:demo-vet-school"))
            #expect(credential["issuer"]?["name"] == .string("Demo VET School"))

            // A retry with the same key returns the same credential.
            let retry = try await Self.post(app, "/credentials/issue", #"{"credential":\#(Self.unsigned),"options":{}}"#, token: token, extra: idempotency)
            #expect(retry.status == .ok)
            #expect(try Self.json(retry)["verifiableCredential"] == credential)
            #expect(try await app.store.countCredentials() == 1)

            let body = String(decoding: JSONSerializer.serializeBytes(.object(JSONObject([("verifiableCredential", credential)]))), as: UTF8.self)
            let verified = try Self.json(try await Self.post(app, "/credentials/verify", body))
            #expect(verified["verified"] == .bool(true), "\(verified)")
            #expect(verified["checks"]?.arrayValue?.contains(.string("proof")) == true)
            #expect(verified["checks"]?.arrayValue?.contains(.string("status")) == true)
            #expect(verified["errors"] == .array([]))

            // The DID document lists the key that signed it.
            let did = try await app.client.execute(uri: "/orgs/demo-vet-school/did.json", method: .get)
            #expect(did.status == .ok)
            let method = try #require(credential["proof"]?.arrayValue?.first?["verificationMethod"]?.stringValue)
            #expect(try DIDDocument(json: Self.json(did)).assertionMethod.contains(method))

            // The status list: signed, cached, conditional.
            let entries = try StatusListEntry.entries(in: try #require(IssuanceServiceTests.object(credential)))
            #expect(entries.map(\.purpose) == [.revocation, .suspension])
            let revocation = entries[0]
            let listPath = try #require(URL(string: revocation.listCredential)?.path)
            let list = try await app.client.execute(uri: listPath, method: .get)
            #expect(list.status == .ok)
            #expect(list.headers[.cacheControl] == "public, max-age=60")
            let etag = try #require(list.headers[.eTag])
            let listCredential = try BitstringStatusListCredential(json: Self.json(list))
            #expect(listCredential.id == revocation.listCredential)
            #expect(try !listCredential.status(of: revocation).isSet)
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = etag
            #expect(try await app.client.execute(uri: listPath, method: .get, headers: conditional).status == .notModified)

            // Revoke through the VC-API, with a reason.
            let id = try #require(credential["id"]?.stringValue)
            let revoked = try await Self.post(app, "/credentials/status",
                                              #"{"credentialId":"\#(id)","reason":"issued in error","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#,
                                              token: token)
            #expect(revoked.status == .ok, "\(revoked.text)")
            #expect(try Self.json(revoked)["status"] == .string("revoked"))
            let after = try await app.client.execute(uri: listPath, method: .get, headers: conditional)
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != etag)
            #expect(try BitstringStatusListCredential(json: Self.json(after)).status(of: revocation).isSet)
            let reverified = try Self.json(try await Self.post(app, "/credentials/verify", body))
            #expect(reverified["verified"] == .bool(false))
            #expect(reverified["errors"]?.arrayValue?.contains { $0["reason"] == .string("revoked") } == true)
            let event = try #require(try await app.store.events(limit: 1, before: nil, action: .credentialRevoked).first)
            #expect(event.target == "credential:\(id.dropFirst("urn:uuid:".count))")
            #expect(event.detailsJSON.contains("issued in error"))
            // Revocation is permanent.
            let undo = try await Self.post(app, "/credentials/status",
                                           #"{"credentialId":"\#(id)","credentialStatus":[{"type":"BitstringStatusListEntry","status":"active"}]}"#, token: token)
            #expect(undo.status == .conflict)
        }
    }

    @Test("suspend and unsuspend through the platform API; the signed status list credential verifies", arguments: TestEngines.all)
    func suspendAndUnsuspend(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await Self.orgAdminToken(app)
            let issued = try await Self.post(app, "/credentials/issue", #"{"credential":\#(Self.unsigned)}"#, token: token)
            let credential = try #require(try Self.json(issued)["verifiableCredential"])
            let id = try #require(credential["id"]?.stringValue)
            let suspended = try await Self.post(app, "/api/v1/credentials/\(id)/status", #"{"action":"suspend","reason":"identity check pending"}"#, token: token)
            #expect(suspended.status == .ok, "\(suspended.text)")
            #expect(try suspended.json()["status"] as? String == "suspended")
            let listed = try await app.client.execute(uri: "/api/v1/credentials", method: .get, headers: .bearer(token))
            #expect(listed.text.contains("\"suspended\""))
            let unsuspended = try await Self.post(app, "/api/v1/credentials/\(id)/status", #"{"action":"unsuspend"}"#, token: token)
            #expect(try unsuspended.json()["status"] as? String == "active")
            #expect(try await app.store.events(limit: 5, before: nil, action: .credentialUnsuspended).count == 1)

            // The suspension list as served is a credential our verifier accepts (did:web resolved locally).
            let entry = try StatusListEntry.entries(in: try #require(IssuanceServiceTests.object(credential)))[1]
            let list = try await app.client.execute(uri: try #require(URL(string: entry.listCredential)?.path), method: .get)
            let services = try await IssuanceHTTPTests.services(for: app)
            #expect(await services.credentialVerifier.verify(try Self.json(list)).isValid)
        }
    }

    /// Services over the test app's database (same configuration), for checks that need the verifier.
    static func services(for app: TestApp) async throws -> AppServices {
        try await makeServices(config: try TestHarness.config(app.store.database.location), database: app.store.database,
                               clock: app.clock, random: SystemRandomSource(), logger: TestHarness.quietLogger)
    }

    @Test("bad VC-API requests get a 4xx problem with a reason and change nothing", arguments: TestEngines.all)
    func badRequests(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await Self.orgAdminToken(app)
            let cases: [(String, String, String?, HTTPResponse.Status)] = [
                ("/credentials/issue", #"{"credential":\#(Self.unsigned)}"#, nil, .unauthorized),
                ("/credentials/issue", "not json", token, .badRequest),
                ("/credentials/issue", #"{"options":{}}"#, token, .unprocessableContent),
                ("/credentials/issue", #"{"credential":"text"}"#, token, .unprocessableContent),
                ("/credentials/issue", #"{"credential":{"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],"credentialSubject":{}}}"#, token, .unprocessableContent),
                ("/credentials/issue", #"{"credential":\#(Self.unsigned),"options":{"cryptosuite":"rsa-2048"}}"#, token, .unprocessableContent),
                ("/credentials/issue", #"{"credential":{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{},"proof":{}}}"#, token, .unprocessableContent),
                ("/credentials/issue", #"{"credential":{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{},"credentialStatus":{}}}"#, token, .unprocessableContent),
                ("/credentials/verify", "", nil, .badRequest),
                ("/credentials/verify", #"{"verifiableCredential":"text"}"#, nil, .unprocessableContent),
                ("/credentials/status", #"{"credentialId":"urn:uuid:00000000-0000-7000-8000-000000000000","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}],"reason":"x"}"#, token, .notFound),
                ("/credentials/status", #"{"credentialId":"nope","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#, token, .unprocessableContent),
                ("/credentials/status", #"{"credentialId":"urn:uuid:00000000-0000-7000-8000-000000000000"}"#, token, .unprocessableContent),
            ]
            for (path, body, auth, expected) in cases {
                let response = try await Self.post(app, path, body, token: auth)
                #expect(response.status == expected, "\(path) \(body): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(path)")
                #expect(try response.json()["detail"] as? String != nil)
            }
            #expect(try await app.store.countCredentials() == 0)

            // Revoking needs a reason; the status of another organisation's credential is not found.
            let issued = try await Self.post(app, "/credentials/issue", #"{"credential":\#(Self.unsigned)}"#, token: token)
            let id = try #require(try Self.json(issued)["verifiableCredential"]?["id"]?.stringValue)
            let noReason = try await Self.post(app, "/credentials/status",
                                               #"{"credentialId":"\#(id)","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#, token: token)
            #expect(noReason.status == .unprocessableContent)
            #expect(try await app.client.execute(uri: "/status/not-a-list", method: .get).status == .notFound)
            #expect(try await app.client.execute(uri: "/orgs/nobody/did.json", method: .get).status == .notFound)
        }
    }

    @Test("/openapi.json is OpenAPI 3.1 and describes the VC-API and every /api route")
    func openAPIDocument() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let response = try await app.client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let expected: [(String, String)] = [
                ("/credentials/issue", "post"), ("/credentials/verify", "post"), ("/credentials/status", "post"),
                ("/api/v1/credentials", "get"), ("/api/v1/credentials/{id}", "get"), ("/api/v1/credentials/{id}/status", "post"),
                ("/api/v1/organisations/{slug}/keys/rotate", "post"), ("/api/v1/me", "get"), ("/api/v1/organisations", "get"),
                ("/api/v1/users", "get"), ("/api/v1/users", "post"), ("/api/v1/users/{id}", "get"), ("/api/v1/users/{id}/role", "put"),
                ("/api/v1/tokens", "get"), ("/api/v1/tokens", "post"), ("/api/v1/tokens/{id}", "delete"), ("/api/v1/audit", "get"),
                ("/api/v1/catalogue/specs", "get"), ("/api/v1/catalogue/specs", "post"), ("/api/v1/catalogue/specs/{id}", "get"),
                ("/api/v1/catalogue/specs/{id}/versions/{version}", "get"), ("/api/v1/catalogue/specs/{id}/versions/{version}", "put"),
                ("/api/v1/catalogue/specs/{id}/versions/{version}/achievement", "get"),
                ("/api/v1/catalogue/specs/{id}/versions/{version}/publish", "post"),
                ("/api/v1/catalogue/specs/{id}/versions/{version}/revise", "post"),
                ("/api/v1/issuance/batches", "post"), ("/api/v1/issuance/batches", "get"), ("/api/v1/issuance/batches/{id}", "get"),
                ("/api/v1/issuance/batches/{id}/retry", "post"), ("/api/v1/issuance/batches/{id}/rows/{row}/credential", "get"),
                ("/api/v1/organisations/{slug}/issuance-settings", "get"), ("/api/v1/organisations/{slug}/issuance-settings", "put"),
            ]
            for (path, method) in expected {
                #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is not described")
            }
            #expect(Set(paths.keys).count == Set(expected.map(\.0)).count, "described paths: \(paths.keys.sorted())")
            // Every described path answers (not 404 for a route that does not exist).
            for path in paths.keys where !path.contains("{") {
                let method: HTTPRequest.Method = paths[path]?["get"] != nil ? .get : .post
                let answer = try await app.client.execute(uri: path, method: method, headers: .json(), body: ByteBuffer(string: "{}"))
                #expect(answer.status != .notFound, "\(path)")
            }
        }
    }
}

@Suite("Issued credentials page")
struct IssuerPagesTests {
    @Test("an organisation administrator revokes a credential from the page, with a reason", arguments: TestEngines.all)
    func revokeFromThePage(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let issued = try await IssuanceHTTPTests.post(app, "/credentials/issue", #"{"credential":\#(IssuanceHTTPTests.unsigned)}"#, token: token)
            let urn = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"]?["id"]?.stringValue)
            let id = String(urn.dropFirst("urn:uuid:".count))

            let browser = Browser(app.client)
            try await browser.logIn(app.accounts[.orgAdmin].email, app.accounts[.orgAdmin].password)
            let page = try await browser.get("/issuer/credentials")
            #expect(page.status == .ok)
            #expect(page.text.contains(String(id.suffix(12))))
            #expect(page.text.contains("Active"))
            let csrf = try Browser.csrfToken(in: page)

            // Without the CSRF token: refused. Without a reason: refused, nothing changes.
            #expect(try await browser.post("/issuer/credentials/\(id)/status", form: [("action", "revoke"), ("reason", "x")]).status == .forbidden)
            let noReason = try await browser.post("/issuer/credentials/\(id)/status", form: [("csrf_token", csrf), ("action", "revoke"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await app.store.credentialState(id: IssuedCredentialID(id)!) == .active)

            let done = try await browser.post("/issuer/credentials/\(id)/status",
                                              form: [("csrf_token", csrf), ("action", "revoke"), ("reason", "certificate obtained by fraud")])
            #expect(done.status == .seeOther)
            #expect(try await app.store.credentialState(id: IssuedCredentialID(id)!) == .revoked)
            let after = try await browser.get("/issuer/credentials?done=revoked&lang=el")
            #expect(after.text.contains("Ανακλήθηκε"))
            let event = try #require(try await app.store.events(limit: 1, before: nil, action: .credentialRevoked).first)
            #expect(event.detailsJSON.contains("certificate obtained by fraud"))

            // A learner may not see the page.
            let learner = Browser(app.client)
            try await learner.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
            #expect(try await learner.get("/issuer/credentials").status == .forbidden)
        }
    }
}
