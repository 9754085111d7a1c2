import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// Walks role × route over real HTTP (each role logged in through the login form) and checks every
/// status against one table. The key row: a learner reads their own record but not another learner's.
@Suite("Role × route matrix")
struct AuthorisationMatrixTests {
    enum Caller: String, CaseIterable, CustomStringConvertible {
        case anonymous, platformAdmin, orgAdmin, assessor, learner, employer
        var description: String { rawValue }
        var role: Role? { Role(rawValue: rawValue) }
    }

    struct Route {
        let name: String
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        /// Expected status per caller.
        let expected: [Caller: HTTPResponse.Status]
    }

    @Test("every role gets exactly the statuses of the policy table", arguments: TestEngines.all)
    func matrix(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let admin = HTTPFields.bearer(TestHarness.adminToken)
            let school = try #require(try await app.store.organisation(slug: "demo-vet-school"))
            let learner = try #require(try await app.store.user(email: app.accounts[.learner].email))
            // A second learner at the same school, created through the API.
            let created = try await app.client.execute(
                uri: "/api/v1/users", method: .post, headers: .json(admin),
                body: ByteBuffer(string: #"{"email":"second.learner@demo.empass.test","displayName":"Second Learner","password":"a-long-enough-password","role":"learner","organisationId":"\#(school.id)"}"#)
            )
            #expect(created.status == .created)
            let other = try #require(try created.json()["id"] as? String)

            let ok = HTTPResponse.Status.ok, forbidden = HTTPResponse.Status.forbidden, unauth = HTTPResponse.Status.unauthorized
            let toLogin = HTTPResponse.Status.seeOther, created201 = HTTPResponse.Status.created
            func all(_ status: HTTPResponse.Status, anonymous: HTTPResponse.Status = unauth) -> [Caller: HTTPResponse.Status] {
                Dictionary(uniqueKeysWithValues: Caller.allCases.map { ($0, $0 == .anonymous ? anonymous : status) })
            }
            func only(_ allowed: [Caller], _ yes: HTTPResponse.Status = ok, anonymous: HTTPResponse.Status = unauth) -> [Caller: HTTPResponse.Status] {
                Dictionary(uniqueKeysWithValues: Caller.allCases.map { ($0, $0 == .anonymous ? anonymous : allowed.contains($0) ? yes : forbidden) })
            }
            let newSpec = String(buffer: try CatalogueTests.newSpec("matrix-spec", CatalogueTests.validContent()))
            // Testing: the learner's demo session and a cohort of the school.
            let session = TestSessionRecord(id: .init(UUID()), learnerID: learner.id, formID: "empass-demo-v1", language: "en",
                                            state: .inProgress, seed: 1, timeLimitSeconds: nil, organisationID: school.id,
                                            sittingID: nil, createdAt: Date(), startedAt: Date())
            try await app.store.insertTestSession(session)
            let cohort = CohortRecord(id: .init(UUID()), organisationID: school.id, name: "Matrix", createdBy: nil, createdAt: Date())
            try await app.store.insertCohort(cohort)
            let redirected = HTTPResponse.Status.seeOther
            let walletCredential = try await WalletTests.giveCredential(app, to: learner.id)
            let batch = IssuanceBatchRecord(id: .init(UUID()), organisationID: school.id, createdBy: nil, fileName: "m.csv",
                                            contentHash: "sha256:matrix", rowCount: 0, state: .completed, createdAt: Date())
            try await app.store.insert(batch, rows: [])
            let routes: [Route] = [
                Route(name: "home page", method: .get, path: "/", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "account page", method: .get, path: "/account", body: nil, expected: all(ok, anonymous: toLogin)),
                Route(name: "admin audit page", method: .get, path: "/admin/audit", body: nil, expected: only([.platformAdmin], anonymous: toLogin)),
                Route(name: "me", method: .get, path: "/api/v1/me", body: nil, expected: all(ok)),
                Route(name: "organisations", method: .get, path: "/api/v1/organisations", body: nil, expected: all(ok)),
                Route(name: "all users", method: .get, path: "/api/v1/users", body: nil, expected: only([.platformAdmin])),
                Route(name: "school users", method: .get, path: "/api/v1/users?organisation=\(school.id)", body: nil,
                      expected: only([.platformAdmin, .orgAdmin])),
                Route(name: "learner's own record", method: .get, path: "/api/v1/users/\(learner.id)", body: nil,
                      expected: only([.platformAdmin, .orgAdmin, .assessor, .learner])),
                Route(name: "another learner's record", method: .get, path: "/api/v1/users/\(other)", body: nil,
                      expected: only([.platformAdmin, .orgAdmin, .assessor])),
                Route(name: "audit API", method: .get, path: "/api/v1/audit", body: nil, expected: only([.platformAdmin])),
                Route(name: "own tokens", method: .get, path: "/api/v1/tokens", body: nil, expected: all(ok)),
                Route(name: "create token", method: .post, path: "/api/v1/tokens", body: #"{"name":"matrix"}"#,
                      expected: only([.platformAdmin, .orgAdmin, .assessor, .employer], created201)),
                Route(name: "set a learner's role", method: .put, path: "/api/v1/users/\(other)/role", body: #"{"role":"learner"}"#,
                      expected: only([.platformAdmin, .orgAdmin])),
                Route(name: "catalogue page", method: .get, path: "/catalogue", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "spec page", method: .get, path: "/catalogue/specs/empass-employability/v1", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "catalogue API", method: .get, path: "/api/v1/catalogue/specs", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "spec version", method: .get, path: CatalogueTests.flagshipPath, body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "achievement", method: .get, path: CatalogueTests.flagshipPath + "/achievement", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "context", method: .get, path: "/contexts/empass/v1", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "verification page", method: .get, path: "/verify", body: nil, expected: all(ok, anonymous: ok)),
                // A verdict page for anyone (the empty object is "not valid", still a 200).
                Route(name: "verify a credential", method: .post, path: "/verify", body: "{}", expected: all(ok, anonymous: ok)),
                Route(name: "wallet page", method: .get, path: "/wallet", body: nil, expected: all(ok, anonymous: toLogin)),
                // A wallet credential is its learner's alone.
                Route(name: "wallet download", method: .get, path: "/wallet/credentials/\(walletCredential.id)/credential.json", body: nil,
                      expected: only([.learner], anonymous: toLogin)),
                // This one is Data Integrity: its learner gets past the policy to "no VC-JWT here".
                Route(name: "wallet VC-JWT download", method: .get, path: "/wallet/credentials/\(walletCredential.id)/credential.jwt", body: nil,
                      expected: only([.learner], .notFound, anonymous: toLogin)),
                Route(name: "create a share link", method: .post, path: "/wallet/credentials/\(walletCredential.id)/shares", body: "{}",
                      expected: only([.learner], .seeOther)),
                // The demo orgAdmin runs a test centre, not an issuer: only the platform admin manages specifications here.
                Route(name: "create spec", method: .post, path: "/api/v1/catalogue/specs", body: newSpec,
                      expected: only([.platformAdmin], created201)),
                Route(name: "revise the flagship", method: .post, path: CatalogueTests.flagshipPath + "/revise", body: nil,
                      expected: only([.platformAdmin], created201)),
                Route(name: "publish a draft", method: .post, path: "/api/v1/catalogue/specs/matrix-spec/versions/1/publish", body: nil,
                      expected: only([.platformAdmin])),
                // Providers' quality assurance: reading is public; external QA is entered by platform admins; the demo
                // orgAdmin (of the VET school) may declare only the school's own self-assessment.
                Route(name: "provider page", method: .get, path: "/catalogue/providers/demo-issuer", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "provider API", method: .get, path: "/api/v1/providers/demo-issuer", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "QA records", method: .get, path: "/api/v1/providers/demo-issuer/qa-records", body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "QA answer", method: .get, path: "/api/v1/providers/demo-issuer/assurance?specification=empass-employability&version=1",
                      body: nil, expected: all(ok, anonymous: ok)),
                Route(name: "record an inspection", method: .post, path: "/api/v1/providers/demo-issuer/qa-records",
                      body: QualityAssuranceTests.inspection, expected: only([.platformAdmin], created201)),
                Route(name: "record the school's self-assessment", method: .post, path: "/api/v1/providers/demo-vet-school/qa-records",
                      body: #"{"mechanism":"selfAssessment","responsibleBody":{"name":"Demo VET School","kind":"providerItself"},"scope":{"level":"organisation"},"validity":{"firstDay":"2026-01-01"}}"#,
                      expected: only([.platformAdmin, .orgAdmin], created201)),
                Route(name: "record the issuer's self-assessment", method: .post, path: "/api/v1/providers/demo-issuer/qa-records",
                      body: #"{"mechanism":"selfAssessment","responsibleBody":{"name":"EmPass Demo Issuer","kind":"providerItself"},"scope":{"level":"organisation"},"validity":{"firstDay":"2026-01-01"}}"#,
                      expected: only([.platformAdmin], created201)),
                Route(name: "correct the demo inspection", method: .put, path: "/api/v1/providers/demo-issuer/qa-records/\(QualityDemoSeeder.inspectionID)",
                      body: QualityAssuranceTests.inspection, expected: only([.platformAdmin])),
                Route(name: "withdraw the demo inspection", method: .post,
                      path: "/api/v1/providers/demo-issuer/qa-records/\(QualityDemoSeeder.inspectionID)/withdraw",
                      body: #"{"reason":"matrix"}"#, expected: only([.platformAdmin])),
                Route(name: "tests page", method: .get, path: "/test", body: nil, expected: all(ok, anonymous: toLogin)),
                Route(name: "start the demo test", method: .post, path: "/test/demo", body: nil, expected: only([.learner], redirected)),
                Route(name: "the learner's own session", method: .get, path: "/test/sessions/\(session.id)", body: nil,
                      expected: only([.learner], anonymous: toLogin)),
                Route(name: "test centre", method: .get, path: "/centre", body: nil, expected: only([.orgAdmin, .assessor], anonymous: toLogin)),
                Route(name: "a cohort of the school", method: .get, path: "/centre/cohorts/\(cohort.id)", body: nil,
                      expected: only([.orgAdmin, .assessor], anonymous: toLogin)),
                Route(name: "expert statistics", method: .get, path: "/expert", body: nil, expected: only([.platformAdmin], anonymous: toLogin)),
                Route(name: "response export", method: .get, path: "/expert/responses.csv", body: nil,
                      expected: only([.platformAdmin], anonymous: toLogin)),
                Route(name: "OpenAPI document", method: .get, path: "/openapi.json", body: nil, expected: all(ok, anonymous: ok)),
                // The demo orgAdmin and assessor belong to a test centre, which may issue; the
                // platform admin belongs to no organisation, so there is no issuer to act for.
                Route(name: "VC-API issue", method: .post, path: "/credentials/issue", body: #"{"credential":\#(IssuanceHTTPTests.unsigned)}"#,
                      expected: only([.orgAdmin, .assessor], created201)),
                Route(name: "VC-API verify", method: .post, path: "/credentials/verify", body: #"{"verifiableCredential":{}}"#,
                      expected: all(ok, anonymous: ok)),
                Route(name: "issued credentials page", method: .get, path: "/issuer/credentials", body: nil,
                      expected: only([.orgAdmin], anonymous: toLogin)),
                Route(name: "issued credentials", method: .get, path: "/api/v1/credentials", body: nil,
                      expected: only([.orgAdmin]).merging([.platformAdmin: .unprocessableContent]) { $1 }),
                // Bulk issuance: administrators and assessors of an organisation that may issue.
                Route(name: "bulk issuance page", method: .get, path: "/issuer/bulk", body: nil,
                      expected: only([.orgAdmin, .assessor], anonymous: toLogin)),
                Route(name: "bulk sample file", method: .get, path: "/issuer/bulk/sample.csv", body: nil,
                      expected: only([.orgAdmin, .assessor], anonymous: toLogin)),
                Route(name: "bulk batch page", method: .get, path: "/issuer/bulk/\(batch.id)", body: nil,
                      expected: only([.orgAdmin, .assessor], anonymous: toLogin)),
                Route(name: "bulk batches API", method: .get, path: "/api/v1/issuance/batches", body: nil,
                      expected: only([.orgAdmin, .assessor])),
                Route(name: "bulk batch API", method: .get, path: "/api/v1/issuance/batches/\(batch.id)", body: nil,
                      expected: only([.orgAdmin, .assessor])),
                // Authorised callers get past the policy to the media-type check (the matrix sends JSON).
                Route(name: "bulk upload API", method: .post, path: "/api/v1/issuance/batches", body: #"{"a":1}"#,
                      expected: only([.orgAdmin, .assessor], .unsupportedMediaType)),
                // A batch's rows: retry (nothing to retry here) and a row's credential (this batch has none: 404 past the policy).
                Route(name: "bulk retry API", method: .post, path: "/api/v1/issuance/batches/\(batch.id)/retry", body: nil,
                      expected: only([.orgAdmin, .assessor], .accepted)),
                Route(name: "bulk retry page", method: .post, path: "/issuer/bulk/\(batch.id)/retry", body: nil,
                      expected: only([.orgAdmin, .assessor], .seeOther)),
                Route(name: "bulk row credential page", method: .get, path: "/issuer/bulk/\(batch.id)/rows/1/credential", body: nil,
                      expected: only([.orgAdmin, .assessor], .notFound, anonymous: toLogin)),
                Route(name: "bulk row credential API", method: .get, path: "/api/v1/issuance/batches/\(batch.id)/rows/1/credential", body: nil,
                      expected: only([.orgAdmin, .assessor], .notFound)),
                // How the organisation's awards are secured: its administrators (and platform admins).
                Route(name: "issuance settings", method: .get, path: "/api/v1/organisations/demo-vet-school/issuance-settings", body: nil,
                      expected: only([.orgAdmin, .platformAdmin])),
                Route(name: "change issuance settings", method: .put, path: "/api/v1/organisations/demo-vet-school/issuance-settings",
                      body: #"{"credentialFormat":"application/vc"}"#, expected: only([.orgAdmin, .platformAdmin])),
            ]

            var browsers: [Caller: Browser] = [:]
            for caller in Caller.allCases {
                let browser = Browser(app.client)
                if let role = caller.role {
                    #expect(try await browser.logIn(app.accounts[role].email, app.accounts[role].password).status == .seeOther)
                }
                browsers[caller] = browser
            }
            var failures: [String] = []
            for route in routes {
                for caller in Caller.allCases {
                    let browser = browsers[caller]!
                    var headers = HTTPFields()
                    if route.method != .get {
                        headers[.contentType] = "application/json"
                        if caller != .anonymous { headers[HTTPField.Name("X-CSRF-Token")!] = try await browser.sessionCSRFToken() }
                    }
                    let response = try await browser.send(route.path, method: route.method, headers: headers,
                                                          body: route.body.map { ByteBuffer(string: $0) })
                    let expected = route.expected[caller]!
                    if response.status != expected {
                        failures.append("\(route.name) as \(caller): \(response.status.code), expected \(expected.code)")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("the policy table itself: a learner reads only themself")
    func policyTable() {
        let school = OrganisationID(UUID()), other = OrganisationID(UUID())
        func user(_ role: Role, _ organisation: OrganisationID?) -> User {
            User(id: .init(UUID()), email: "\(UUID())@x.org", displayName: "x", passwordHash: "x", role: role, organisationID: organisation, createdAt: Date())
        }
        let learner = user(.learner, school), peer = user(.learner, school), stranger = user(.learner, other)
        #expect(AccessPolicy.decide(learner, .readUser(learner)) == .allow)
        #expect(AccessPolicy.decide(learner, .useWalletCredential(holder: learner.id)) == .allow)
        #expect(AccessPolicy.decide(user(.platformAdmin, nil), .useWalletCredential(holder: learner.id)) != .allow)
        #expect(AccessPolicy.decide(peer, .useWalletCredential(holder: nil)) != .allow)
        #expect(AccessPolicy.decide(peer, .manageShareLink(owner: learner.id)) != .allow)
        #expect(AccessPolicy.decide(learner, .readUser(peer)) != .allow)
        #expect(AccessPolicy.decide(user(.assessor, school), .readUser(peer)) == .allow)
        #expect(AccessPolicy.decide(user(.assessor, school), .readUser(stranger)) != .allow)
        #expect(AccessPolicy.decide(user(.orgAdmin, school), .readUser(stranger)) != .allow)
        #expect(AccessPolicy.decide(user(.orgAdmin, school), .changeRole(of: peer, to: .platformAdmin)) != .allow)
        #expect(AccessPolicy.decide(user(.orgAdmin, school), .createUser(role: .orgAdmin, organisation: school)) != .allow)
        let admin = user(.platformAdmin, nil)
        #expect(AccessPolicy.decide(admin, .changeRole(of: admin, to: .learner)) != .allow)
        #expect(AccessPolicy.decide(admin, .readAuditLog) == .allow)
        // Testing: a learner uses only their own session; assessors manage only their own centre.
        #expect(AccessPolicy.decide(learner, .useTestSession(owner: learner.id)) == .allow)
        #expect(AccessPolicy.decide(learner, .useTestSession(owner: peer.id)) != .allow)
        #expect(AccessPolicy.decide(user(.assessor, school), .useTestSession(owner: learner.id)) != .allow)
        #expect(AccessPolicy.decide(user(.assessor, school), .viewTestResults(learner: learner)) == .allow)
        #expect(AccessPolicy.decide(user(.assessor, other), .viewTestResults(learner: learner)) != .allow)
        #expect(AccessPolicy.decide(peer, .viewTestResults(learner: learner)) != .allow)
        let centre = Organisation(id: school, kind: .testCentre, slug: "c", name: "C", country: "RO", createdAt: Date())
        let issuer = Organisation(id: other, kind: .issuer, slug: "i", name: "I", country: "GR", createdAt: Date())
        #expect(AccessPolicy.decide(user(.assessor, school), .manageTesting(centre: centre)) == .allow)
        #expect(AccessPolicy.decide(user(.assessor, other), .manageTesting(centre: centre)) != .allow)
        #expect(AccessPolicy.decide(user(.assessor, other), .manageTesting(centre: issuer)) != .allow)
        #expect(AccessPolicy.decide(admin, .manageTesting(centre: centre)) != .allow)
        #expect(AccessPolicy.decide(admin, .viewItemStatistics) == .allow)
        #expect(AccessPolicy.decide(user(.assessor, school), .viewItemStatistics) != .allow)
        for role in Role.allCases where role != .platformAdmin {
            #expect(AccessPolicy.decide(user(role, school), .readAuditLog) != .allow)
        }
    }

    @Test("a role change is stored and audited")
    func roleChangeIsAudited() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let target = try #require(try await app.store.user(email: app.accounts[.employer].email))
            let response = try await app.client.execute(uri: "/api/v1/users/\(target.id)/role", method: .put,
                                                        headers: .json(.bearer(TestHarness.adminToken)),
                                                        body: ByteBuffer(string: #"{"role":"assessor"}"#))
            #expect(response.status == .ok)
            #expect(try await app.store.user(id: target.id)?.role == .assessor)
            let event = try #require(try await app.store.events(limit: 1, before: nil, action: .roleChanged).first)
            #expect(event.target == "user:\(target.id)")
            #expect(event.detailsJSON == #"{"from":"employer","to":"assessor"}"#)
            let bad = try await app.client.execute(uri: "/api/v1/users/\(target.id)/role", method: .put,
                                                   headers: .json(.bearer(TestHarness.adminToken)),
                                                   body: ByteBuffer(string: #"{"role":"emperor"}"#))
            #expect(bad.status == .badRequest)
        }
    }
}
