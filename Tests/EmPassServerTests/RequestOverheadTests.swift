import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// What one request costs the database, counted through real HTTP: `/metrics` exposes
/// `empass_sql_statements_total` (every statement the app's pool sent, in or out of transactions).
@Suite("Per-request overhead")
struct RequestOverheadTests {
    static func statements(_ app: TestApp) async throws -> Int {
        let metrics = try await app.client.execute(uri: "/metrics", method: .get)
        let line = try #require(metrics.text.split(separator: "\n").first { $0.hasPrefix("empass_sql_statements_total ") })
        return try #require(Int(line.split(separator: " ")[1]))
    }

    /// Statements for `body`, measured as the counter's difference (nothing else runs in the app).
    static func count(_ app: TestApp, _ body: () async throws -> Void) async throws -> Int {
        let before = try await statements(app)
        try await body()
        return try await statements(app) - before
    }

    @Test("statements per POST /credentials/issue and /credentials/verify", arguments: TestEngines.all)
    func statementsPerRequest(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let request = #"{"credential":\#(IssuanceHTTPTests.unsigned)}"#
            // The first issuance opens the organisation's status lists and its key; measure the steady state.
            _ = try await IssuanceHTTPTests.post(app, "/credentials/issue", request, token: token)
            var credential = JSONValue.null
            let issue = try await Self.count(app) {
                let issued = try await IssuanceHTTPTests.post(app, "/credentials/issue", request, token: token)
                #expect(issued.status == .created, "\(issued.text)")
                credential = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"])
            }
            var keyed = HTTPFields()
            keyed[HTTPField.Name("Idempotency-Key")!] = "overhead-1"
            let issueWithKey = try await Self.count(app) {
                let issued = try await IssuanceHTTPTests.post(app, "/credentials/issue", request, token: token, extra: keyed)
                #expect(issued.status == .created)
            }
            let body = String(decoding: JSONSerializer.serializeBytes(.object(JSONObject([("verifiableCredential", credential)]))), as: UTF8.self)
            // The first verification learns the platform's keys and lists (cached per process); measure the next.
            _ = try await IssuanceHTTPTests.post(app, "/credentials/verify", body)
            let verify = try await Self.count(app) {
                let verified = try IssuanceHTTPTests.json(try await IssuanceHTTPTests.post(app, "/credentials/verify", body))
                #expect(verified["verified"] == .bool(true), "\(verified)")
            }
            print("EMPASS-SQL-PER-REQUEST \(engine): issue=\(issue) issueWithIdempotencyKey=\(issueWithKey) verify=\(verify)")
            // Token with its user, organisation, active key, BEGIN, both status entries in one INSERT, the
            // credential, COMMIT, the audit event (was 12 before: user and token apart, two reads and two inserts for the entries).
            #expect(issue <= 8, "POST /credentials/issue sent \(issue) statements")
            #expect(issueWithKey <= issue + 1, "the Idempotency-Key lookup is one statement")
            #expect(verify <= 1, "POST /credentials/verify sent \(verify) statements")
        }
    }

    @Test("GET /status/{list}: the ETag comes from the list's version; 304 and an unchanged list cost one statement", arguments: TestEngines.all)
    func statusListETag(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let issued = try await IssuanceHTTPTests.post(app, "/credentials/issue", #"{"credential":\#(IssuanceHTTPTests.unsigned)}"#, token: token)
            let credential = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"])
            let suspension = try StatusListEntry.entries(in: try #require(credential.objectValue))[1]
            let path = try #require(URL(string: suspension.listCredential)?.path)

            let first = try await app.client.execute(uri: path, method: .get)
            #expect(first.status == .ok && first.headers[.eTag] == "W/\"v0\"")
            #expect(first.headers[.cacheControl] == "public, max-age=\(StatusListPublisher.maxAgeSeconds)")
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = "W/\"v0\""
            var notModified: TestResponse?
            let conditionalCost = try await Self.count(app) { notModified = try await app.client.execute(uri: path, method: .get, headers: conditional) }
            #expect(notModified?.status == .notModified && notModified?.headers[.eTag] == "W/\"v0\"")
            #expect(notModified?.headers[.cacheControl] != nil && notModified?.body.readableBytes == 0)
            #expect(conditionalCost == 1, "a 304 reads the list's row only, not its entries")
            var again: TestResponse?
            let unchangedCost = try await Self.count(app) { again = try await app.client.execute(uri: path, method: .get) }
            #expect(again?.status == .ok && again.map { Array(buffer: $0.body) } == Array(buffer: first.body))
            #expect(unchangedCost == 1, "an unchanged list is served as signed before")

            // Suspending moves the version: the old ETag no longer matches, the new list has the bit.
            let id = try #require(credential["id"]?.stringValue)
            let suspended = try await IssuanceHTTPTests.post(app, "/api/v1/credentials/\(id)/status", #"{"action":"suspend","reason":"check"}"#, token: token)
            #expect(suspended.status == .ok)
            let changed = try await app.client.execute(uri: path, method: .get, headers: conditional)
            #expect(changed.status == .ok && changed.headers[.eTag] == "W/\"v1\"")
            #expect(try BitstringStatusListCredential(json: IssuanceHTTPTests.json(changed)).status(of: suspension).isSet)
            _ = try await IssuanceHTTPTests.post(app, "/api/v1/credentials/\(id)/status", #"{"action":"unsuspend"}"#, token: token)
            let back = try await app.client.execute(uri: path, method: .get)
            #expect(back.headers[.eTag] == "W/\"v2\"")
            #expect(try !BitstringStatusListCredential(json: IssuanceHTTPTests.json(back)).status(of: suspension).isSet)
            // A second suspend of an already suspended credential changes nothing, so neither does the version.
            #expect(try await app.store.statusList(id: try #require(StatusListID(String(path.split(separator: "/").last!))))?.version == 2)
        }
    }
}
