import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// VC-JWT end to end through the real application on both engines: issue with
/// `options.format: application/vc+jwt` → verify (token and envelope) → revoke → verify says
/// revoked; the public /verify page takes a pasted token.
@Suite("VC-JWT over HTTP")
struct VCJWTHTTPTests {
    static let jwtOptions = #"{"format":"application/vc+jwt"}"#

    static func issue(_ app: TestApp, token: String, options: String = jwtOptions, extra: HTTPFields = [:]) async throws -> TestResponse {
        try await IssuanceHTTPTests.post(app, "/credentials/issue", #"{"credential":\#(IssuanceHTTPTests.unsigned),"options":\#(options)}"#,
                                         token: token, extra: extra)
    }

    static func verify(_ app: TestApp, _ submitted: JSONValue) async throws -> JSONValue {
        let body = String(decoding: JSONSerializer.serializeBytes(.object(JSONObject([("verifiableCredential", submitted)]))), as: UTF8.self)
        let response = try await IssuanceHTTPTests.post(app, "/credentials/verify", body)
        #expect(response.status == .ok, "\(response.text)")
        return try IssuanceHTTPTests.json(response)
    }

    @Test("issue as VC-JWT, verify (token and envelope), revoke, verify says revoked", arguments: TestEngines.all)
    func endToEnd(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            var idempotency = HTTPFields()
            idempotency[HTTPField.Name("Idempotency-Key")!] = "jwt-badge"
            let issued = try await Self.issue(app, token: token, extra: idempotency)
            #expect(issued.status == .created, "\(issued.text)")
            let envelope = try #require(try IssuanceHTTPTests.json(issued)["verifiableCredential"])
            #expect(envelope["type"] == .string("EnvelopedVerifiableCredential"))
            let jwt = try #require(EnvelopedCredential.compactJWS(in: envelope))
            #expect(envelope["id"]?.stringValue == "data:application/vc+jwt," + jwt)

            // The header names the organisation's did:web key; the payload is the credential itself.
            let jws = try CompactJWS.parse(jwt)
            #expect(jws.header.alg == "EdDSA" && jws.header.typ == "vc+jwt" && jws.header.cty == "vc")
            let credential = try #require(VCJWT.unverifiedCredential(in: jwt))
            let issuerID = try #require(credential["issuer"]?["id"]?.stringValue)
            #expect(issuerID.hasSuffix(":orgs:demo-vet-school"))
            #expect(jws.header.kid?.hasPrefix(issuerID + "#") == true)
            #expect(credential["proof"] == nil && credential["vc"] == nil)
            #expect(try StatusListEntry.entries(in: credential).map(\.purpose) == [.revocation, .suspension])

            // The retry returns the same token; the stored credential keeps its format.
            let retry = try await Self.issue(app, token: token, extra: idempotency)
            #expect(retry.status == .ok)
            #expect(try IssuanceHTTPTests.json(retry)["verifiableCredential"] == envelope)
            // The same key for a Data Integrity request is a different request.
            let otherFormat = try await Self.issue(app, token: token, options: "{}", extra: idempotency)
            #expect(otherFormat.status == .conflict || otherFormat.status == .unprocessableContent, "\(otherFormat.text)")
            #expect(try await app.store.countCredentials() == 1)

            // The platform API serves the stored envelope, or the bare token when asked for it.
            let id = try #require(credential["id"]?.stringValue)
            var accept = HTTPFields.bearer(token)
            let stored = try await app.client.execute(uri: "/api/v1/credentials/\(id)", method: .get, headers: accept)
            #expect(try IssuanceHTTPTests.json(stored) == envelope)
            accept[.accept] = "application/vc+jwt"
            let bare = try await app.client.execute(uri: "/api/v1/credentials/\(id)", method: .get, headers: accept)
            #expect(bare.headers[.contentType] == "application/vc+jwt")
            #expect(bare.text == jwt)

            for submitted in [JSONValue.string(jwt), envelope] {
                let verified = try await Self.verify(app, submitted)
                #expect(verified["verified"] == .bool(true), "\(verified)")
                for check in ["parse", "context", "shape", "keyResolution", "proof", "validityPeriod", "status"] {
                    #expect(verified["checks"]?.arrayValue?.contains(.string(check)) == true, "\(check)")
                }
                #expect(verified["errors"] == .array([]))
            }

            // One changed character in the payload: the signature no longer holds.
            var characters = Array(jwt)
            let middle = jwt.firstIndex(of: ".")!.utf16Offset(in: jwt) + 10
            characters[middle] = characters[middle] == "A" ? "B" : "A"
            let tampered = try await Self.verify(app, .string(String(characters)))
            #expect(tampered["verified"] == .bool(false))
            #expect(tampered["errors"]?.arrayValue?.isEmpty == false)

            // Revoke; verification now says revoked, for the token and the envelope.
            let revoked = try await IssuanceHTTPTests.post(app, "/credentials/status",
                #"{"credentialId":"\#(id)","reason":"issued in error","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#,
                token: token)
            #expect(revoked.status == .ok, "\(revoked.text)")
            for submitted in [JSONValue.string(jwt), envelope] {
                let reverified = try await Self.verify(app, submitted)
                #expect(reverified["verified"] == .bool(false))
                #expect(reverified["errors"]?.arrayValue?.contains { $0["reason"] == .string("revoked") } == true, "\(reverified)")
            }
        }
    }

    @Test("bad VC-JWT requests: format with a cryptosuite, unknown format, alg none", arguments: TestEngines.all)
    func badRequests(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            for options in [#"{"format":"application/vc+jwt","cryptosuite":"eddsa-rdfc-2022"}"#, #"{"format":"application/vc+cose"}"#, #"{"format":1}"#] {
                let response = try await Self.issue(app, token: token, options: options)
                #expect(response.status == .unprocessableContent, "\(options): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await app.store.countCredentials() == 0)
            let header = StrictBase64URL.encode(Array(#"{"alg":"none","typ":"vc+jwt"}"#.utf8))
            let payload = StrictBase64URL.encode(Array(IssuanceHTTPTests.unsigned.utf8))
            let unsecured = try await Self.verify(app, .string(header + "." + payload + "." + StrictBase64URL.encode([UInt8](repeating: 1, count: 64))))
            #expect(unsecured["verified"] == .bool(false))
            #expect(unsecured["errors"]?.arrayValue?.map { $0["reason"] } == [.string("unsupportedAlgorithm")])
        }
    }

    @Test("the /verify page takes a pasted VC-JWT and shows its verdict and status", arguments: TestEngines.all)
    func verifyPage(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let envelope = try #require(try IssuanceHTTPTests.json(try await Self.issue(app, token: token))["verifiableCredential"])
            let jwt = try #require(EnvelopedCredential.compactJWS(in: envelope))
            let page = try await VerificationPageTests.paste(app, "\n" + jwt + "\n")
            #expect(page.status == .ok)
            #expect(page.text.contains("Valid credential"), "\(page.text.prefix(4000))")
            #expect(page.text.contains("Demo VET School"))
            let greek = try await VerificationPageTests.paste(app, jwt, query: "?lang=el")
            #expect(greek.text.contains("Έγκυρο διαπιστευτήριο"))

            // The wallet's downloads bake the stored VC-JWT as the compact JWS (OB 3.0 §5.3); the
            // page reads it back from an uploaded PNG or SVG.
            let credentialID = try IssuanceJSON.credentialID(try #require(VCJWT.unverifiedCredential(in: jwt)?["id"]?.stringValue))
            let stored = try #require(try await app.store.credential(id: credentialID))
            #expect(stored.format == .vcJWT)   // the format column says what the row holds
            #expect(StoredCredentialDocument.credential(of: stored) == VCJWT.unverifiedCredential(in: jwt))
            #expect(StoredCredentialDocument.baked(of: stored) == .compactJWS(jwt))
            let png = try PNGBaker.bake(StoredCredentialDocument.baked(of: stored), into: BadgeArtwork.png(verificationURL: "https://example.org/verify"))
            let svg = try SVGBaker.bake(StoredCredentialDocument.baked(of: stored), into: BadgeArtwork.svg(achievement: "Team work", issuer: "Demo", issued: "today"))
            for (bytes, name) in [(png, "badge.png"), (svg, "badge.svg")] {
                let uploaded = try await VerificationPageTests.upload(app, bytes, filename: name)
                #expect(uploaded.text.contains("Valid credential"), "\(name): \(uploaded.text.prefix(3000))")
            }

            let id = try #require(VCJWT.unverifiedCredential(in: jwt)?["id"]?.stringValue)
            _ = try await IssuanceHTTPTests.post(app, "/credentials/status",
                #"{"credentialId":"\#(id)","reason":"withdrawn","credentialStatus":[{"type":"BitstringStatusListEntry","status":"revoked"}]}"#, token: token)
            let after = try await VerificationPageTests.paste(app, jwt)
            #expect(after.text.contains("Not valid"))
            #expect(after.text.contains("Revoked"))
            // A token signed by a stranger for this issuer is not valid.
            let stranger = try VCJWTSigner().sign(.object(try #require(VCJWT.unverifiedCredential(in: jwt))), key: Ed25519KeyPair.generate(),
                                                  keyID: try CompactJWS.parse(jwt).header.kid)
            #expect(try await VerificationPageTests.paste(app, stranger).text.contains("Not valid"))
        }
    }

    @Test("an awarded OpenBadgeCredential issued as a VC-JWT verifies for both issuer identities; the stored text is its envelope",
          arguments: TestEngines.all)
    func awardAsJWT(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            for identity in [IssuerIdentityKind.didWeb, .didKey] {
                var options = IssuanceOptions(issuerIdentity: identity)
                options.format = .vcJWT
                let issued = try await f.services.issuance.issue(try f.award(), organisation: f.issuer, options: options)
                let jwt = try #require(EnvelopedCredential.compactJWS(in: issued.credential))
                #expect(try JSONParser().parse(Array(issued.record.credentialJSON.utf8)) == issued.credential)
                let report = await f.services.vcJWTVerifier.verify(jwt)
                #expect(report.isValid, "\(identity): \(report.failures)")
                let credential = try #require(VCJWT.unverifiedCredential(in: jwt))
                #expect(credential["type"]?.arrayValue?.contains(.string("OpenBadgeCredential")) == true)
                #expect(issued.record.format == .vcJWT && StoredCredentialDocument.credential(of: issued.record) == credential)
            }
        }
    }
}

/// The organisation's default format for awards: set through the API, honoured by bulk rows
/// (a row's own `format` column wins), recorded in the format column, verifiable either way.
@Suite("VC-JWT as an organisation's award format")
struct AwardFormatTests {
    @Test("issuance settings make awards VC-JWTs; a row may ask for Data Integrity; both verify", arguments: TestEngines.all)
    func organisationSetting(engine: DatabaseEngine) async throws {
        // An awarded credential (every EU element of the flagship) is larger than the default 64 KiB body.
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit) { app in
            let token = try await IssuanceHTTPTests.orgAdminToken(app)
            let settings = "/api/v1/organisations/demo-vet-school/issuance-settings"
            let initial = try await app.client.execute(uri: settings, method: .get, headers: .bearer(token))
            #expect(try IssuanceHTTPTests.json(initial)["credentialFormat"] == .string("application/vc"))
            let bad = try await app.client.execute(uri: settings, method: .put, headers: .json(.bearer(token)),
                                                   body: ByteBuffer(string: #"{"credentialFormat":"application/vc+cose"}"#))
            #expect(bad.status == .unprocessableContent)
            let set = try await app.client.execute(uri: settings, method: .put, headers: .json(.bearer(token)),
                                                   body: ByteBuffer(string: #"{"credentialFormat":"vc-jwt"}"#))
            let chosen = try IssuanceHTTPTests.json(set)["credentialFormat"]
            #expect(set.status == .ok && chosen == .string("application/vc+jwt"))
            #expect(try await app.store.countEvents(action: .issuanceSettingsChanged) == 1)

            let header = BulkIssuanceTests.header + ",format"
            let csv = [header, BulkIssuanceTests.row("jwt.learner@example.org") + ",",
                       BulkIssuanceTests.row("di.learner@example.org") + ",data-integrity",
                       BulkIssuanceTests.row("odd.learner@example.org") + ",vc+cose",
                       BulkIssuanceTests.row(app.accounts[.learner].email) + ","].joined(separator: "\n")
            let created = try await BulkIssuanceTests.upload(app, csv, token: token)
            let id = try #require(try IssuanceHTTPTests.json(created)["id"]?.stringValue)
            let report = try await BulkIssuanceTests.waitForCompletion(app, id, token: token)
            let items = try #require(report["items"]?.arrayValue)
            #expect(items.map { $0["state"]?.stringValue } == ["issued", "issued", "failed", "issued"], "\(items)")
            #expect(items[2]["reasonCode"] == .string("format_unknown"))
            var formats: [StoredCredentialFormat] = []
            for item in items.prefix(2) {
                let urn = try #require(item["credentialId"]?.stringValue)
                let record = try #require(try await app.store.credential(id: try IssuanceJSON.credentialID(urn)))
                formats.append(record.format)
                // Either way the VC-API verifies what was stored.
                let body = #"{"verifiableCredential":\#(record.credentialJSON)}"#
                let response = try await IssuanceHTTPTests.post(app, "/credentials/verify", body)
                let verified = try IssuanceHTTPTests.json(response)
                #expect(verified["verified"] == .bool(true), "\(response.status) \(response.text.prefix(500))")
            }
            #expect(formats == [.vcJWT, .dataIntegrity])
            // The platform API lists the format too.
            let listed = try IssuanceHTTPTests.json(try await app.client.execute(uri: "/api/v1/credentials", method: .get, headers: .bearer(token)))
            #expect(Set(listed["items"]?.arrayValue?.compactMap { $0["format"]?.stringValue } ?? []) == ["application/vc+jwt", "application/vc"])

            // The learner's wallet says what it holds and offers the token itself.
            let learner = Browser(app.client)
            try await learner.logIn(app.accounts[.learner].email, app.accounts[.learner].password)
            let wallet = try await learner.get("/wallet")
            #expect(wallet.text.contains("VC-JWT (JOSE)") && wallet.text.contains("/credential.jwt"))
            let urn = try #require(items[3]["credentialId"]?.stringValue)
            let walletID = try IssuanceJSON.credentialID(urn)
            let download = try await learner.get("/wallet/credentials/\(walletID)/credential.jwt")
            #expect(download.status == .ok && download.headers[.contentType] == VCJWT.mediaType)
            let verified = try IssuanceHTTPTests.json(try await IssuanceHTTPTests.post(
                app, "/credentials/verify", #"{"verifiableCredential":"\#(download.text)"}"#))
            #expect(verified["verified"] == .bool(true), "\(verified)")
            let greekWallet = try await learner.get("/wallet?lang=el")
            #expect(greekWallet.text.contains("Ασφάλιση ως"))
        }
    }

    @Test("an award follows the organisation's setting unless it names its format; hashes only with a key", arguments: TestEngines.all)
    func awardFollowsSetting(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let plain = try await f.services.issuance.issue(try f.award(), organisation: f.issuer)
            #expect(plain.record.format == .dataIntegrity)
            #expect(plain.record.requestHash == nil, "no Idempotency-Key: nothing would compare a hash")

            try await f.store.setCredentialFormat(.vcJWT, organisationID: f.issuer.id, at: IssuanceFixture.t0)
            let options = IssuanceOptions(idempotencyKey: "award:setting")
            let jwt = try await f.services.issuance.issue(try f.award(), organisation: f.issuer, options: options)
            #expect(jwt.record.format == .vcJWT && jwt.record.requestHash != nil)
            let token = try #require(EnvelopedCredential.compactJWS(in: jwt.credential))
            #expect(await f.services.vcJWTVerifier.verify(token).isValid)
            // The setting changes; a retry of the first award still gets what it was issued as.
            try await f.store.setCredentialFormat(.dataIntegrity, organisationID: f.issuer.id, at: IssuanceFixture.t0)
            let replay = try await f.services.issuance.issue(try f.award(), organisation: f.issuer, options: options)
            #expect(replay.replayed && replay.record.id == jwt.record.id && replay.record.format == .vcJWT)
            try await f.store.setCredentialFormat(.vcJWT, organisationID: f.issuer.id, at: IssuanceFixture.t0)

            var own = try f.award()
            own.format = .dataIntegrity
            #expect(try await f.services.issuance.issue(own, organisation: f.issuer).record.format == .dataIntegrity)
            // Another organisation's setting is its own.
            #expect(try await f.services.issuance.issue(try f.award(), organisation: f.testCentre).record.format == .dataIntegrity)
        }
    }
}

