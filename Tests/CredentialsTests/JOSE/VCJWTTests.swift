import Foundation
import Testing
import LinkedData
@testable import Credentials

/// VC-JWT (VC-JOSE-COSE) signing and verification: the RFC 8037 vector, round trips, tampering
/// with every character, and each refusal with the check and reason it must produce.
@Suite struct VCJWTTests {
    static let verifier = VCJWTVerifier(clock: testClock)

    static func credential(issuer: String, edit: (inout JSONObject) -> Void = { _ in }) throws -> JSONValue {
        var object = try SignVerifyPropertyTests.credential(issuer: issuer).objectValue!
        edit(&object)
        return .object(object)
    }

    static func token(header: JSONObject, payload: JSONValue, key: Ed25519KeyPair) throws -> String {
        try CompactJWS.sign(header: header, payload: JSONSerializer.serializeBytes(payload), key: key)
    }

    static func header(_ members: [(String, JSONValue)]) -> JSONObject { JSONObject(members) }

    /// RFC 8037 Appendix A.4: Ed25519 is deterministic, so the JWS must match byte for byte.
    @Test func rfc8037Vector() throws {
        let key = try Ed25519KeyPair(seed: Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!)
        let jws = try CompactJWS.sign(header: JSONObject([("alg", .string("EdDSA"))]), payload: Array("Example of Ed25519 signing".utf8), key: key)
        #expect(jws == "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")
        let parsed = try CompactJWS.parse(jws)
        #expect(parsed.verifySignature(publicKey: key.publicKeyBytes))
        #expect(!parsed.verifySignature(publicKey: Ed25519KeyPair.generate().publicKeyBytes))
    }

    @Test func signsTheCredentialItselfWithTheSpecHeader() throws {
        let key = Ed25519KeyPair.generate()
        let credential = try Self.credential(issuer: key.didKey.did)
        let token = try VCJWTSigner().sign(credential, key: key)
        let jws = try CompactJWS.parse(token)
        #expect(jws.header.members == JSONObject([("alg", .string("EdDSA")), ("kid", .string(key.didKey.verificationMethodID)),
                                                  ("typ", .string("vc+jwt")), ("cty", .string("vc"))]))
        // The payload is the credential JSON (no `vc` claim, no added JWT claims).
        #expect(jws.payload == JSONSerializer.serializeBytes(credential))
        #expect(VCJWT.unverifiedCredential(in: token) == credential.objectValue)
    }

    @Test func signVerifyRoundTrip() async throws {
        let key = Ed25519KeyPair.generate()
        let token = try VCJWTSigner().sign(try Self.credential(issuer: key.didKey.did), key: key)
        let report = await Self.verifier.verify(token)
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checks.map(\.kind) == [.parse, .context, .shape, .keyResolution, .proof, .validityPeriod])
        #expect(report.issuer == key.didKey.did)
        #expect(report.checks(.proof).map(\.reason) == [.ok])
    }

    @Test func signerRefusesWhatItCannotSecure() throws {
        let key = Ed25519KeyPair.generate()
        #expect(throws: VCJWTError.notAnObject) { try VCJWTSigner().sign(.array([]), key: key) }
        let v1 = try Self.credential(issuer: key.didKey.did) { $0["@context"] = .array([.string(CredentialModel.v1.rawValue)]) }
        #expect(throws: VCJWTError.notVC2) { try VCJWTSigner().sign(v1, key: key) }
        let proved = try Self.credential(issuer: key.didKey.did) { $0["proof"] = .object(JSONObject()) }
        #expect(throws: VCJWTError.alreadyHasProof) { try VCJWTSigner().sign(proved, key: key) }
    }

    /// Every single-character change anywhere in the token (header, payload or signature) makes it
    /// fail: strict base64url means no two spellings decode to the same bytes.
    @Test func everySingleCharacterChangeFails() async throws {
        let key = Ed25519KeyPair.generate()
        let simple: JSONValue = .object(JSONObject([
            ("@context", .array([.string(CredentialModel.v2.rawValue)])), ("type", .array([.string("VerifiableCredential")])),
            ("issuer", .string(key.didKey.did)), ("validFrom", .string("2025-01-01T00:00:00Z")),
            ("credentialSubject", .object(JSONObject([("id", .string("did:example:learner"))]))),
        ]))
        let token = Array(try VCJWTSigner().sign(simple, key: key))
        #expect(await Self.verifier.verify(String(token)).isValid)
        var failures = 0
        for i in token.indices {
            var changed = token
            changed[i] = token[i] == "A" ? "B" : "A"
            let report = await Self.verifier.verify(String(changed))
            if !report.isValid { failures += 1 } else { Issue.record("still valid after changing character \(i) ('\(token[i])')") }
        }
        #expect(failures == token.count)
    }

    @Test func tamperedPayloadFailsTheSignature() async throws {
        let key = Ed25519KeyPair.generate()
        let token = try VCJWTSigner().sign(try Self.credential(issuer: key.didKey.did), key: key)
        let parts = token.split(separator: ".").map(String.init)
        var credential = VCJWT.unverifiedCredential(in: token)!
        credential["name"] = .string("Something else")
        let forged = parts[0] + "." + StrictBase64URL.encode(JSONSerializer.serializeBytes(.object(credential))) + "." + parts[2]
        let report = await Self.verifier.verify(forged)
        #expect(report.checks(.proof).map(\.reason) == [.signatureMismatch])
        #expect(!report.isValid)
    }

    @Test(arguments: ["HS256", "RS256", "ES256", "EdDSA256", "eddsa", "Ed25519"])
    func otherAlgorithmsAreRefused(_ alg: String) async throws {
        let key = Ed25519KeyPair.generate()
        let token = try Self.token(header: Self.header([("alg", .string(alg)), ("kid", .string(key.didKey.verificationMethodID))]),
                                   payload: try Self.credential(issuer: key.didKey.did), key: key)
        let report = await Self.verifier.verify(token)
        #expect(report.checks.map(\.reason) == [.unsupportedAlgorithm])
        #expect(report.checks.first?.kind == .parse)
        #expect(throws: JWSError.algorithmNotAllowed(alg)) { try CompactJWS.parse(token) }
    }

    @Test(arguments: ["none", "None", "NONE"])
    func unsecuredTokensAreRefused(_ alg: String) async throws {
        let key = Ed25519KeyPair.generate()
        let header = StrictBase64URL.encode(JSONSerializer.serializeBytes(.object(Self.header([("alg", .string(alg)), ("typ", .string("vc+jwt"))]))))
        let payload = StrictBase64URL.encode(JSONSerializer.serializeBytes(try Self.credential(issuer: key.didKey.did)))
        for token in [header + "." + payload + ".", header + "." + payload + "." + StrictBase64URL.encode([UInt8](repeating: 0, count: 64))] {
            let report = await Self.verifier.verify(token)
            #expect(report.checks.map(\.reason) == [.unsupportedAlgorithm], "\(token.suffix(10))")
            #expect(throws: JWSError.unsecuredAlgorithm) { try CompactJWS.parse(token) }
        }
    }

    @Test func keysCarriedInTheTokenAreRefused() async throws {
        let attacker = Ed25519KeyPair.generate()
        let jwk: JSONValue = .object(JSONObject([("kty", .string("OKP")), ("crv", .string("Ed25519")),
                                                 ("x", .string(StrictBase64URL.encode(attacker.publicKeyBytes)))]))
        for name in ["jwk", "x5c", "x5u", "jku"] {
            let value: JSONValue = name == "jwk" ? jwk : .string("https://attacker.example/key")
            let token = try Self.token(header: Self.header([("alg", .string("EdDSA")), (name, value)]),
                                       payload: try Self.credential(issuer: attacker.didKey.did), key: attacker)
            let report = await Self.verifier.verify(token)
            #expect(report.checks.map(\.reason) == [.embeddedKeyRejected], "\(name)")
        }
    }

    @Test func unknownCriticalHeadersAndOtherTypesAreRefused() async throws {
        let key = Ed25519KeyPair.generate()
        let credential = try Self.credential(issuer: key.didKey.did)
        let kid: (String, JSONValue) = ("kid", .string(key.didKey.verificationMethodID))
        let crit = try Self.token(header: Self.header([("alg", .string("EdDSA")), kid, ("crit", .array([.string("b64")])), ("b64", .bool(false))]),
                                  payload: credential, key: key)
        #expect(await Self.verifier.verify(crit).checks.map(\.reason) == [.unsupportedCriticalHeader])
        for typ in ["JWT", "vc-ld+jwt", "vp+jwt"] {
            let token = try Self.token(header: Self.header([("alg", .string("EdDSA")), kid, ("typ", .string(typ))]), payload: credential, key: key)
            #expect(await Self.verifier.verify(token).checks.map(\.reason) == [.unsupportedMediaType], "\(typ)")
        }
        let vp = try Self.token(header: Self.header([("alg", .string("EdDSA")), kid, ("typ", .string("vc+jwt")), ("cty", .string("vp"))]),
                                payload: credential, key: key)
        #expect(await Self.verifier.verify(vp).checks.map(\.reason) == [.unsupportedMediaType])
        // typ is a SHOULD: without it the token verifies, with a warning.
        let untyped = try Self.token(header: Self.header([("alg", .string("EdDSA")), kid]), payload: credential, key: key)
        let report = await Self.verifier.verify(untyped)
        #expect(report.isValid)
        #expect(report.warnings.map(\.reason) == [.unsupportedMediaType])
    }

    @Test(arguments: ["a.b", "a.b.c.d.e", "", "....", "eyJhbGciOiJFZERTQSJ9..c2ln", "not a token"])
    func malformedTokensAreNamedAsSuch(_ text: String) async {
        let report = await Self.verifier.verify(text)
        #expect(report.checks.count == 1)
        #expect(report.checks.first?.kind == .parse && report.checks.first?.status == .fail)
        #expect(report.checks.first?.reason == .malformedJWS)
    }

    @Test func payloadThatIsNotACredentialObject() async throws {
        let key = Ed25519KeyPair.generate()
        let array = try Self.token(header: Self.header([("alg", .string("EdDSA"))]), payload: .array([]), key: key)
        #expect(await Self.verifier.verify(array).checks.map(\.reason) == [.notAnObject])
        let text = try CompactJWS.sign(header: Self.header([("alg", .string("EdDSA"))]), payload: Array("hello".utf8), key: key)
        #expect(await Self.verifier.verify(text).checks.map(\.reason) == [.invalidJSON])
    }

    @Test func keyResolutionFailures() async throws {
        let issuer = Ed25519KeyPair.generate(), other = Ed25519KeyPair.generate()
        let credential = try Self.credential(issuer: issuer.didKey.did)
        // No kid at all.
        let noKid = try Self.token(header: Self.header([("alg", .string("EdDSA")), ("typ", .string("vc+jwt"))]), payload: credential, key: issuer)
        let missing = await Self.verifier.verify(noKid)
        #expect(missing.checks(.keyResolution).map(\.reason) == [.missingKeyID])
        #expect(missing.checks(.proof).map(\.status) == [.skipped])
        // A kid no resolver knows, an offline did:web, an unsupported DID method.
        for (kid, reason) in [("https://issuer.example/keys/1", VerificationCheck.Reason.unknownKey),
                              ("did:web:issuer.example#key-1", .didWebUnavailable), ("did:ion:abc#key-1", .unsupportedDIDMethod)] {
            let token = try VCJWTSigner().sign(credential, key: issuer, keyID: kid)
            let report = await Self.verifier.verify(token)
            #expect(report.checks(.keyResolution).map(\.reason) == [reason], "\(kid)")
            #expect(!report.isValid)
        }
        // Signed by another did:key: the signature holds, but that key does not speak for the issuer.
        let unbound = await Self.verifier.verify(try VCJWTSigner().sign(credential, key: other))
        #expect(unbound.checks(.keyResolution).map(\.reason) == [.keyNotBoundToIssuer])
        #expect(unbound.checks(.proof).map(\.reason) == [.ok])
        #expect(!unbound.isValid)
        // The issuer's kid on a token another key signed.
        let forged = await Self.verifier.verify(try VCJWTSigner().sign(credential, key: other, keyID: issuer.didKey.verificationMethodID))
        #expect(forged.checks(.keyResolution).map(\.reason) == [.ok])
        #expect(forged.checks(.proof).map(\.reason) == [.signatureMismatch])
    }

    @Test func didWebKeysIncludingARelativeKid() async throws {
        let key = Ed25519KeyPair.generate()
        let web = KeyResolutionTests.web
        let document = DIDDocument.issuer(did: web.did, keys: [("key-1", key.publicKeyMultibase)])
        let verifier = VCJWTVerifier(keyResolver: StandardKeyResolver(didWebFetcher: KeyResolutionTests.FakeFetcher(documents: [web.documentURL: document.json])),
                                     clock: testClock)
        let credential = try Self.credential(issuer: web.did)
        for kid in [web.did + "#key-1", "#key-1"] {
            let report = await verifier.verify(try VCJWTSigner().sign(credential, key: key, keyID: kid))
            #expect(report.isValid, "\(kid): \(report.failures)")
        }
        let stranger = await verifier.verify(try VCJWTSigner().sign(credential, key: key, keyID: web.did + "#key-9"))
        #expect(stranger.checks(.keyResolution).map(\.reason) == [.keyNotInDIDDocument])
    }

    @Test func validityPeriodAndJWTClaims() async throws {
        let key = Ed25519KeyPair.generate()
        func verify(_ edit: (inout JSONObject) -> Void) async throws -> VerificationReport {
            await Self.verifier.verify(try VCJWTSigner().sign(try Self.credential(issuer: key.didKey.did, edit: edit), key: key))
        }
        let expired = try await verify { $0["validUntil"] = .string("2025-05-01T00:00:00Z") }
        #expect(expired.checks(.validityPeriod).map(\.reason) == [.expired])
        let early = try await verify { $0["validFrom"] = .string("2026-01-01T00:00:00Z") }
        #expect(early.checks(.validityPeriod).map(\.reason) == [.notYetValid])
        let exp = try await verify { $0["exp"] = .number(JSONNumber(1_700_000_000)) }   // 2023-11
        #expect(exp.checks(.validityPeriod).map(\.reason) == [.ok, .expired])
        let iss = try await verify { $0["iss"] = .string("did:example:someone-else") }
        #expect(iss.failures.map(\.reason) == [.jwtClaimConflict])
        let agreeing = try await verify { $0["iss"] = .string(key.didKey.did) }
        #expect(agreeing.isValid)
        let v1 = await Self.verifier.verify(try Self.token(
            header: Self.header([("alg", .string("EdDSA")), ("kid", .string(key.didKey.verificationMethodID))]),
            payload: try Self.credential(issuer: key.didKey.did) { $0["@context"] = .array([.string(CredentialModel.v1.rawValue)]) }, key: key))
        #expect(v1.checks(.context).map(\.reason) == [.wrongBaseContext])
        let shapeless = try await verify { $0["credentialSubject"] = nil }
        #expect(shapeless.checks(.shape).map(\.reason) == [.missingCredentialSubject])
    }

    @Test func envelopedCredentialsAndDetection() throws {
        let key = Ed25519KeyPair.generate()
        let token = try VCJWTSigner().sign(try Self.credential(issuer: key.didKey.did), key: key)
        let envelope = EnvelopedCredential.wrap(token)
        #expect(envelope["type"]?.stringValue == "EnvelopedVerifiableCredential")
        #expect(envelope["id"]?.stringValue == "data:application/vc+jwt," + token)
        #expect(EnvelopedCredential.compactJWS(in: envelope) == token)
        #expect(VCJWT.compactJWS(in: JSONSerializer.serializeBytes(envelope)) == token)
        #expect(VCJWT.compactJWS(in: Array("\n  \(token)\r\n".utf8)) == token)
        #expect(VCJWT.compactJWS(in: JSONSerializer.serializeBytes(try Self.credential(issuer: key.didKey.did))) == nil)
        var otherType = envelope.objectValue!
        otherType["id"] = .string("data:application/vc+cose," + token)
        #expect(EnvelopedCredential.compactJWS(in: .object(otherType)) == nil)
    }
}
