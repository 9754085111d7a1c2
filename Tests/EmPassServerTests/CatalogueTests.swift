import Catalogue
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// The catalogue over real HTTP: public reading (JSON, Achievement, context, pages in four
/// languages) and editing (create, publish, revise) with role checks and validation.
@Suite("Catalogue API and pages")
struct CatalogueTests {
    static let flagshipPath = "/api/v1/catalogue/specs/empass-employability/versions/1"

    /// A request body creating specification `id` with `content`.
    static func newSpec(_ id: String, _ content: SpecContent) throws -> ByteBuffer {
        struct NewSpec: Encodable { let id: String; let content: SpecContent }
        return ByteBuffer(bytes: try JSONEncoder().encode(NewSpec(id: id, content: content)))
    }

    static func validContent() throws -> SpecContent {
        var content = try MicroCredentialSpec.flagship().content
        content.title = ["en": "Customer care basics", "el": "Βασικές αρχές εξυπηρέτησης πελατών"]
        return content
    }

    /// EQF 9 and no learning outcomes: two errors with their paths.
    static func invalidContent() throws -> SpecContent {
        var content = try validContent()
        content.level.eqf = 9
        content.learningOutcomes = []
        return content
    }

    static func post(_ app: TestApp, _ path: String, body: ByteBuffer?, headers: HTTPFields = .json(.bearer(TestHarness.adminToken))) async throws -> TestResponse {
        try await app.client.execute(uri: path, method: .post, headers: headers, body: body)
    }

    @Test("the flagship is seeded and public: list, filters, version JSON, Achievement", arguments: TestEngines.all)
    func publicReading(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let flagship = try MicroCredentialSpec.flagship()
            let list = try await app.client.execute(uri: "/api/v1/catalogue/specs", method: .get)
            #expect(list.status == .ok)
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["id"] as? String == "empass-employability")
            #expect(items.first?["version"] as? Int == 1)
            #expect(items.first?["eqfLevel"] as? Int == flagship.content.level.eqf)
            #expect((items.first?["title"] as? [String: String])?["el"] == flagship.content.title[.init("el")])

            for (query, expected) in [("eqf=4", 1), ("eqf=5", 0), ("language=el", 1), ("language=RO", 1), ("language=fr", 0), ("eqf=4&language=es", 1)] {
                let filtered = try await app.client.execute(uri: "/api/v1/catalogue/specs?\(query)", method: .get)
                #expect((try filtered.json()["items"] as? [Any])?.count == expected, "\(query)")
            }
            #expect(try await app.client.execute(uri: "/api/v1/catalogue/specs?eqf=9", method: .get).status == .unprocessableContent)
            #expect(try await app.client.execute(uri: "/api/v1/catalogue/specs?language=not_a_tag!", method: .get).status == .unprocessableContent)

            let version = try await app.client.execute(uri: Self.flagshipPath, method: .get)
            #expect(version.status == .ok)
            let body = try version.json()
            #expect(body["status"] as? String == "published")
            #expect(body["contentHash"] as? String == flagship.contentHash)
            #expect(body["publishedAt"] as? String == "2025-09-01T00:00:00.000Z")
            #expect(((body["content"] as? [String: Any])?["learningOutcomes"] as? [Any])?.count == flagship.content.learningOutcomes.count)
            #expect((body["issues"] as? [[String: Any]])?.contains { $0["severity"] as? String == "error" } == false)

            let achievement = try await app.client.execute(uri: Self.flagshipPath + "/achievement", method: .get)
            #expect(achievement.status == .ok)
            #expect(achievement.headers[.contentType] == "application/json")
            let id = try #require(try achievement.json()["id"] as? String)
            #expect(id.hasSuffix("/catalogue/specs/empass-employability/v1"))
            #expect(id.hasPrefix("http"))
            let expected = try AchievementMapper(framework: .bundled()).achievement(for: flagship, id: id)
            #expect(Array(achievement.body.readableBytesView) == JSONSerializer.serializeBytes(expected))
            #expect(try achievement.json()["achievementType"] as? String == "MicroCredential")
        }
    }

    @Test("unknown specifications and versions are 404 (JSON and page)", arguments: TestEngines.all)
    func unknown(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            for path in ["/api/v1/catalogue/specs/nope/versions/1", "/api/v1/catalogue/specs/empass-employability/versions/2",
                         "/api/v1/catalogue/specs/empass-employability/versions/0", "/api/v1/catalogue/specs/empass-employability/versions/x",
                         "/api/v1/catalogue/specs/nope/versions/1/achievement"] {
                let response = try await app.client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(path)")
            }
            for path in ["/catalogue/specs/nope/v1", "/catalogue/specs/empass-employability/v2", "/catalogue/specs/empass-employability/1"] {
                let response = try await app.client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
            }
            let unpublished = try await Self.post(app, "/api/v1/catalogue/specs/nope/versions/1/publish", body: nil)
            #expect(unpublished.status == .notFound)
        }
    }

    @Test("the EmPass context is served byte for byte, cacheable, public")
    func contextBytes() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let response = try await app.client.execute(uri: "/contexts/empass/v1", method: .get)
            #expect(response.status == .ok)
            #expect(Array(response.body.readableBytesView) == [UInt8](try EmPassContext.data()))
            #expect(response.headers[.contentType] == "application/ld+json")
            #expect(response.headers[.cacheControl]?.contains("max-age=31536000") == true)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let etag = try #require(response.headers[.eTag])
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = etag
            #expect(try await app.client.execute(uri: "/contexts/empass/v1", method: .get, headers: conditional).status == .notModified)
        }
    }

    @Test("create a draft, publish it, revise it; published versions stay as they were", arguments: TestEngines.all)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let created = try await Self.post(app, "/api/v1/catalogue/specs", body: try Self.newSpec("customer-care", Self.validContent()))
            #expect(created.status == .created)
            #expect(try created.json()["status"] as? String == "draft")
            #expect(try created.json()["version"] as? Int == 1)
            let base = "/api/v1/catalogue/specs/customer-care/versions"
            // A draft is invisible to the public (JSON and list), visible to its managers.
            #expect(try await app.client.execute(uri: "\(base)/1", method: .get).status == .notFound)
            #expect(try await app.client.execute(uri: "\(base)/1", method: .get, headers: .bearer(TestHarness.adminToken)).status == .ok)
            #expect((try await app.client.execute(uri: "/api/v1/catalogue/specs", method: .get).json()["items"] as? [Any])?.count == 1)

            let published = try await Self.post(app, "\(base)/1/publish", body: nil)
            #expect(published.status == .ok)
            #expect(try published.json()["status"] as? String == "published")
            let hash = try #require(try published.json()["contentHash"] as? String)
            #expect(try await Self.post(app, "\(base)/1/publish", body: nil).status == .conflict)
            // A published version cannot be edited: 409, and it stays byte for byte as published.
            struct Edit: Encodable { let content: SpecContent }
            var tampered = try Self.validContent()
            tampered.level.eqf = 5
            let edit = try await app.client.execute(uri: "\(base)/1", method: .put, headers: .json(.bearer(TestHarness.adminToken)),
                                                    body: ByteBuffer(bytes: try JSONEncoder().encode(Edit(content: tampered))))
            #expect(edit.status == .conflict)
            #expect(edit.headers[.contentType] == "application/problem+json")
            #expect(try await app.store.specVersion(id: "customer-care", version: 1)?.contentHash == hash)

            var changed = try Self.validContent()
            changed.workload.hours = 40
            struct Revision: Encodable { let content: SpecContent }
            let revised = try await Self.post(app, "\(base)/1/revise", body: ByteBuffer(bytes: try JSONEncoder().encode(Revision(content: changed))))
            #expect(revised.status == .created)
            #expect(try revised.json()["version"] as? Int == 2)
            #expect(try revised.json()["previousVersion"] as? Int == 1)
            #expect(try revised.json()["status"] as? String == "draft")
            #expect(try revised.json()["contentHash"] as? String != hash)
            // Version 2 exists: revising version 1 again would fork the history.
            #expect(try await Self.post(app, "\(base)/1/revise", body: nil).status == .conflict)
            // A draft is edited, not revised.
            #expect(try await Self.post(app, "\(base)/2/revise", body: nil).status == .conflict)

            // Version 1 is untouched, and still the one the catalogue lists until version 2 is published.
            let v1 = try await app.client.execute(uri: "\(base)/1", method: .get)
            #expect(try v1.json()["contentHash"] as? String == hash)
            let stored = try #require(try await app.store.specVersion(id: "customer-care", version: 1))
            #expect(stored.status == .published && stored.contentHash == hash)
            var listed = try await app.client.execute(uri: "/api/v1/catalogue/specs?eqf=4", method: .get).json()["items"] as? [[String: Any]]
            #expect(listed?.first { $0["id"] as? String == "customer-care" }?["version"] as? Int == 1)
            #expect(try await Self.post(app, "\(base)/2/publish", body: nil).status == .ok)
            listed = try await app.client.execute(uri: "/api/v1/catalogue/specs", method: .get).json()["items"] as? [[String: Any]]
            #expect(listed?.first { $0["id"] as? String == "customer-care" }?["version"] as? Int == 2)

            // The history: both versions for a manager, only the published ones for the public.
            let publicHistory = try await app.client.execute(uri: "/api/v1/catalogue/specs/customer-care", method: .get)
            #expect((try publicHistory.json()["items"] as? [[String: Any]])?.map { $0["version"] as? Int } == [1, 2])
            let revisedAgain = try await Self.post(app, "\(base)/2/revise", body: nil)
            #expect(revisedAgain.status == .created)
            let managerHistory = try await app.client.execute(uri: "/api/v1/catalogue/specs/customer-care", method: .get,
                                                              headers: .bearer(TestHarness.adminToken))
            #expect((try managerHistory.json()["items"] as? [[String: Any]])?.map { $0["status"] as? String } == ["published", "published", "draft"])
            #expect((try await app.client.execute(uri: "/api/v1/catalogue/specs/customer-care", method: .get).json()["items"] as? [Any])?.count == 2)
            #expect(try await app.client.execute(uri: "/api/v1/catalogue/specs/nope", method: .get).status == .notFound)

            #expect(try await app.store.countEvents(action: .specDraftCreated) == 1)
            #expect(try await app.store.countEvents(action: .specPublished) == 2)
            #expect(try await app.store.countEvents(action: .specRevised) == 2)
        }
    }

    @Test("publishing an invalid draft is 422 listing every issue with its path; nothing changes", arguments: TestEngines.all)
    func validation(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let created = try await Self.post(app, "/api/v1/catalogue/specs", body: try Self.newSpec("broken", Self.invalidContent()))
            #expect(created.status == .created)
            let draftIssues = try #require(try created.json()["issues"] as? [[String: Any]])
            #expect(Set(draftIssues.compactMap { $0["path"] as? String }).isSuperset(of: ["level.eqf", "learningOutcomes"]))

            // An edit keeps it a draft and still invalid.
            struct Edit: Encodable { let content: SpecContent }
            var stillBroken = try Self.invalidContent()
            stillBroken.workload.hours = 12
            let edited = try await app.client.execute(uri: "/api/v1/catalogue/specs/broken/versions/1", method: .put,
                                                      headers: .json(.bearer(TestHarness.adminToken)),
                                                      body: ByteBuffer(bytes: try JSONEncoder().encode(Edit(content: stillBroken))))
            #expect(edited.status == .ok)
            #expect(try edited.json()["contentHash"] as? String == stillBroken.contentHash)
            #expect(try await app.store.specVersion(id: "broken", version: 1)?.contentHash == stillBroken.contentHash)

            let before = try await app.counts()
            let rejected = try await Self.post(app, "/api/v1/catalogue/specs/broken/versions/1/publish", body: nil)
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.headers[.contentType] == "application/problem+json")
            let problem = try rejected.json()
            #expect(problem["type"] as? String == "/problems/invalid-specification")
            let issues = try #require(problem["issues"] as? [[String: Any]])
            let paths = issues.compactMap { $0["path"] as? String }
            #expect(paths.contains("level.eqf"))
            #expect(paths.contains("learningOutcomes"))
            #expect(issues.allSatisfy { $0["severity"] as? String == "error" && !(($0["message"] as? String) ?? "").isEmpty })
            #expect(issues.count == SpecValidator().validate(try Self.invalidContent()).filter { $0.severity == .error }.count)
            #expect(try await app.store.specVersion(id: "broken", version: 1)?.status == .draft)
            #expect(try await app.counts() == before)
        }
    }

    @Test("bad input is a clear 4xx and stores nothing", arguments: TestEngines.all)
    func badInput(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let before = try await app.counts()
            let valid = String(buffer: try Self.newSpec("fine-id", Self.validContent()))
            let cases: [(String, ByteBuffer?, HTTPResponse.Status)] = [
                ("empty body", nil, .badRequest),
                ("not JSON", ByteBuffer(string: "{"), .badRequest),
                ("no content", ByteBuffer(string: #"{"id":"x"}"#), .badRequest),
                ("unknown participation", ByteBuffer(string: valid.replacingOccurrences(of: #""participation":"blended""#, with: #""participation":"teleport""#)), .badRequest),
                ("bad id", ByteBuffer(string: valid.replacingOccurrences(of: #""id":"fine-id""#, with: #""id":"Not A Slug""#)), .unprocessableContent),
                ("existing id", ByteBuffer(string: valid.replacingOccurrences(of: #""id":"fine-id""#, with: #""id":"empass-employability""#)), .conflict),
                ("unknown organisation", ByteBuffer(string: valid.replacingOccurrences(of: #""id":"fine-id""#, with: #""id":"fine-id","organisationId":"\#(UUID().uuidString.lowercased())""#)), .unprocessableContent),
            ]
            for (name, body, status) in cases {
                let response = try await Self.post(app, "/api/v1/catalogue/specs", body: body)
                #expect(response.status == status, "\(name): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(name)")
            }
            let badRevision = try await Self.post(app, Self.flagshipPath + "/revise", body: ByteBuffer(string: #"{"content":{"title":1}}"#))
            #expect(badRevision.status == .badRequest)
            // The school is a test centre, not an issuer.
            let school = try #require(try await app.store.organisation(slug: "demo-vet-school"))
            let toSchool = valid.replacingOccurrences(of: #""id":"fine-id""#, with: #""id":"fine-id","organisationId":"\#(school.id)""#)
            #expect(try await Self.post(app, "/api/v1/catalogue/specs", body: ByteBuffer(string: toSchool)).status == .unprocessableContent)
            #expect(try await app.counts() == before)
        }
    }

    @Test("only platform admins and the owning issuer's admins create, publish and revise", arguments: TestEngines.all)
    func roles(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let issuer = try #require(try await app.store.organisation(slug: "demo-issuer"))
            let made = try await Self.post(app, "/api/v1/users", body: ByteBuffer(string: #"{"email":"issuer.admin@demo.empass.test","displayName":"Issuer Admin","password":"a-long-enough-password","role":"orgAdmin","organisationId":"\#(issuer.id)"}"#))
            #expect(made.status == .created)

            func session(_ email: String, _ password: String) async throws -> (Browser, HTTPFields) {
                let browser = Browser(app.client)
                #expect(try await browser.logIn(email, password).status == .seeOther)
                var headers = HTTPFields.json()
                headers[HTTPField.Name("X-CSRF-Token")!] = try await browser.sessionCSRFToken()
                return (browser, headers)
            }
            let body = try Self.newSpec("issuer-spec", Self.validContent())
            let before = try await app.store.countSpecVersions()
            // Anonymous, learner, and the school's admin (a test centre, not an issuer) may not.
            #expect(try await app.client.execute(uri: "/api/v1/catalogue/specs", method: .post, headers: .json(), body: body).status == .unauthorized)
            for role in [Role.learner, .assessor, .employer, .orgAdmin] {
                let (browser, headers) = try await session(app.accounts[role].email, app.accounts[role].password)
                let response = try await browser.send("/api/v1/catalogue/specs", method: .post, headers: headers, body: body)
                #expect(response.status == .forbidden, "\(role)")
                #expect(try await browser.send(Self.flagshipPath + "/revise", method: .post, headers: headers, body: nil).status == .forbidden, "\(role)")
            }
            #expect(try await app.store.countSpecVersions() == before)

            // The issuer's admin creates (owned by their issuer), publishes and revises their own…
            let (issuerAdmin, headers) = try await session("issuer.admin@demo.empass.test", "a-long-enough-password")
            let created = try await issuerAdmin.send("/api/v1/catalogue/specs", method: .post, headers: headers, body: body)
            #expect(created.status == .created)
            #expect(try created.json()["organisationId"] as? String == issuer.id.description)
            let base = "/api/v1/catalogue/specs/issuer-spec/versions"
            #expect(try await issuerAdmin.send("\(base)/1/publish", method: .post, headers: headers, body: nil).status == .ok)
            #expect(try await issuerAdmin.send("\(base)/1/revise", method: .post, headers: headers, body: nil).status == .created)
            // …but not the platform's flagship.
            #expect(try await issuerAdmin.send(Self.flagshipPath + "/revise", method: .post, headers: headers, body: nil).status == .forbidden)
            // Their draft v2 is hidden from the school's admin.
            let (schoolAdmin, _) = try await session(app.accounts[.orgAdmin].email, app.accounts[.orgAdmin].password)
            #expect(try await schoolAdmin.get("\(base)/2").status == .notFound)
            #expect(try await issuerAdmin.get("\(base)/2").status == .ok)
            // The platform admin may revise the flagship.
            #expect(try await Self.post(app, Self.flagshipPath + "/revise", body: nil).status == .created)
        }
    }

    @Test("catalogue and detail pages in each language", arguments: TestEngines.all)
    func pages(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let flagship = try MicroCredentialSpec.flagship()
            let messages = try MessageCatalogue.bundled()
            for language in Language.allCases {
                let strings = messages.strings(for: language)
                let list = try await app.client.execute(uri: "/catalogue?lang=\(language.rawValue)", method: .get)
                #expect(list.status == .ok)
                #expect(list.headers[.contentLanguage] == language.rawValue)
                let title = try #require(flagship.content.title.text(in: LanguageTag(language.rawValue)))
                #expect(list.text.contains(Self.escaped(title)), "\(language)")
                #expect(list.text.contains(Self.escaped(strings["catalogue_heading"]!)))
                #expect(list.text.contains("/catalogue/specs/empass-employability/v1"))

                let detail = try await app.client.execute(uri: "/catalogue/specs/empass-employability/v1?lang=\(language.rawValue)", method: .get)
                #expect(detail.status == .ok)
                for key in ["spec_el_learning_outcomes", "spec_help_workload", "spec_el_supervision", "spec_section_cedefop",
                            "term_supervisedOnSiteWithIdentityVerification", "term_blended"] {
                    #expect(detail.text.contains(Self.escaped(strings[key]!)), "\(language) \(key)")
                }
                let outcome = try #require(flagship.content.learningOutcomes.first?.text.text(in: LanguageTag(language.rawValue)))
                #expect(detail.text.contains(Self.escaped(outcome)), "\(language)")
                #expect(detail.text.contains(flagship.contentHash))
            }
            let empty = try await app.client.execute(uri: "/catalogue?eqf=7&lang=en", method: .get)
            #expect(empty.status == .ok)
            #expect(empty.text.contains(Self.escaped(messages.text("catalogue_empty", .english))))
            #expect(!empty.text.contains("/catalogue/specs/empass-employability/v1"))
            #expect(try await app.client.execute(uri: "/catalogue?eqf=99", method: .get).status == .unprocessableContent)
        }
    }

    /// The HTML escaping Mustache applies to `{{value}}`.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test("the view model explains every element and never shows a raw key")
    func detailViewModel() throws {
        let flagship = try MicroCredentialSpec.flagship()
        let messages = try MessageCatalogue.bundled()
        for language in Language.allCases {
            let strings = messages.strings(for: language)
            var missing: [String] = []
            let page = SpecDetailPage(spec: flagship, framework: try .bundled(), language: language) { key in
                if strings[key] == nil { missing.append(key) }
                return strings[key]
            }
            #expect(missing.isEmpty, "\(language): \(missing)")
            let elements = page.sections.flatMap(\.elements)
            #expect(elements.count == 22)
            #expect(elements.allSatisfy { !$0.help.isEmpty && !$0.values.isEmpty })
            #expect(page.skills.count == flagship.content.skills.count)
        }
    }
}
