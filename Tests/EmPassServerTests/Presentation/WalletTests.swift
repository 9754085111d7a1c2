import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// The learner's wallet over real HTTP on both databases: list, downloads (JSON, baked SVG and
/// PNG), share links (create → anyone verifies → revoke → 410), the certificate with its QR code,
/// LinkedIn, and that nobody else reaches a learner's credentials.
@Suite("Wallet")
struct WalletTests {
    /// Stores the fixture credential as issued to `learner` (what IssuanceService does after signing).
    static func giveCredential(_ app: TestApp, to learner: UserID) async throws -> IssuedCredentialRecord {
        let org = try #require(try await app.store.organisations().first)
        let json = PresentationFixtures.text(try PresentationFixtures.signed())
        let id = IssuedCredentialID(UUID())
        let issuedAt = Date(timeIntervalSince1970: 1_767_312_000)   // 2026-01-02
        return try await app.store.issue(credentialID: id, organisationID: org.id, idempotencyKey: nil, purposes: [], at: issuedAt) { _ in
            IssuedCredentialRecord(id: id, organisationID: org.id, learnerUserID: learner, subjectID: nil, specID: "empass-employability",
                                   specVersion: 1, credentialJSON: json, issuedAt: issuedAt, requestHash: "test")
        }
    }

    static func shareURLs(in html: String) -> [String] {
        html.components(separatedBy: "/verify/share/").dropFirst().compactMap { rest in
            let token = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            return token.isEmpty ? nil : "/verify/share/\(token)"
        }
    }

    @Test("wallet: downloads, share links, certificate, LinkedIn, revocation", arguments: TestEngines.all)
    func walletFlow(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit) { app in
            let learnerAccount = app.accounts[.learner]
            let learner = try #require(try await app.store.user(email: learnerAccount.email))
            let record = try await Self.giveCredential(app, to: learner.id)
            let browser = Browser(app.client)
            try await browser.logIn(learnerAccount.email, learnerAccount.password)

            let wallet = try await browser.get("/wallet")
            #expect(wallet.status == .ok)
            #expect(wallet.text.contains("Athens Test Centre"))
            #expect(wallet.text.contains("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"))
            #expect(Self.shareURLs(in: wallet.text).isEmpty)

            // Downloads: the stored JSON as is; SVG and PNG carry it baked in.
            let base = "/wallet/credentials/\(record.id)"
            let json = try await browser.get("\(base)/credential.json")
            #expect(json.status == .ok)
            #expect(json.text == record.credentialJSON)
            #expect(json.headers[.contentDisposition]?.contains("attachment") == true)
            let svg = try await browser.get("\(base)/badge.svg")
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(try SVGBaker.unbake(Array(buffer: svg.body)) == .json(record.credentialJSON))
            let png = try await browser.get("\(base)/badge.png")
            #expect(png.headers[.contentType] == "image/png")
            #expect(try PNGBaker.unbake(Array(buffer: png.body)) == .json(record.credentialJSON))
            // The downloaded PNG verifies on the public page like the JSON.
            let (headers, body) = PresentationFixtures.multipart([(name: "badge", filename: "badge.png", body: Array(buffer: png.body))])
            let verdict = try await app.client.execute(uri: "/verify", method: .post, headers: headers, body: body)
            #expect(verdict.text.contains("Valid credential"))

            // Share: create, and anyone (no cookies) sees the verdict.
            let token = try await browser.sessionCSRFToken()
            let created = try await browser.post("\(base)/shares", form: [("csrf_token", token)])
            #expect(created.status == .seeOther)
            let after = try await browser.get("/wallet")
            let share = try #require(Self.shareURLs(in: after.text).first)
            #expect(after.text.contains("certUrl="))
            let shared = try await app.client.execute(uri: share, method: .get)
            #expect(shared.status == .ok)
            #expect(shared.text.contains("Valid credential"))
            #expect(shared.text.contains("a share link"))

            // The certificate prints the share link and its QR code.
            let shareID = try #require(after.text.components(separatedBy: "/wallet/shares/").dropFirst().first?.prefix(36))
            let certificate = try await browser.get("/wallet/shares/\(shareID)/certificate")
            #expect(certificate.status == .ok)
            #expect(certificate.text.contains(share))
            let qr = try await browser.get("/wallet/shares/\(shareID)/qr.svg")
            #expect(qr.status == .ok)
            #expect(qr.headers[.contentType] == "image/svg+xml")
            #expect(qr.text.hasPrefix("<svg"))

            // Nobody else: anonymous callers are sent to log in, other users are refused.
            let anonymous = try await app.client.execute(uri: "\(base)/credential.json", method: .get)
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            let employer = Browser(app.client)
            try await employer.logIn(app.accounts[.employer].email, app.accounts[.employer].password)
            #expect(try await employer.get("\(base)/credential.json").status == .forbidden)
            #expect(try await employer.get("/wallet/shares/\(shareID)/certificate").status == .forbidden)
            let employerToken = try await employer.sessionCSRFToken()
            #expect(try await employer.post("/wallet/shares/\(shareID)/revoke", form: [("csrf_token", employerToken)]).status == .forbidden)
            #expect(try await employer.get("/wallet").text.contains("You have no credentials yet"))
            #expect(try await browser.get("/wallet/credentials/not-a-uuid/badge.png").status == .notFound)

            // Revoke: the link is gone (410), an unknown one is 404; revoking needs the CSRF token.
            #expect(try await browser.post("/wallet/shares/\(shareID)/revoke", form: []).status == .forbidden)
            let revoked = try await browser.post("/wallet/shares/\(shareID)/revoke", form: [("csrf_token", token)])
            #expect(revoked.status == .seeOther)
            let gone = try await app.client.execute(uri: share, method: .get)
            #expect(gone.status == .gone)
            #expect(gone.text.contains("withdrawn this share link"))
            #expect(try await app.client.execute(uri: "/verify/share/nope", method: .get).status == .notFound)
            #expect(try await browser.get("/wallet/shares/\(shareID)/certificate").status == .conflict)

            let audit = try await app.store.events(limit: 100, before: nil, action: nil).map(\.action)
            #expect(audit.contains(.shareLinkCreated) && audit.contains(.shareLinkRevoked))
        }
    }

    @Test func linkedInURLCarriesTheCertification() {
        let url = LinkedInAddToProfile(name: "Employability & skills + more", organisationName: "Athens Test Centre",
                                       issued: Date(timeIntervalSince1970: 1_767_312_000), certificateURL: "https://e.example/verify/share/abc",
                                       certificateID: "c1").url
        let items = URLComponents(string: url)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        #expect(url.hasPrefix("https://www.linkedin.com/profile/add?"))
        #expect(value("startTask") == "CERTIFICATION_NAME")
        #expect(value("name") == "Employability & skills + more")
        #expect(value("organizationName") == "Athens Test Centre")
        #expect(value("issueYear") == "2026" && value("issueMonth") == "1")
        #expect(value("certUrl") == "https://e.example/verify/share/abc")
        #expect(value("certId") == "c1")
    }
}
