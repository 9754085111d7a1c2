import Foundation
import Testing
import LinkedData
@testable import Credentials

/// vc-di-eddsa proof-set-chain vectors: two independent proofs (a set), then two chained ones.
@Suite struct ProofSetChainTests {
    static func keys() throws -> [Ed25519KeyPair] {
        let pairs = try Conformance.json(Conformance.vector("proof-set-chain/multiKeyPairs.json"))
        return try (1...4).map { try Ed25519KeyPair(json: pairs["keyPair\($0)"]!) }
    }
    static func file(_ name: String) throws -> JSONValue { try Conformance.json(Conformance.vector("proof-set-chain/\(name).json")) }
    static func date(_ s: String) -> Date { DateTimeStamp.parse(s)! }

    /// Each step signs the previous step's output with the options of the published config.
    static let steps: [(from: String, to: String, key: Int, config: String)] = [
        ("unsigned", "signedProofSet1", 0, "proofSetConfig1"),
        ("signedProofSet1", "signedProofSet2", 1, "proofSetConfig2"),
        ("signedProofSet2", "signedProofChain1", 2, "proofChainConfig1"),
        ("signedProofChain1", "signedProofChain2", 3, "proofChainConfig2"),
    ]

    @Test(arguments: 0..<4)
    func signsEachStepByteForByte(_ step: Int) throws {
        let (from, to, keyIndex, configName) = Self.steps[step]
        let config = try Self.file(configName).objectValue!
        let options = ProofOptions(suite: .eddsaRdfc2022, verificationMethod: config["verificationMethod"]?.stringValue,
                                   created: Self.date(config["created"]!.stringValue!), id: config["id"]?.stringValue,
                                   previousProof: ProofDocument.previousProofIDs(config))
        let signed = try DataIntegritySigner().sign(Self.file(from), key: Self.keys()[keyIndex], options: options)
        let expected = try Self.file(to)
        #expect(signed == expected, "\(to)")
    }

    @Test(arguments: ["signedProofSet1", "signedProofSet2", "signedProofChain1", "signedProofChain2"])
    func verifiesEveryProof(_ name: String) async throws {
        let document = try Self.file(name)
        let trust = TrustedKeyStore(try Self.keys().map {
            .init(verificationMethod: $0.didKey.verificationMethodID, publicKeyMultibase: $0.publicKeyMultibase,
                  issuer: "https://vc.example/issuers/5678")
        })
        let report = await CredentialVerifier(keyResolver: StandardKeyResolver(trustedKeys: trust), clock: testClock).verify(document)
        #expect(report.isValid, "\(name): \(report.failures)")
        let proofs = ProofDocument.split(document.objectValue!).proofs.count
        #expect(report.checks(.proof).filter { $0.status == .pass }.count == proofs)
    }

    @Test func aChainedProofFailsWhenTheProofItEndorsesIsRemoved() async throws {
        var document = try Self.file("signedProofChain2").objectValue!
        var proofs = document["proof"]!.arrayValue!
        proofs.remove(at: 2) // the d94f… proof the last one chains to
        document["proof"] = .array(proofs)
        let report = await CredentialVerifier(clock: testClock).verify(.object(document))
        #expect(report.checks(.proof).last?.reason == .previousProofMissing)
        #expect(!report.isValid)
    }

    @Test func aProofSetEntryIsCheckedIndependently() async throws {
        var document = try Self.file("signedProofSet2").objectValue!
        var proofs = document["proof"]!.arrayValue!
        var second = proofs[1].objectValue!
        second["created"] = .string("2023-02-24T23:36:39Z")
        proofs[1] = .object(second)
        document["proof"] = .array(proofs)
        let report = await CredentialVerifier(clock: testClock).verify(.object(document))
        #expect(report.checks(.proof).map(\.reason) == [.ok, .signatureMismatch])
    }
}
