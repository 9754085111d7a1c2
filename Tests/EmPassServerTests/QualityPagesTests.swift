import Catalogue
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// The provider page, the spec page's QA section and the catalogue's sector and provider-QA
/// filters, over real HTTP on both engines, in the four languages.
@Suite("Provider pages and catalogue filters")
struct QualityPagesTests {
    /// Publishes a specification owned by the demo issuer (quality-assured by the demo seed) in
    /// ISCED-F 0413 (business and administration), next to the platform-owned flagship (0417).
    static func publishIssuerSpec(_ app: TestApp) async throws {
        let issuer = try #require(try await app.store.organisation(slug: "demo-issuer"))
        var content = try CatalogueTests.validContent()
        content.occupationalFields = [OccupationalField(scheme: .iscedF, code: "0413", label: "Management and administration")]
        struct NewSpec: Encodable { let id: String; let content: SpecContent; let organisationId: OrganisationID }
        let body = ByteBuffer(bytes: try JSONEncoder().encode(NewSpec(id: "customer-care", content: content, organisationId: issuer.id)))
        #expect(try await CatalogueTests.post(app, "/api/v1/catalogue/specs", body: body).status == .created)
        #expect(try await CatalogueTests.post(app, "/api/v1/catalogue/specs/customer-care/versions/1/publish", body: nil).status == .ok)
    }

    @Test("the demo issuer's seeded records: idempotent on restart, shown on its page in four languages", arguments: TestEngines.all)
    func providerPage(engine: DatabaseEngine) async throws {
        try await TestHarness.withScratch(engine, test: "providerPage") { location in
            try await TestHarness.run(on: location) { app in
                #expect(try await app.store.countQARecords() == 2)
                for language in Language.allCases {
                    let strings = try MessageCatalogue.bundled().strings(for: language)
                    let page = try await app.client.execute(uri: "/catalogue/providers/demo-issuer?lang=\(language.rawValue)", method: .get)
                    #expect(page.status == .ok)
                    let html = page.text
                    #expect(html.contains("EmPass Demo Issuer"))
                    #expect(html.contains("National VET Quality Authority (demo)"))
                    for key in ["qa_mechanism_inspection", "qa_mechanism_selfAssessment", "qa_standard_eqavet", "qa_standing_inForce",
                                "qa_self_declared", "qa_field_stakeholders"] {
                        #expect(html.contains(CatalogueTests.escaped(try #require(strings[key]))), "\(language) \(key)")
                    }
                    #expect(html.contains("lang=\"\(language.rawValue)\""))
                }
                // By id as well as by slug; organisations that are not providers have no page.
                let issuer = try #require(try await app.store.organisation(slug: "demo-issuer"))
                #expect(try await app.client.execute(uri: "/catalogue/providers/\(issuer.id)", method: .get).status == .ok)
                #expect(try await app.client.execute(uri: "/catalogue/providers/nobody", method: .get).status == .notFound)
                let answer = try await app.client.execute(
                    uri: "/api/v1/providers/demo-issuer/assurance?specification=empass-employability&version=1", method: .get)
                #expect(try answer.json()["qualityAssured"] as? Bool == true)
                #expect((try answer.json()["assuredBy"] as? [[String: Any]])?.count == 2)
            }
            // A restart with demo data on adds nothing twice.
            let afterRestart = try await TestHarness.run(on: location) { app in
                try await app.store.countQARecords()
            }
            #expect(afterRestart == 2)
        }
    }

    @Test("catalogue filters: sector and provider QA combine with EQF and language, in the page (GET form) and the API",
          arguments: TestEngines.all)
    func filters(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            try await Self.publishIssuerSpec(app)
            let cases: [(String, [String])] = [
                ("", ["customer-care", "empass-employability"]),
                ("sector=0417", ["empass-employability"]),
                ("sector=0413", ["customer-care"]),
                ("sector=04", ["customer-care", "empass-employability"]),   // a broader ISCED-F field
                ("sector=0588", []),
                ("qa=assured", ["customer-care"]),                          // the flagship has no provider
                ("qa=assured&sector=0417", []),
                ("qa=assured&eqf=4&language=el", ["customer-care"]),
                ("qa=assured&eqf=5", []),
                ("sector=04&language=es", ["customer-care", "empass-employability"]),
            ]
            for (query, expected) in cases {
                let response = try await app.client.execute(uri: "/api/v1/catalogue/specs?\(query)", method: .get)
                #expect(response.status == .ok, "\(query)")
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                #expect(items.compactMap { $0["id"] as? String }.sorted() == expected, "\(query)")
            }
            let items = try #require(try await app.client.execute(uri: "/api/v1/catalogue/specs", method: .get).json()["items"] as? [[String: Any]])
            let issuerSpec = try #require(items.first { $0["id"] as? String == "customer-care" })
            #expect(issuerSpec["providerQualityAssured"] as? Bool == true)
            #expect(issuerSpec["sectors"] as? [String] == ["0413"])
            for bad in ["qa=maybe", "sector=04%3B--", "sector=012345678"] {
                #expect(try await app.client.execute(uri: "/api/v1/catalogue/specs?\(bad)", method: .get).status == .unprocessableContent, "\(bad)")
            }

            // The page: a GET form with both new filters, remembering the choice; results combine.
            let page = try await app.client.execute(uri: "/catalogue?qa=assured&sector=0413&lang=en", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains(#"<form method="get" action="/catalogue""#))
            #expect(html.contains(#"name="sector""#) && html.contains(#"<option value="0413" selected>"#))
            #expect(html.contains(#"name="qa""#) && html.contains(#"<option value="assured" selected>"#))
            #expect(html.contains("/catalogue/specs/customer-care/v1"))
            #expect(!html.contains("/catalogue/specs/empass-employability/v1"))
            let flagshipOnly = try await app.client.execute(uri: "/catalogue?sector=0417&lang=ro", method: .get).text
            #expect(flagshipOnly.contains("/catalogue/specs/empass-employability/v1"))
            #expect(!flagshipOnly.contains("/catalogue/specs/customer-care/v1"))
            #expect(try await app.client.execute(uri: "/catalogue?qa=maybe", method: .get).status == .unprocessableContent)
            // Each row says whether its provider is assured today, or that the platform itself publishes it.
            let english = try MessageCatalogue.bundled().strings(for: .english)
            let all = try await app.client.execute(uri: "/catalogue?lang=en", method: .get).text
            #expect(all.contains(CatalogueTests.escaped(try #require(english["qa_list_assured"]))))
            #expect(all.contains(#"<a href="/catalogue/providers/demo-issuer?lang=en">EmPass Demo Issuer</a>"#))
            #expect(all.contains(CatalogueTests.escaped(try #require(english["qa_list_no_provider"]))))
            #expect(!all.contains(CatalogueTests.escaped(try #require(english["qa_list_not_assured"]))))
        }
    }

    @Test("the spec page says whether its provider is quality-assured today, by what, and links the provider page",
          arguments: TestEngines.all)
    func specPageSection(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            try await Self.publishIssuerSpec(app)
            for language in Language.allCases {
                let strings = try MessageCatalogue.bundled().strings(for: language)
                let html = try await app.client.execute(uri: "/catalogue/specs/customer-care/v1?lang=\(language.rawValue)", method: .get).text
                #expect(html.contains("/catalogue/providers/demo-issuer?lang=\(language.rawValue)"))
                #expect(html.contains(CatalogueTests.escaped(try #require(strings["qa_spec_assured"]))), "\(language)")
                #expect(html.contains("National VET Quality Authority (demo)"))
                // The provider page lists what it offers, linked back.
                let provider = try await app.client.execute(uri: "/catalogue/providers/demo-issuer?lang=\(language.rawValue)", method: .get).text
                #expect(provider.contains("/catalogue/specs/customer-care/v1?lang=\(language.rawValue)"))
                let flagship = try await app.client.execute(uri: "/catalogue/specs/empass-employability/v1?lang=\(language.rawValue)", method: .get).text
                #expect(flagship.contains(CatalogueTests.escaped(try #require(strings["qa_spec_no_provider"]))), "\(language)")
            }
            // Withdraw both demo records: the page now says no, and why.
            for id in [QualityDemoSeeder.inspectionID, QualityDemoSeeder.selfAssessmentID] {
                let response = try await CatalogueTests.post(app, "/api/v1/providers/demo-issuer/qa-records/\(id)/withdraw",
                                                             body: ByteBuffer(string: #"{"reason":"test"}"#))
                #expect(response.status == .ok)
            }
            app.clock.advance(by: 1)
            let html = try await app.client.execute(uri: "/catalogue/specs/customer-care/v1?lang=en", method: .get).text
            #expect(html.contains(CatalogueTests.escaped(try #require(MessageCatalogue.bundled().strings(for: .english)["qa_spec_not_assured_noRecordApplies"]))))
            let filtered = try await app.client.execute(uri: "/api/v1/catalogue/specs?qa=assured", method: .get)
            #expect((try filtered.json()["items"] as? [Any])?.count == 0)
        }
    }
}
