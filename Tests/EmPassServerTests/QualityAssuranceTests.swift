import Catalogue
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// Providers' quality assurance over real HTTP on both engines: records created through the API,
/// the "was P assured for S on D" answer across validity edges, withdrawal, bad input, audit.
@Suite("Provider quality assurance API")
struct QualityAssuranceTests {
    static let admin = HTTPFields.json(.bearer(TestHarness.adminToken))

    /// An EQAVET inspection of the whole organisation, valid on the calendar days 2025-03-01 … 2026-02-28.
    static let inspection = """
        {"mechanism":"inspection",
         "responsibleBody":{"name":"National VET Quality Authority","kind":"publicAuthority","country":"RO","url":"https://quality.example.ro/register"},
         "scope":{"level":"organisation"},
         "outcome":{"grading":"multiCategory","grade":"very good","positive":true},
         "validity":{"firstDay":"2025-03-01","lastDay":"2026-02-28"},
         "benefits":["registryListing","publicFunding"],"standards":["eqavet"],
         "elementsAssessed":["trainingDesignAndDelivery"],"methods":["siteVisits","interviews"],
         "stakeholderParticipation":[{"stage":"qaProcess","role":"Employers' association on the panel"}],
         "costs":"Paid by the ministry"}
        """

    /// A programme-level certification of the flagship version 1 only, valid in calendar year 2027.
    static let programme = """
        {"mechanism":"certification","responsibleBody":{"name":"Sector Skills Council","kind":"sectorBody"},
         "scope":{"level":"programme","specifications":[{"id":"empass-employability","version":1}]},
         "validity":{"firstDay":"2027-01-01","lastDay":"2027-12-31"},"standards":["iso29993"]}
        """

    static func create(_ app: TestApp, provider: String, _ body: String) async throws -> TestResponse {
        try await app.client.execute(uri: "/api/v1/providers/\(provider)/qa-records", method: .post, headers: admin, body: ByteBuffer(string: body))
    }

    static func ask(_ app: TestApp, _ provider: String, spec: String = "empass-employability", version: Int? = 1, date: String) async throws -> [String: Any] {
        let versionQuery = version.map { "&version=\($0)" } ?? ""
        let response = try await app.client.execute(
            uri: "/api/v1/providers/\(provider)/assurance?specification=\(spec)\(versionQuery)&date=\(date)", method: .get)
        #expect(response.status == .ok, "\(date): \(response.text)")
        return try response.json()
    }

    static func reasons(_ answer: [String: Any]) -> [String] {
        ((answer["notApplying"] as? [[String: Any]]) ?? []).flatMap { ($0["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
    }

    @Test("the answer across validity edges: day before, first day, last day, day after, expired; programme vs organisation scope",
          arguments: TestEngines.all)
    func validityEdges(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let school = "demo-vet-school"
            // No records at all yet: not assured, and it says why.
            let none = try await Self.ask(app, school, date: "2025-06-01")
            #expect(none["qualityAssured"] as? Bool == false)
            #expect(none["notAssuredReason"] as? String == "noRecords")

            let created = try await Self.create(app, provider: school, Self.inspection)
            #expect(created.status == .created, "\(created.text)")
            let record = try created.json()
            let recordID = try #require(record["id"] as? String)
            #expect((record["validity"] as? [String: Any])?["from"] as? String == "2025-03-01T00:00:00.000Z")
            #expect((record["validity"] as? [String: Any])?["until"] as? String == "2026-03-01T00:00:00.000Z")
            #expect((record["responsibleBody"] as? [String: Any])?["kind"] as? String == "publicAuthority")
            #expect(record["standards"] as? [String] == ["eqavet"])
            #expect(record["selfDeclared"] as? Bool == false)

            let edges: [(String, Bool, String?)] = [
                ("2025-02-28", false, "notYetValid"),          // the day before
                ("2025-02-28T23:59:59.999Z", false, "notYetValid"),
                ("2025-03-01", true, nil),                     // first day, first instant
                ("2026-02-28", true, nil),                     // last day
                ("2026-02-28T23:59:59.999Z", true, nil),       // last instant of the last day
                ("2026-03-01", false, "expired"),              // the day after
                ("2027-06-01", false, "expired"),              // long expired
            ]
            for (date, assured, reason) in edges {
                let answer = try await Self.ask(app, school, date: date)
                #expect(answer["qualityAssured"] as? Bool == assured, "\(date)")
                if assured {
                    let by = try #require(answer["assuredBy"] as? [[String: Any]])
                    #expect(by.map { $0["id"] as? String } == [recordID], "\(date)")
                    #expect(answer["notAssuredReason"] == nil)
                } else {
                    #expect(answer["notAssuredReason"] as? String == "noRecordApplies", "\(date)")
                    #expect(Self.reasons(answer) == [reason!], "\(date)")
                }
            }

            // A programme-level record covers only the specification version it names.
            #expect(try await Self.create(app, provider: school, Self.programme).status == .created)
            let covered = try await Self.ask(app, school, date: "2027-06-01")
            #expect(covered["qualityAssured"] as? Bool == true)
            #expect((covered["assuredBy"] as? [[String: Any]])?.first?["mechanism"] as? String == "certification")
            let otherVersion = try await Self.ask(app, school, version: 2, date: "2027-06-01")
            #expect(otherVersion["qualityAssured"] as? Bool == false)
            #expect(Set(Self.reasons(otherVersion)) == ["expired", "outOfScope"])
            let otherSpec = try await Self.ask(app, school, spec: "customer-care", version: nil, date: "2027-06-01")
            #expect(otherSpec["qualityAssured"] as? Bool == false)
            // In 2025 both apply to the flagship v1 in principle, but only the organisation-level one is valid.
            let both = try await Self.ask(app, school, date: "2025-12-31")
            #expect((both["assuredBy"] as? [[String: Any]])?.map { $0["mechanism"] as? String } == ["inspection"])

            // The service the verifier calls gives the same answer.
            let schoolID = try #require(try await app.store.organisation(slug: school)).id
            let service = QualityAssuranceService(records: app.store, organisations: app.store)
            let day = try #require(QADate.queryDate("2026-02-28"))
            let direct = try await service.assurance(provider: schoolID, specification: SpecReference(id: "empass-employability", version: 1), on: day)
            #expect(direct.isQualityAssured)
            #expect(direct.assuredBy.map(\.id) == [recordID])
            #expect(direct.assuredBy.first?.responsibleBody.name == "National VET Quality Authority")
            let after = try await service.assurance(provider: schoolID, specification: SpecReference(id: "empass-employability", version: 1),
                                                    on: day.addingTimeInterval(86_400))
            #expect(!after.isQualityAssured && after.notAssuredReason == .noRecordApplies)
            let unknown = try await service.assurance(provider: OrganisationID(UUID()), specification: SpecReference(id: "x"), on: day)
            #expect(unknown.notAssuredReason == .unknownProvider)
        }
    }

    @Test("withdrawal ends a record from its date on, is final and audited; corrections are audited", arguments: TestEngines.all)
    func withdrawal(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let created = try await Self.create(app, provider: "demo-vet-school", Self.inspection)
            let id = try #require(try created.json()["id"] as? String)
            let path = "/api/v1/providers/demo-vet-school/qa-records/\(id)"

            // A correction: the grade was mistyped.
            let corrected = Self.inspection.replacingOccurrences(of: "very good", with: "excellent")
            let put = try await app.client.execute(uri: path, method: .put, headers: Self.admin, body: ByteBuffer(string: corrected))
            #expect(put.status == .ok, "\(put.text)")
            #expect((try put.json()["outcome"] as? [String: Any])?["grade"] as? String == "excellent")

            let withdraw = try await app.client.execute(uri: path + "/withdraw", method: .post, headers: Self.admin,
                                                        body: ByteBuffer(string: #"{"reason":"Licence suspended after a complaint","at":"2025-09-01T00:00:00Z"}"#))
            #expect(withdraw.status == .ok, "\(withdraw.text)")
            #expect((try withdraw.json()["withdrawal"] as? [String: Any])?["reason"] as? String == "Licence suspended after a complaint")
            #expect(try await Self.ask(app, "demo-vet-school", date: "2025-08-31T23:59:59.999Z")["qualityAssured"] as? Bool == true)
            let afterwards = try await Self.ask(app, "demo-vet-school", date: "2025-09-01")
            #expect(afterwards["qualityAssured"] as? Bool == false)
            #expect(Self.reasons(afterwards) == ["withdrawn"])

            let again = try await app.client.execute(uri: path + "/withdraw", method: .post, headers: Self.admin, body: ByteBuffer(string: #"{"reason":"again"}"#))
            #expect(again.status == .conflict)
            let late = try await app.client.execute(uri: path, method: .put, headers: Self.admin, body: ByteBuffer(string: Self.inspection))
            #expect(late.status == .conflict)

            let single = try await app.client.execute(uri: path, method: .get)
            #expect(single.status == .ok)
            #expect((try single.json()["withdrawal"] as? [String: Any])?["at"] as? String == "2025-09-01T00:00:00.000Z")
            #expect((try single.json()["outcome"] as? [String: Any])?["grade"] as? String == "excellent")
            // A record is reached only under its own provider.
            #expect(try await app.client.execute(uri: "/api/v1/providers/demo-issuer/qa-records/\(id)", method: .get).status == .notFound)
            let list = try await app.client.execute(uri: "/api/v1/providers/demo-vet-school/qa-records", method: .get)
            #expect((try list.json()["items"] as? [Any])?.count == 1)
            for action in [AuditAction.qaRecordCreated, .qaRecordUpdated, .qaRecordWithdrawn] {
                let event = try await app.store.events(limit: 10, before: nil, action: action).first { $0.target == "qaRecord:\(id)" }
                #expect(event != nil, "\(action)")
                #expect(event?.actorUserID != nil, "\(action)")
            }
        }
    }

    @Test("bad input: every problem at once with its path (422), malformed JSON 400, unknown provider 404; nothing stored",
          arguments: TestEngines.all)
    func badInput(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let before = try await app.store.countQARecords()
            let bad = """
                {"mechanism":"rumour","responsibleBody":{"name":"  ","kind":"friend","country":"EL","url":"ftp://x"},
                 "scope":{"level":"programme","specifications":[{"id":"no-such-spec"},{"id":"Bad Id"}]},
                 "outcome":{"grading":"passFail","grade":"gold"},
                 "validity":{"firstDay":"2026-02-30","lastDay":"2025-01-01"},
                 "benefits":["qualityLabel","qualityLabel","fame"],
                 "stakeholderParticipation":[{"stage":"lunch","role":""}]}
                """
            let response = try await Self.create(app, provider: "demo-vet-school", bad)
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let issues = try #require(try response.json()["issues"] as? [[String: Any]])
            let paths = Set(issues.compactMap { $0["path"] as? String })
            #expect(paths == ["mechanism", "responsibleBody.name", "responsibleBody.kind", "responsibleBody.country", "responsibleBody.url",
                              "scope.specifications[1].id", "scope.specifications[0].id", "outcome.grade", "validity.firstDay",
                              "benefits[1]", "benefits[2]", "stakeholderParticipation[0].stage", "stakeholderParticipation[0].role"],
                    "\(paths.sorted())")

            // Missing members are named too.
            let empty = try await Self.create(app, provider: "demo-vet-school", "{}")
            let missing = Set(try #require(try empty.json()["issues"] as? [[String: Any]]).compactMap { $0["path"] as? String })
            #expect(missing == ["mechanism", "responsibleBody", "scope", "validity"])
            // Days and instants together; an end before the start.
            let mixed = try await Self.create(app, provider: "demo-vet-school", Self.inspection.replacingOccurrences(
                of: #""lastDay":"2026-02-28""#, with: #""lastDay":"2026-02-28","until":"2026-03-01T00:00:00Z""#))
            #expect(mixed.status == .unprocessableContent)
            let backwards = try await Self.create(app, provider: "demo-vet-school", Self.inspection.replacingOccurrences(
                of: "2026-02-28", with: "2025-02-27"))
            #expect(backwards.status == .unprocessableContent)
            #expect((try backwards.json()["issues"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["validity.lastDay"])

            #expect(try await Self.create(app, provider: "demo-vet-school", "{not json").status == .badRequest)
            #expect(try await Self.create(app, provider: "demo-vet-school", #"{"mechanism":7}"#).status == .badRequest)
            #expect(try await Self.create(app, provider: "no-such-provider", Self.inspection).status == .notFound)
            #expect(try await app.client.execute(uri: "/api/v1/providers/demo-vet-school/qa-records/\(UUID())", method: .get).status == .notFound)

            for query in ["", "specification=Bad Id".replacingOccurrences(of: " ", with: "%20"), "specification=x&version=0",
                          "specification=x&date=2026-13-01", "specification=x&date=yesterday"] {
                let answer = try await app.client.execute(uri: "/api/v1/providers/demo-vet-school/assurance?\(query)", method: .get)
                #expect(answer.status == .unprocessableContent, "\(query)")
            }
            #expect(try await app.client.execute(uri: "/api/v1/providers/nobody/assurance?specification=x", method: .get).status == .notFound)
            #expect(try await app.store.countQARecords() == before)
        }
    }

    @Test("an organisation administrator declares only its own self-assessments", arguments: TestEngines.all)
    func orgAdminSelfAssessment(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            #expect(try await browser.logIn(app.accounts[.orgAdmin].email, app.accounts[.orgAdmin].password).status == .seeOther)
            var headers = HTTPFields.json()
            headers[HTTPField.Name("X-CSRF-Token")!] = try await browser.sessionCSRFToken()
            let selfAssessment = #"{"mechanism":"selfAssessment","responsibleBody":{"name":"Demo VET School","kind":"providerItself"},"scope":{"level":"organisation"},"validity":{"firstDay":"2026-01-01","lastDay":"2026-12-31"},"standards":["eqavet"]}"#
            let own = try await browser.send("/api/v1/providers/demo-vet-school/qa-records", method: .post, headers: headers,
                                             body: ByteBuffer(string: selfAssessment))
            #expect(own.status == .created, "\(own.text)")
            #expect(try own.json()["selfDeclared"] as? Bool == true)
            let id = try #require(try own.json()["id"] as? String)
            // Not an inspection, not for another organisation, not turning the self-assessment into an inspection.
            let inspection = try await browser.send("/api/v1/providers/demo-vet-school/qa-records", method: .post, headers: headers,
                                                    body: ByteBuffer(string: Self.inspection))
            #expect(inspection.status == .forbidden)
            let elsewhere = try await browser.send("/api/v1/providers/demo-issuer/qa-records", method: .post, headers: headers,
                                                   body: ByteBuffer(string: selfAssessment))
            #expect(elsewhere.status == .forbidden)
            let promoted = try await browser.send("/api/v1/providers/demo-vet-school/qa-records/\(id)", method: .put, headers: headers,
                                                  body: ByteBuffer(string: Self.inspection))
            #expect(promoted.status == .forbidden)
            let withdrawn = try await browser.send("/api/v1/providers/demo-vet-school/qa-records/\(id)/withdraw", method: .post,
                                                   headers: headers, body: ByteBuffer(string: #"{"reason":"superseded"}"#))
            #expect(withdrawn.status == .ok)
            #expect(try await app.store.countQARecords() == 3)  // the two demo records + this one
        }
    }
}
