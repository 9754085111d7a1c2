import Catalogue
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// Bulk issuance from a results file, through the real application on both engines: good rows
/// become verifiable credentials, bad rows are reported with their reasons, nothing is issued
/// twice (re-upload, interruption and a resume run twice at once).
@Suite("Bulk issuance")
struct BulkIssuanceTests {
    static let skills = try! MicroCredentialSpec.flagship().content.skills
    static let specID = try! MicroCredentialSpec.flagship().id.rawValue

    /// The header: fixed columns, every flagship skill with θ and SE, and one skill the framework lacks.
    static var header: String {
        (["learner", "name", "nameConsent", "specification", "specVersion", "validUntil"]
            + skills.flatMap { ["\($0.skill.rawValue)", "\($0.skill.rawValue).theta", "\($0.skill.rawValue).se"] } + ["juggling"])
            .joined(separator: ",")
    }

    /// A row; `levels` overrides per skill index (nil: required level), `estimates` adds θ/SE.
    static func row(_ learner: String, name: String = "", consent: String = "", spec: String = specID, version: String = "",
                    validUntil: String = "2099-12-31", levels: [Int: String] = [:], estimates: Bool = false,
                    se: String? = nil, juggling: String = "") -> String {
        var fields = [learner, name, consent, spec, version, validUntil]
        for (i, requirement) in skills.enumerated() {
            fields.append(levels[i] ?? String(requirement.requiredLevel))
            fields.append(estimates ? String(0.1 * Double(i)) : "")
            fields.append(estimates ? (se ?? "0.3") : "")
        }
        fields.append(juggling)
        return fields.joined(separator: ",")
    }

    static func upload(_ app: TestApp, _ csv: String, token: String, contentType: String = "text/csv") async throws -> TestResponse {
        var headers = HTTPFields.bearer(token)
        headers[.contentType] = contentType
        return try await app.client.execute(uri: "/api/v1/issuance/batches?name=results.csv", method: .post, headers: headers,
                                            body: ByteBuffer(string: csv))
    }

    /// Polls the batch until it is completed (the processor runs in the background).
    static func waitForCompletion(_ app: TestApp, _ id: String, token: String) async throws -> JSONValue {
        for _ in 0..<600 {
            let response = try await app.client.execute(uri: "/api/v1/issuance/batches/\(id)", method: .get, headers: .bearer(token))
            #expect(response.status == .ok)
            let json = try IssuanceHTTPTests.json(response)
            if json["state"] == .string("completed") { return json }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("batch \(id) did not complete")
        return .null
    }

    @Test("good rows are issued and verify; bad rows fail with reasons; a re-upload issues nothing twice", arguments: TestEngines.all)
    func goodAndBadRows(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let lastSkill = Self.skills.count - 1
            let csv = [
                Self.header,
                Self.row("Maria.Pop@example.org", name: "Maria Pop", consent: "yes", version: "1", estimates: true),   // 1 good, θ and SE
                Self.row("did:example:learner-2", levels: [0: "4"]),                                                  // 2 good, levels only
                Self.row("x@example.org", spec: "no-such-spec"),                                                      // 3 unknown specification
                Self.row("not-an-email"),                                                                             // 4 bad email
                Self.row("y@example.org", levels: [0: "9"]),                                                          // 5 level out of range
                Self.row("z@example.org", levels: [lastSkill: ""]),                                                   // 6 missing skill
                Self.row("w@example.org", juggling: "2"),                                                             // 7 unknown skill
                Self.row("maria.pop@example.org"),                                                                    // 8 same learner again
                Self.row(app.accounts[.learner].email),                                                               // 9 good, a platform learner
                Self.row("v@example.org", estimates: true, se: ""),                                                   // 10 θ without SE
                Self.row("did:bad"),                                                                                  // 11 not a DID
            ].joined(separator: "\n")
            let before = try await app.store.countCredentials()
            let created = try await Self.upload(app, csv, token: token)
            #expect(created.status == .accepted, "\(created.text)")
            let accepted = try IssuanceHTTPTests.json(created)
            let id = try #require(accepted["id"]?.stringValue)
            #expect(accepted["rows"] == .number(JSONNumber(text: "11")))
            #expect(created.headers[.location] == "/api/v1/issuance/batches/\(id)")

            let report = try await Self.waitForCompletion(app, id, token: token)
            #expect(report["issued"] == .number(JSONNumber(text: "3")) && report["failed"] == .number(JSONNumber(text: "8")), "\(report)")
            let items = try #require(report["items"]?.arrayValue)
            #expect(items.count == 11)
            func reason(_ row: Int) -> String { items[row - 1]["reason"]?.stringValue ?? "" }
            #expect(reason(3).contains("no-such-spec does not exist"))
            #expect(reason(4).contains("email address is not valid"))
            #expect(reason(5).contains("level 9"))
            #expect(reason(6).contains("has no result for it"))
            #expect(reason(7).contains("juggling is not in the skills framework"))
            #expect(reason(8).contains("already on row 1"))
            #expect(reason(10).contains("give both or neither"))
            #expect(reason(11).contains("not a DID"))
            for good in [1, 2, 9] { #expect(items[good - 1]["state"] == .string("issued") && reason(good).isEmpty) }

            // Exactly three new credentials, each verifying; the levels-only one carries no θ.
            #expect(try await app.store.countCredentials() == before + 3)
            let services = try await IssuanceHTTPTests.services(for: app)
            var credentials: [JSONValue] = []
            for good in [1, 2, 9] {
                let urn = try #require(items[good - 1]["credentialId"]?.stringValue)
                let record = try #require(try await app.store.credential(id: try IssuanceJSON.credentialID(urn)))
                let credential = try JSONParser().parse(Array(record.credentialJSON.utf8))
                let verdict = await services.credentialVerifier.verify(credential)
                #expect(verdict.isValid, "row \(good): \(verdict.failures)")
                credentials.append(credential)
            }
            let measured = try #require(credentials[0]["credentialSubject"]?["result"]?.arrayValue)
            #expect(measured.allSatisfy { $0["empass:theta"] != nil && $0["empass:standardError"] != nil })
            let levelsOnly = try #require(credentials[1]["credentialSubject"]?["result"]?.arrayValue)
            #expect(levelsOnly.allSatisfy { $0["empass:theta"] == nil })
            #expect(credentials[1]["credentialSubject"]?["id"] == .string("did:example:learner-2"))
            #expect(credentials[0]["evidence"]?.arrayValue?.first?["empass:awardedBy"] == .string("bulkUpload"))
            // Reasons are codes with parameters, rendered in the reader's language.
            #expect(items[2]["reasonCode"] == .string("specification_unknown"))
            #expect(items[2]["reasonParameters"]?["spec"] == .string("no-such-spec"))
            let greekReport = try IssuanceHTTPTests.json(try await app.client.execute(
                uri: "/api/v1/issuance/batches/\(id)?lang=el", method: .get, headers: .bearer(token)))
            let greekItems = try #require(greekReport["items"]?.arrayValue)
            #expect(greekItems[2]["reason"] == .string("η προδιαγραφή no-such-spec δεν υπάρχει"), "\(greekItems[2])")
            #expect(greekItems[4]["reason"]?.stringValue?.contains("το επίπεδο 9") == true)
            #expect(greekItems[7]["reason"]?.stringValue?.contains("στη γραμμή 1") == true)

            // No learner's email is kept: the report shows hints, and done rows dropped their input.
            #expect(items[0]["learner"] == .string("M•••@example.org"))
            #expect(items[1]["learner"] == .string("did:example:learner-2"))
            let stored = try await app.store.rows(batchID: try #require(IssuanceBatchID(id)))
            #expect(stored.allSatisfy { $0.inputJSON == nil && !$0.learner.lowercased().contains("maria.pop") })
            let rowsText = try await app.store.database.sql.raw("SELECT * FROM issuance_batch_rows").all()
                .map { row in (try? row.decode(column: "learner", as: String.self)) ?? "" }.joined()
            #expect(!rowsText.contains("@example.org") || !rowsText.contains("maria.pop"))
            #expect(!rowsText.contains(app.accounts[.learner].email))

            // The report's credential link works for the organisation's assessors (who cannot read
            // /api/v1/credentials/…, an administrators' route).
            let assessor = Browser(app.client)
            try await assessor.logIn(app.accounts[.assessor].email, app.accounts[.assessor].password)
            let linked = try await assessor.get("/issuer/bulk/\(id)/rows/1/credential")
            #expect(linked.status == .ok, "\(linked.text.prefix(300))")
            #expect(try JSONParser().parse(Array(linked.text.utf8))["id"] == items[0]["credentialId"])
            #expect(try await assessor.get("/api/v1/credentials/\(items[0]["credentialId"]!.stringValue!)").status == .notFound)
            #expect(try await assessor.get("/issuer/bulk/\(id)/rows/3/credential").status == .notFound)   // a failed row
            let apiLink = try #require(items[0]["credential"]?.stringValue)
            let viaAPI = try await app.client.execute(uri: apiLink, method: .get, headers: .bearer(token))
            #expect(viaAPI.status == .ok && viaAPI.text == linked.text)

            // A platform learner's row lands in their wallet.
            let learner = try #require(try await app.store.user(email: app.accounts[.learner].email))
            let urn9 = try #require(items[8]["credentialId"]?.stringValue)
            #expect(try await app.store.credential(id: try IssuanceJSON.credentialID(urn9))?.learnerUserID == learner.id)

            // The same file again: the earlier batch, nothing new.
            let again = try await Self.upload(app, csv, token: token)
            #expect(again.status == .ok)
            #expect(try IssuanceHTTPTests.json(again)["id"] == .string(id))
            #expect(try IssuanceHTTPTests.json(again)["alreadyUploaded"] == .bool(true))
            #expect(try await app.store.countCredentials() == before + 3)
            #expect(try await app.store.countEvents(action: .issuanceBatchCreated) == 1)
            #expect(try await app.store.countEvents(action: .issuanceBatchCompleted) == 1)

            // The page: progress, counts, reasons, links; no refresh once finished.
            let browser = Browser(app.client)
            try await browser.logIn(app.accounts[.orgAdmin].email, app.accounts[.orgAdmin].password)
            let page = try await browser.get("/issuer/bulk/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("11 of 11 rows") && page.text.contains(#"<progress max="11" value="11""#))
            #expect(page.text.contains("no-such-spec does not exist"))
            #expect(page.text.contains("/issuer/bulk/\(id)/rows/1/credential"))
            #expect(!page.text.contains(#"http-equiv="refresh""#))
            let list = try await browser.get("/issuer/bulk")
            #expect(list.text.contains("results.csv") && list.text.contains("3 issued, 8 failed of 11"))
            let greek = try await browser.get("/issuer/bulk/\(id)?lang=el")
            #expect(greek.text.contains("11 από 11 γραμμές"))
        }
    }

    /// A crash right after row 2's credential was stored, before the row recorded it: the
    /// batch stops there (rows 2–5 pending, row 2's input still held).
    final class CrashAfterIssue: @unchecked Sendable {
        private let lock = NSLock()
        private var crashed: IssuedCredentialID?
        let row: Int
        init(row: Int) { self.row = row }
        var credential: IssuedCredentialID? { lock.withLock { crashed } }
        func afterIssue(row: Int, credential: IssuedCredentialID) throws {
            let crash = lock.withLock {
                guard row == self.row, crashed == nil else { return false }
                crashed = credential
                return true
            }
            if crash { throw CancellationError() }
        }
    }

    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<600 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("condition not reached")
    }

    @Test("an interrupted batch resumes without duplicates, even when the resume runs twice at once", arguments: TestEngines.all)
    func resumeAfterInterruption(engine: DatabaseEngine) async throws {
        let crash = CrashAfterIssue(row: 2)
        try await TestHarness.withApp(engine, configureServices: {
            $0.bulkIssuanceFaults = BulkIssuanceFaults(afterIssue: { _, row, id in try crash.afterIssue(row: row, credential: id) })
        }) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let csv = ([Self.header] + (1...5).map { Self.row("learner\($0)@example.org", estimates: $0 % 2 == 0) }).joined(separator: "\n")
            let created = try await Self.upload(app, csv, token: token)
            let id = try #require(try IssuanceHTTPTests.json(created)["id"]?.stringValue)
            let batchID = try #require(IssuanceBatchID(id))
            try await Self.waitUntil { crash.credential != nil }
            try await Self.waitUntil { (try await app.store.rows(batchID: batchID)).first?.state == .issued }
            try await Task.sleep(for: .milliseconds(100))   // the stopped run lets go of the batch
            let crashed = try #require(crash.credential)
            let before = try await app.store.rows(batchID: batchID)
            #expect(before.map(\.state) == [.issued, .pending, .pending, .pending, .pending])
            #expect(before[1].inputJSON != nil && before[0].inputJSON == nil)   // a pending row keeps what it needs to issue
            #expect(try await app.store.credential(id: crashed) != nil)
            #expect(try await app.store.countCredentials() == 2)

            // Two processes' start-up resumes at once (separate services, separate run registries).
            let one = try await IssuanceHTTPTests.services(for: app), two = try await IssuanceHTTPTests.services(for: app)
            async let a = BulkIssuanceProcessor(services: one).resumeUnfinished()
            async let b = BulkIssuanceProcessor(services: two).resumeUnfinished()
            _ = await (a, b)
            _ = await BulkIssuanceProcessor(services: one).resumeUnfinished()

            let after = try await app.store.rows(batchID: batchID)
            #expect(after.allSatisfy { $0.state == .issued })
            #expect(after[1].credentialID == crashed, "row 2 gets the credential stored before the crash, not a second one")
            #expect(Set(after.compactMap(\.credentialID)).count == 5)
            #expect(try await app.store.countCredentials() == 5)
            #expect(try await app.store.batch(id: batchID)?.state == .completed)
            #expect(try await app.store.unfinishedBatches().isEmpty)
            #expect(after.allSatisfy { $0.inputJSON == nil && $0.learner.hasPrefix("l•••@") })
        }
    }

    /// Database failures injected before attempts: row 2 fails once, row 3 until healed.
    final class FlakyDatabase: @unchecked Sendable {
        struct Down: Error {}
        private let lock = NSLock()
        private var healed = false
        private(set) var failures = 0
        func heal() { lock.withLock { healed = true } }
        func beforeAttempt(row: Int, attempt: Int) throws {
            let fail = lock.withLock {
                let fail = (row == 2 && attempt == 1) || (row == 3 && !healed)
                if fail { failures += 1 }
                return fail
            }
            if fail { throw Down() }
        }
    }

    @Test("a database failure on a row is retried; one that persists is reported, keeps the row, and can be retried", arguments: TestEngines.all)
    func transientFailures(engine: DatabaseEngine) async throws {
        let database = FlakyDatabase()
        try await TestHarness.withApp(engine, configureServices: {
            $0.bulkIssuanceFaults = BulkIssuanceFaults(beforeAttempt: { _, row, attempt in try database.beforeAttempt(row: row, attempt: attempt) })
        }) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let csv = ([Self.header] + (1...4).map { Self.row("flaky\($0)@example.org") }).joined(separator: "\n")
            let id = try #require(try IssuanceHTTPTests.json(try await Self.upload(app, csv, token: token))["id"]?.stringValue)
            let report = try await Self.waitForCompletion(app, id, token: token)
            let items = try #require(report["items"]?.arrayValue)
            #expect(items.map { $0["state"]?.stringValue } == ["issued", "issued", "failed", "issued"], "\(items)")
            #expect(items[1]["attempts"] == .number(JSONNumber(text: "2")))
            #expect(items[2]["reasonCode"] == .string("transient_failure") && items[2]["attempts"] == .number(JSONNumber(text: "3")))
            #expect(items[2]["reason"]?.stringValue?.contains("all 3 attempts") == true)
            #expect(database.failures == 1 + BulkIssuanceProcessor.maximumAttempts)
            let batchID = try #require(IssuanceBatchID(id))
            #expect(try await app.store.rows(batchID: batchID).map { $0.inputJSON != nil } == [false, false, true, false])
            #expect(try await app.store.countCredentials() == 3)

            // The page offers the retry (with its CSRF token) and says what happened, in Spanish too.
            let browser = Browser(app.client)
            try await browser.logIn(app.accounts[.orgAdmin].email, app.accounts[.orgAdmin].password)
            let page = try await browser.get("/issuer/bulk/\(id)")
            #expect(page.text.contains("/issuer/bulk/\(id)/retry") && page.text.contains("csrf_token"))
            #expect(page.text.contains("after 2 attempts"))
            let spanish = try await browser.get("/issuer/bulk/\(id)?lang=es")
            #expect(spanish.text.contains("la base de datos falló en los 3 intentos"))

            // Healed: the retry puts the row back and it is issued once.
            database.heal()
            let retried = try await app.client.execute(uri: "/api/v1/issuance/batches/\(id)/retry", method: .post, headers: .bearer(token))
            #expect(retried.status == .accepted)
            let retriedCount = try IssuanceHTTPTests.json(retried)["retried"]
            #expect(retriedCount == .number(JSONNumber(text: "1")))
            let final = try await Self.waitForCompletion(app, id, token: token)
            #expect(final["issued"] == .number(JSONNumber(text: "4")) && final["failed"] == .number(JSONNumber(text: "0")), "\(final)")
            #expect(try await app.store.countCredentials() == 4)
            #expect(try await app.store.rows(batchID: batchID).allSatisfy { $0.inputJSON == nil })
            // Nothing left to retry.
            let again = try await app.client.execute(uri: "/api/v1/issuance/batches/\(id)/retry", method: .post, headers: .bearer(token))
            let none = try IssuanceHTTPTests.json(again)["retried"]
            #expect(none == .number(JSONNumber(text: "0")))
        }
    }

    /// Recording row 2's outcome fails once (the database went away after it was issued).
    final class LostRecord: @unchecked Sendable {
        struct Down: Error {}
        private let lock = NSLock()
        private var failed = false
        func beforeRecord(row: Int) throws {
            let fail = lock.withLock {
                guard row == 2, !failed else { return false }
                failed = true
                return true
            }
            if fail { throw Down() }
        }
    }

    @Test("a pass the database interrupts outside a row runs again by itself and issues nothing twice", arguments: TestEngines.all)
    func pausedPassResumes(engine: DatabaseEngine) async throws {
        let lost = LostRecord()
        try await TestHarness.withApp(engine, configureServices: {
            $0.bulkIssuanceFaults = BulkIssuanceFaults(beforeRecord: { _, row in try lost.beforeRecord(row: row) })
        }) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let csv = ([Self.header] + (1...3).map { Self.row("paused\($0)@example.org") }).joined(separator: "\n")
            let id = try #require(try IssuanceHTTPTests.json(try await Self.upload(app, csv, token: token))["id"]?.stringValue)
            let report = try await Self.waitForCompletion(app, id, token: token)   // the second pass starts after 1 s
            #expect(report["issued"] == .number(JSONNumber(text: "3")), "\(report)")
            #expect(try await app.store.countCredentials() == 3, "row 2's credential from the first pass is reused")
            let rows = try await app.store.rows(batchID: try #require(IssuanceBatchID(id)))
            #expect(Set(rows.compactMap(\.credentialID)).count == 3)
        }
    }

    @Test("whole-file problems are refused with a reason and store nothing", arguments: TestEngines.all)
    func refusedFiles(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: 1 << 20) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let tooMany = (["learner,specification"] + (0...BulkIssuanceFile.maximumRows).map { "l\($0)@x.org,\(Self.specID)" }).joined(separator: "\n")
            let tooLarge = "learner,specification,name\n" + String(repeating: "a@x.org,\(Self.specID),\(String(repeating: "n", count: 1000))\n", count: 600)
            let cases: [(String, String, String, HTTPResponse.Status, String)] = [
                ("empty", "", "text/csv", .unprocessableContent, "empty"),
                ("blank", "\n \n", "text/csv", .unprocessableContent, "empty"),
                ("no header", "maria@example.org,\(Self.specID),3\n", "text/csv", .unprocessableContent, "header"),
                ("Self.header only", Self.header + "\n", "text/csv", .unprocessableContent, "no rows"),
                ("duplicate column", "learner,specification,learner\na@x.org,\(Self.specID),b\n", "text/csv", .unprocessableContent, "twice"),
                ("estimate without level", "learner,specification,teamwork.theta\na@x.org,\(Self.specID),1\n", "text/csv", .unprocessableContent, "teamwork.theta"),
                ("too many rows", tooMany, "text/csv", .unprocessableContent, "at most 1000 rows"),
                ("too large", tooLarge, "text/csv", .contentTooLarge, "512 KiB"),
                ("not CSV", #"{"a":1}"#, "application/json", .unsupportedMediaType, "text/csv"),
                ("broken quotes", "learner,specification\n\"a@x.org,\(Self.specID)\n", "text/csv", .unprocessableContent, "never closed"),
            ]
            for (name, body, type, status, reason) in cases {
                let response = try await Self.upload(app, body, token: token, contentType: type)
                #expect(response.status == status, "\(name): \(response.text)")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(name)")
                #expect(response.text.contains(reason), "\(name): \(response.text)")
            }
            let school = try #require(try await app.store.organisation(slug: "demo-vet-school"))
            #expect(try await app.store.batches(organisationID: school.id, limit: 10).isEmpty)
            #expect(try await app.client.execute(uri: "/api/v1/issuance/batches/\(UUID().uuidString.lowercased())", method: .get,
                                                 headers: .bearer(token)).status == .notFound)
        }
    }

    @Test("the upload page: a multipart file with its CSRF token, the sample file, a refused file shown on the page")
    func uploadPage() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let browser = Browser(app.client)
            try await browser.logIn(app.accounts[.assessor].email, app.accounts[.assessor].password)
            let home = try await browser.get("/issuer/bulk")
            #expect(home.status == .ok && home.text.contains(#"enctype="multipart/form-data""#))
            let csrf = try Browser.csrfToken(in: home)
            let sample = try await browser.get("/issuer/bulk/sample.csv")
            #expect(sample.status == .ok && sample.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(sample.text.hasPrefix("learner,name,nameConsent,specification,specVersion,validUntil,"))

            func multipart(_ parts: [(String, String?, String)]) -> (HTTPFields, ByteBuffer) {
                let boundary = "----empass-test-boundary"
                var body = ""
                for (name, filename, value) in parts {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"" + (filename.map { "; filename=\"\($0)\"" } ?? "")
                    body += "\r\n" + (filename != nil ? "Content-Type: text/csv\r\n" : "") + "\r\n\(value)\r\n"
                }
                body += "--\(boundary)--\r\n"
                var headers = HTTPFields()
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return (headers, ByteBuffer(string: body))
            }
            // The sample file itself is a valid upload: both its rows are issued.
            let (headers, body) = multipart([("csrf_token", nil, csrf), ("file", "cohort-7.csv", sample.text), ("csv", nil, "")])
            let posted = try await browser.send("/issuer/bulk", method: .post, headers: headers, body: body)
            #expect(posted.status == .seeOther, "\(posted.text)")
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix("/issuer/bulk/"))
            let id = String(location.dropFirst("/issuer/bulk/".count))
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let report = try await Self.waitForCompletion(app, id, token: token)
            #expect(report["issued"] == .number(JSONNumber(text: "2")), "\(report)")
            #expect(report["fileName"] == .string("cohort-7.csv"))

            // Without the CSRF token: refused, nothing stored.
            let (noTokenHeaders, noTokenBody) = multipart([("file", "x.csv", sample.text)])
            #expect(try await browser.send("/issuer/bulk", method: .post, headers: noTokenHeaders, body: noTokenBody).status == .forbidden)
            // A refused file is shown on the page with its reason and the right status.
            let refused = try await browser.post("/issuer/bulk", form: [("csrf_token", csrf), ("csv", "hello\n")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("The file was not accepted") && refused.text.contains("learner and specification missing"))
            // While a batch is running, its page reloads itself.
            let batchID = try #require(IssuanceBatchID(id))
            try await app.store.reopenBatch(id: batchID)
            #expect(try await browser.get(location).text.contains(#"<meta http-equiv="refresh" content="3">"#))
        }
    }
}
