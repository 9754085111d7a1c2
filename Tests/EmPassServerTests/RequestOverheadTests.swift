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
            #expect(verify <= 2, "POST /credentials/verify sent \(verify) statements")
        }
    }
}
