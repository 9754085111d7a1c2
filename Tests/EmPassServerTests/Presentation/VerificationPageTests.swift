import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// The public verification page over real HTTP on both databases: pasted JSON, baked PNG/SVG
/// uploads, tampering, unreachable status, bad input, languages.
@Suite("Verification page")
struct VerificationPageTests {
    /// The production default (1 MiB): a credential with the full Achievement (every EU element,
    /// rubric levels in four languages) is larger than the harness's 64 KiB.
    static let limit = 1 << 20

    static func paste(_ app: TestApp, _ text: String, query: String = "") async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = "credential=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return try await app.client.execute(uri: "/verify\(query)", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func upload(_ app: TestApp, _ bytes: [UInt8], filename: String = "badge.png") async throws -> TestResponse {
        let (headers, body) = PresentationFixtures.multipart([(name: "credential", filename: nil, body: []),
                                                               (name: "badge", filename: filename, body: bytes)])
        return try await app.client.execute(uri: "/verify", method: .post, headers: headers, body: body)
    }

    @Test("the form is public and in four languages", arguments: TestEngines.all)
    func form(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            for (lang, heading) in [("en", "Verify a micro-credential"), ("el", "Επαλήθευση μικροπιστοποιητικού"),
                                    ("es", "Verificar una microcredencial"), ("ro", "Verificarea unei microacreditări")] {
                let page = try await app.client.execute(uri: "/verify?lang=\(lang)", method: .get)
                #expect(page.status == .ok)
                #expect(page.text.contains(heading), "\(lang)")
                #expect(page.text.contains(#"enctype="multipart/form-data""#))
            }
        }
    }

    @Test("a pasted valid credential is valid, with issuer, learner, EU elements and skill levels", arguments: TestEngines.all)
    func pastedValid(engine: DatabaseEngine) async throws {
        let credential = PresentationFixtures.text(try PresentationFixtures.signed())
        try await TestHarness.withApp(engine, maxBodyBytes: Self.limit) { app in
            let page = try await Self.paste(app, credential)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Valid credential"), "\(html.prefix(3000))")
            #expect(!html.contains("Not valid"))
            #expect(html.contains("Athens Test Centre"))
            #expect(html.contains(PresentationFixtures.issuerKey.didKey.did))
            #expect(html.contains("Identified by a hashed emailAddress"))
            #expect(html.contains("Not known: this server has no quality-assurance record"))
            #expect(html.contains("No status list"))
            #expect(html.contains("Skills and levels reached"))
            #expect(html.contains("EQF level 4 (indicative)"))   // from the Achievement's eqfLevel URI and status, in plain words
            // The pasted text is shown again, escaped.
            #expect(!html.contains(#""@context""#))

            let greek = try await Self.paste(app, credential, query: "?lang=el")
            #expect(greek.text.contains("Έγκυρο διαπιστευτήριο"))
        }
    }

    @Test("a changed value is not valid, and the page says which check failed", arguments: TestEngines.all)
    func changedValue(engine: DatabaseEngine) async throws {
        let tampered = PresentationFixtures.text(try PresentationFixtures.tampered())
        try await TestHarness.withApp(engine, maxBodyBytes: Self.limit) { app in
            let page = try await Self.paste(app, tampered)
            #expect(page.status == .ok)
            #expect(page.text.contains("Not valid"))
            #expect(page.text.contains("Signature: the content was changed after the issuer signed it"))
            #expect(!page.text.contains("Valid credential"))
        }
    }

    @Test("a baked PNG or SVG upload gets the same verdict as the JSON", arguments: TestEngines.all)
    func bakedUploads(engine: DatabaseEngine) async throws {
        let signed = try PresentationFixtures.signed()
        let png = try PNGBaker.bake(.json(signed), into: PresentationFixtures.tinyPNG)
        let svg = try SVGBaker.bake(.json(signed), into: PresentationFixtures.tinySVG)
        let tamperedPNG = try PNGBaker.bake(.json(PresentationFixtures.tampered()), into: PresentationFixtures.tinyPNG)
        try await TestHarness.withApp(engine, maxBodyBytes: Self.limit) { app in
            let fromPNG = try await Self.upload(app, png)
            #expect(fromPNG.status == .ok)
            #expect(fromPNG.text.contains("Valid credential"))
            #expect(fromPNG.text.contains("a PNG badge"))
            let fromSVG = try await Self.upload(app, svg, filename: "badge.svg")
            #expect(fromSVG.text.contains("Valid credential"))
            #expect(fromSVG.text.contains("an SVG badge"))
            let bad = try await Self.upload(app, tamperedPNG)
            #expect(bad.text.contains("Not valid"))
            #expect(bad.text.contains("the content was changed after the issuer signed it"))
        }
    }

    @Test("a status list this server does not publish is 'could not be fully checked', never valid", arguments: TestEngines.all)
    func unreachableStatus(engine: DatabaseEngine) async throws {
        let entry = StatusListEntry.make(purpose: .revocation, index: 7, listCredential: "https://elsewhere.example/status/1").json
        let credential = PresentationFixtures.text(try PresentationFixtures.signed(status: [entry]))
        try await TestHarness.withApp(engine, maxBodyBytes: Self.limit) { app in
            let page = try await Self.paste(app, credential)
            #expect(page.status == .ok)
            #expect(page.text.contains("Could not be fully checked"))
            #expect(page.text.contains("does not fetch other sites"))
            #expect(!page.text.contains("Valid credential"))
        }
    }

    @Test("input that is not a credential is a 4xx with the reason", arguments: TestEngines.all)
    func badInput(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let empty = try await Self.paste(app, "   ")
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Nothing was submitted"))
            let garbage = try await Self.paste(app, "hello")
            #expect(garbage.status == .badRequest)
            #expect(garbage.text.contains("neither credential JSON nor a PNG or SVG"))
            let unbaked = try await Self.upload(app, PresentationFixtures.tinyPNG)
            #expect(unbaked.status == .badRequest)
            #expect(unbaked.text.contains("carries no Open Badges 3.0 credential"))
            var damaged = try PNGBaker.bake(.json("{}"), into: PresentationFixtures.tinyPNG)
            damaged[52] ^= 0x01   // inside the iTXt text
            let crc = try await Self.upload(app, damaged)
            #expect(crc.status == .badRequest)
            #expect(crc.text.contains("CRC"))
            let html = try await Self.upload(app, Array("<html><body/></html>".utf8), filename: "x.svg")
            #expect(html.status == .badRequest)

            var headers = HTTPFields()
            headers[.contentType] = "multipart/form-data"
            let noBoundary = try await app.client.execute(uri: "/verify", method: .post, headers: headers, body: ByteBuffer(string: "x"))
            #expect(noBoundary.status == .badRequest)
            headers[.contentType] = "multipart/form-data; boundary=abc"
            let broken = try await app.client.execute(uri: "/verify", method: .post, headers: headers, body: ByteBuffer(string: "--abc\r\nno end"))
            #expect(broken.status == .badRequest)
            headers[.contentType] = "text/plain"
            let plain = try await app.client.execute(uri: "/verify", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
            #expect(plain.status == .unsupportedMediaType)

            // Over the upload limit (64 KiB in tests): 413 with the limit named.
            let big = try await Self.upload(app, [UInt8](repeating: 0x20, count: 70 * 1024))
            #expect(big.status == .contentTooLarge)
            #expect(big.text.contains("65536"))
        }
    }

    @Test("issued here → valid and active on the page → revoked by the issuer → the page says revoked", arguments: TestEngines.all)
    func issuedThenRevoked(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: Self.limit) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let issued = try await IssuanceHTTPTests.post(app, "/credentials/issue", #"{"credential":\#(IssuanceHTTPTests.unsigned),"options":{}}"#, token: token)
            #expect(issued.status == .created, "\(issued.text)")
            let credential = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"])
            let text = JSONSerializer.serialize(credential)

            // did:web of this platform and its own status lists are read in-process, signatures checked.
            let before = try await Self.paste(app, text)
            #expect(before.status == .ok)
            #expect(before.text.contains("Valid credential"), "\(before.text.suffix(4000))")
            #expect(before.text.contains("Active"))
            #expect(before.text.contains("Demo VET School"))

            let id = try #require(credential["id"]?.stringValue)
            let revoked = try await IssuanceHTTPTests.post(app, "/credentials/status",
                #"{"credentialId":"\#(id)","reason":"issued in error","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#,
                token: token)
            #expect(revoked.status == .ok, "\(revoked.text)")
            let after = try await Self.paste(app, text)
            #expect(after.status == .ok)
            #expect(after.text.contains("Not valid"))
            #expect(after.text.contains("Revocation: the issuer has revoked it"))
            #expect(after.text.contains("Revoked"))
        }
    }
}
