import Foundation
import Testing
import LinkedData
@testable import Credentials

/// Content that JSON-LD would drop from the RDF a proof covers must never sign or verify: otherwise
/// a reader sees JSON the signature does not protect.
@Suite struct UnsignedContentTests {
    /// A VC 1.1 credential: the v1 context has no `@vocab`, so an undefined key expands to nothing.
    static func v1Credential(issuer: String, extra: (String, JSONValue)? = nil) -> JSONValue {
        var subject = JSONObject([("id", .string("did:example:learner")),
                                  ("https://schema.org/alumniOf", .string("Example VET School"))])
        if let extra { subject[extra.0] = extra.1 }
        return .object(JSONObject([
            ("@context", .array([.string("https://www.w3.org/2018/credentials/v1"),
                                 .string("https://w3id.org/security/data-integrity/v2")])),
            ("id", .string("urn:uuid:7c5b8a64-0000-4000-8000-000000000001")),
            ("type", .array([.string("VerifiableCredential")])),
            ("issuer", .string(issuer)),
            ("issuanceDate", .string("2025-01-01T00:00:00Z")),
            ("credentialSubject", .object(subject)),
        ]))
    }

    @Test(arguments: ProofSuite.signable.filter(\.usesRDFCanonicalization))
    func signingRefusesAPropertyNoContextDefines(_ suite: ProofSuite) throws {
        let key = Ed25519KeyPair.generate()
        let document = Self.v1Credential(issuer: key.didKey.did, extra: ("favouriteColour", .string("green")))
        #expect {
            try DataIntegritySigner(clock: testClock).sign(document, key: key, options: ProofOptions(suite: suite))
        } throws: { error in
            guard case DataIntegrityError.undefinedTerm(let what) = error else { return false }
            return what.contains("favouriteColour")
        }
        // Without it the same document signs.
        _ = try DataIntegritySigner(clock: testClock).sign(Self.v1Credential(issuer: key.didKey.did), key: key,
                                                           options: ProofOptions(suite: suite))
    }

    @Test func verificationFailsWhenADefinedKeyIsRenamedToAnUndefinedOne() async throws {
        let key = Ed25519KeyPair.generate()
        var signed = try DataIntegritySigner(clock: testClock).sign(Self.v1Credential(issuer: key.didKey.did), key: key,
                                                                    options: ProofOptions(suite: .eddsaRdfc2022)).objectValue!
        let verifier = CredentialVerifier(clock: testClock)
        #expect(await verifier.verify(.object(signed)).isValid)
        var subject = signed["credentialSubject"]!.objectValue!
        subject["alumniOf"] = subject["https://schema.org/alumniOf"]
        subject["https://schema.org/alumniOf"] = nil
        signed["credentialSubject"] = .object(subject)
        let report = await verifier.verify(.object(signed))
        #expect(!report.isValid)
        #expect(report.failures.contains { $0.kind == .proof && $0.reason == .undefinedTerm })
    }

    /// complete.json (VC 2.0 + OB 3.0.3, whose contexts have `@vocab`): renaming any key anywhere
    /// changes the signed RDF or is refused, so every renamed copy fails.
    @Test(arguments: ProofSuite.signable)
    func anyRenamedKeyBreaksVerification(_ suite: ProofSuite) async throws {
        let key = Ed25519KeyPair.generate()
        let signed = try DataIntegritySigner(clock: testClock).sign(SignVerifyPropertyTests.credential(issuer: key.didKey.did),
                                                                    key: key, options: ProofOptions(suite: suite))
        let verifier = CredentialVerifier(clock: testClock)
        var copies: [(String, JSONValue)] = []
        func walk(_ value: JSONValue, _ path: String, _ rebuild: @escaping (JSONValue) -> JSONValue) {
            switch value {
            case .object(let object):
                for (k, v) in object where k != "@context" && k != "proof" {
                    var renamed = JSONObject()
                    for (k2, v2) in object { renamed[k2 == k ? k + "x" : k2] = v2 }
                    copies.append(("\(path)/\(k)", rebuild(.object(renamed))))
                    walk(v, "\(path)/\(k)") { new in var o = object; o[k] = new; return rebuild(.object(o)) }
                }
            case .array(let items):
                for (i, item) in items.enumerated() {
                    walk(item, "\(path)/\(i)") { new in var a = items; a[i] = new; return rebuild(.array(a)) }
                }
            default: break
            }
        }
        walk(signed, "") { $0 }
        #expect(copies.count > 60)
        var stillValid: [String] = []
        for (path, document) in copies where await verifier.verify(document).isValid { stillValid.append(path) }
        #expect(stillValid.isEmpty, "\(suite.rawValue): renaming these keys still verifies: \(stillValid)")
    }

    /// Values toRdf drops without a word, and which the old relative-IRI check let through: an
    /// identifier with a space (has a scheme, but is no IRI) and a keyword-like identifier. Signing
    /// must refuse both, naming the value.
    @Test(arguments: [("http://example.org/learner 1", "learner 1"), ("@learner", "keyword-like")])
    func signingRefusesAnIdentifierToRdfWouldDrop(_ id: String, _ named: String) throws {
        let key = Ed25519KeyPair.generate()
        guard case .object(var credential) = try SignVerifyPropertyTests.credential(issuer: key.didKey.did),
              case .object(var subject)? = credential["credentialSubject"] else { Issue.record("fixture"); return }
        subject["id"] = .string(id)
        credential["credentialSubject"] = .object(subject)
        #expect {
            try DataIntegritySigner(clock: testClock).sign(.object(credential), key: key, options: ProofOptions(suite: .eddsaRdfc2022))
        } throws: { error in
            guard case DataIntegrityError.undefinedTerm(let what) = error else { return false }
            return what.contains(named)
        }
    }
}
