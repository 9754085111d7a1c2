import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// One status question for the VC-API and the public page (HostedStatusCheck), on both engines:
/// a change is seen by the next verification, also by a second application on the same
/// database (another `empass serve` process); a list that cannot be checked is unknown.
@Suite("Status checks shared by the VC-API and the verification page")
struct StatusCheckTests {
    static func apiVerify(_ app: TestApp, _ credential: JSONValue) async throws -> JSONValue {
        let body = JSONSerializer.serialize(.object(JSONObject([("verifiableCredential", credential)])))
        let response = try await IssuanceHTTPTests.post(app, "/credentials/verify", body)
        #expect(response.status == .ok, "\(response.text)")
        return try IssuanceHTTPTests.json(response)
    }

    /// The `reason` of each status entry the API reported (active ones are not listed: they show as the "status" check).
    static func statusReasons(_ verified: JSONValue) -> [String] {
        ((verified["errors"]?.arrayValue ?? []) + (verified["warnings"]?.arrayValue ?? []))
            .filter { $0["check"] == .string("status") }.compactMap { $0["reason"]?.stringValue }
    }

    static func change(_ app: TestApp, _ id: String, _ status: String, token: String) async throws {
        let response = try await IssuanceHTTPTests.post(app, "/credentials/status",
            #"{"credentialId":"\#(id)","reason":"checking","credentialStatus":[{"type":"BitstringStatusListEntry","status":"\#(status)"}]}"#,
            token: token)
        #expect(response.status == .ok, "\(response.text)")
    }

    @Test("suspend, unsuspend, revoke: the next verification says so on the API and the page, in this and another process",
          arguments: TestEngines.all)
    func changesAreSeenAtOnce(engine: DatabaseEngine) async throws {
        try await TestHarness.withScratch(engine, test: #function) { location in
            try await TestHarness.run(on: location) { first in
                // A second application on the same database stands for a second `empass serve`.
                try await TestHarness.run(on: location) { second in
                    let token = try await IssuanceHTTPTests.orgAdminToken(first)
                    let issued = try await IssuanceHTTPTests.post(first, "/credentials/issue", #"{"credential":\#(IssuanceHTTPTests.unsigned)}"#, token: token)
                    #expect(issued.status == .created, "\(issued.text)")
                    let credential = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"])
                    let id = try #require(credential["id"]?.stringValue)
                    let text = JSONSerializer.serialize(credential)

                    for app in [first, second] {
                        let verified = try await Self.apiVerify(app, credential)
                        #expect(verified["verified"] == .bool(true), "\(verified)")
                        #expect(verified["checks"]?.arrayValue?.contains(.string("status")) == true)
                        #expect(Self.statusReasons(verified).isEmpty)
                        let page = try await VerificationPageTests.paste(app, text)
                        #expect(page.text.contains("Valid credential") && page.text.contains("Active"))
                    }

                    try await Self.change(first, id, "suspended", token: token)
                    for app in [first, second] {
                        let verified = try await Self.apiVerify(app, credential)
                        #expect(verified["verified"] == .bool(false))
                        #expect(Self.statusReasons(verified) == ["suspended"], "\(verified)")
                        let page = try await VerificationPageTests.paste(app, text)
                        #expect(page.text.contains("Not valid") && page.text.contains("Suspended"))
                    }

                    // Lifted in the second process: the first sees it at once.
                    try await Self.change(second, id, "active", token: token)
                    for app in [first, second] {
                        #expect(try await Self.apiVerify(app, credential)["verified"] == .bool(true))
                        #expect(try await VerificationPageTests.paste(app, text).text.contains("Valid credential"))
                    }

                    try await Self.change(first, id, "revoked", token: token)
                    for app in [second, first] {
                        let verified = try await Self.apiVerify(app, credential)
                        #expect(verified["verified"] == .bool(false))
                        #expect(Self.statusReasons(verified) == ["revoked"], "\(verified)")
                        let page = try await VerificationPageTests.paste(app, text)
                        #expect(page.text.contains("Not valid") && page.text.contains("Revocation: the issuer has revoked it"))
                    }
                }
            }
        }
    }

    @Test("a list elsewhere, a list of ours that does not exist, and our list under another issuer are unknown, never active",
          arguments: TestEngines.all)
    func uncheckableIsUnknown(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let issued = try await IssuanceHTTPTests.post(app, "/credentials/issue", #"{"credential":\#(IssuanceHTTPTests.unsigned)}"#, token: token)
            let issuedCredential = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"])
            let ours = try StatusListEntry.entries(in: try #require(IssuanceServiceTests.object(issuedCredential)))
            let revocation = try #require(ours.first { $0.purpose == .revocation })
            let missingList = String(revocation.listCredential.dropLast(36)) + UUID().uuidString.lowercased()
            let cases: [(String, StatusListEntry)] = [
                ("elsewhere", .make(purpose: .revocation, index: 7, listCredential: "https://elsewhere.example/status/1")),
                ("no such list here", .make(purpose: .revocation, index: 7, listCredential: missingList)),
                // A real list of ours, named by a credential whose issuer (a did:key) is not that list's organisation.
                ("another issuer", .make(purpose: .revocation, index: revocation.index, listCredential: revocation.listCredential)),
            ]
            for (name, entry) in cases {
                let credential = try PresentationFixtures.signed(status: [entry.json])
                let verified = try await Self.apiVerify(app, credential)
                #expect(Self.statusReasons(verified) == ["unknown"], "\(name): \(verified)")
                #expect(verified["checks"]?.arrayValue?.contains(.string("status")) == false, "\(name)")
                let page = try await VerificationPageTests.paste(app, PresentationFixtures.text(credential))
                #expect(page.text.contains("Could not be fully checked"), "\(name)")
                #expect(!page.text.contains("Valid credential"), "\(name)")
            }
            // Even when our list has that index set, another issuer's credential is not "revoked" by it either.
            let id = try #require(issuedCredential["id"]?.stringValue)
            try await Self.change(app, id, "revoked", token: token)
            let borrowed = try PresentationFixtures.signed(status: [cases[2].1.json])
            #expect(Self.statusReasons(try await Self.apiVerify(app, borrowed)) == ["unknown"])
        }
    }

    @Test("the demo organisations' did:web documents resolve on a fresh database, before any issuance", arguments: TestEngines.all)
    func demoIssuerDIDResolves(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            #expect(try await app.store.countCredentials() == 0)
            for slug in ["demo-issuer", "demo-vet-school"] {
                let response = try await app.client.execute(uri: "/orgs/\(slug)/did.json", method: .get)
                #expect(response.status == .ok, "\(slug): \(response.text)")
                let document = try DIDDocument(json: IssuanceHTTPTests.json(response))
                #expect(document.id.hasSuffix(":orgs:\(slug)"))
                #expect(document.assertionMethod.count == 1)
                let methodID = try #require(document.assertionMethod.first)
                let method = try #require(document.verificationMethod(id: methodID))
                #expect(try method.ed25519PublicKey().count == 32)
            }
            // The key the demo issuer signs with is the one published.
            let services = try await IssuanceHTTPTests.services(for: app)
            let issuer = try #require(try await services.organisations.organisation(slug: "demo-issuer"))
            let key = try await services.issuerKeyring.signingKey(for: issuer)
            let document = try DIDDocument(json: IssuanceHTTPTests.json(try await app.client.execute(uri: "/orgs/demo-issuer/did.json", method: .get)))
            #expect(document.assertionMethod == [document.id + "#" + key.record.fragment])
        }
    }
}
