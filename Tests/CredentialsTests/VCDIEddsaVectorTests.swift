import Foundation
import Testing
import LinkedData
@testable import Credentials

/// Every published value of the W3C vc-di-eddsa test vectors, reproduced byte for byte:
/// canonical forms, hashes, combined hash, signature (hex and base58) and the signed document.
@Suite struct VCDIEddsaVectorTests {
    struct VectorSet: CustomStringConvertible, Sendable {
        let id: String
        let folder: String
        let suffix: String
        let unsigned: String?
        let suite: ProofSuite
        var description: String { id }

        func file(_ stem: String, _ ext: String = "txt") -> URL {
            Conformance.vector("\(folder)/\(stem)\(suffix).\(ext)")
        }
        func text(_ stem: String) throws -> String {
            try Conformance.text(file(stem)).trimmingCharacters(in: .newlines)
        }
        func signed() throws -> JSONValue { try Conformance.json(file("signed", "json")) }
        func unsignedDocument() throws -> JSONObject {
            if let unsigned { return try Conformance.json(Conformance.vector(unsigned)).objectValue! }
            var o = try signed().objectValue!
            o["proof"] = nil
            return o
        }
        func proofConfig() throws -> JSONObject { try Conformance.json(file("proofConfig", "json")).objectValue! }
    }

    static let sets = [
        VectorSet(id: "eddsa-rdfc-2022 alumni", folder: "eddsa-rdfc-2022", suffix: "DataInt", unsigned: "unsigned.json", suite: .eddsaRdfc2022),
        VectorSet(id: "eddsa-rdfc-2022 employ", folder: "eddsa-rdfc-2022/employ", suffix: "DataInt", unsigned: "employmentAuth.json", suite: .eddsaRdfc2022),
        VectorSet(id: "eddsa-jcs-2022", folder: "eddsa-jcs-2022", suffix: "JCS", unsigned: "unsigned.json", suite: .eddsaJcs2022),
        VectorSet(id: "Ed25519Signature2020", folder: "Ed25519Signature2020", suffix: "EdSig", unsigned: nil, suite: .ed25519Signature2020),
    ]

    @Test(arguments: sets)
    func reproducesCanonicalFormsHashesAndSignature(_ set: VectorSet) throws {
        let key = try Conformance.vectorKey()
        var timings = ProofTimings()
        let hashes = try DocumentCanonicalizer().hashes(document: set.unsignedDocument(), proofConfig: set.proofConfig(),
                                                         suite: set.suite, timings: &timings)
        // Canonical files are compared exactly (N-Quads end with a newline, JCS does not).
        let canonDoc = try Conformance.text(set.file("canonDoc")), proofCanon = try Conformance.text(set.file("proofCanon"))
        let docHash = try set.text("docHash"), proofHash = try set.text("proofHash"), combined = try set.text("combinedHash")
        let sigHex = try set.text("sigHex"), sigBTC58 = try set.text("sigBTC58")
        let published = try set.signed()["proof"]?["proofValue"]?.stringValue
        #expect(hashes.canonicalDocument == canonDoc, "\(set.id) canonDoc")
        #expect(hashes.canonicalProofConfig == proofCanon, "\(set.id) proofCanon")
        #expect(Hex.encode(hashes.documentHash) == docHash, "\(set.id) docHash")
        #expect(Hex.encode(hashes.proofConfigHash) == proofHash, "\(set.id) proofHash")
        #expect(Hex.encode(hashes.combined) == combined, "\(set.id) combinedHash")
        let signature = try key.sign(hashes.combined)
        #expect(Hex.encode(signature) == sigHex, "\(set.id) sigHex")
        #expect(Multibase.encodeBase58BTC(signature) == sigBTC58, "\(set.id) sigBTC58")
        #expect(published == sigBTC58, "\(set.id) proofValue")
    }

    @Test(arguments: sets.filter { ProofSuite.signable.contains($0.suite) })
    func signsTheUnsignedDocumentIntoTheSignedOne(_ set: VectorSet) throws {
        let signer = DataIntegritySigner(clock: FixedWallClock(Conformance.vectorCreated))
        let signed = try signer.sign(.object(set.unsignedDocument()), key: Conformance.vectorKey(), options: ProofOptions(suite: set.suite))
        let expected = try set.signed()
        #expect(signed == expected, "\(set.id)")
        #expect(JSONSerializer.serialize(signed) == JSONSerializer.serialize(expected), "\(set.id) text")
    }

    @Test(arguments: sets)
    func verifiesTheSignedDocument(_ set: VectorSet) async throws {
        let signed = try set.signed()
        // The vectors' issuer is an https URL and the key a did:key: the caller vouches for the
        // binding through the trust store, as an issuer registry would.
        let vm = signed["proof"]!["verificationMethod"]!.stringValue!
        let key = try Conformance.vectorKey()
        let issuer = CredentialShape.issuerID(signed.objectValue!)!
        let verifier = CredentialVerifier(keyResolver: StandardKeyResolver(trustedKeys: TrustedKeyStore([
            .init(verificationMethod: vm, publicKeyMultibase: key.publicKeyMultibase, issuer: issuer),
        ])), clock: testClock)
        let report = await verifier.verify(signed)
        #expect(report.isValid, "\(set.id): \(report.failures)")
        #expect(report.checks(.proof).map(\.status) == [.pass])

        // Without that assurance the signature still checks out, but the key is not the issuer's.
        let strict = await CredentialVerifier(clock: testClock).verify(signed)
        #expect(!strict.isValid)
        #expect(strict.checks(.proof).map(\.status) == [.pass], "\(set.id)")
        #expect(strict.checks(.keyResolution).map(\.reason) == [.keyNotBoundToIssuer], "\(set.id)")
    }

    @Test func legacyContextCopyAgreesWithTheBundledOne() throws {
        // vc-di-eddsa/contexts/lds-ed25519-2020-v1.json is an older copy of the bundled context;
        // the Ed25519Signature2020 vector must verify with the bundled one (tested above). Here:
        // the older copy defines the same proof terms, so the choice cannot change the vector.
        let old = try Conformance.json(Conformance.root.appendingPathComponent("vc-di-eddsa/contexts/lds-ed25519-2020-v1.json"))
        let terms = old["@context"]?.objectValue
        #expect(terms?["Ed25519Signature2020"] != nil)
    }
}
