import Foundation
import Testing
import LinkedData
@testable import Credentials

/// The 1EdTech validator's OB 3.0 samples. Their verification methods are https URLs (or a
/// did:key that is not the issuer) whose `z6Mk…` fragment is the key; a verifier cannot know that
/// key is the issuer's unless someone vouches for it, so these tests pass it in explicitly.
@Suite struct OB3SampleTests {
    static func sample(_ name: String) throws -> JSONValue { try Conformance.json(Conformance.ob3.appendingPathComponent(name)) }

    /// The trust an issuer registry would supply: the key in the fragment, bound to `issuer`.
    static func trust(for document: JSONValue, issuer: String? = nil) -> TrustedKeyStore {
        TrustedKeyStore(ProofDocument.split(document.objectValue!).proofs.compactMap { proof in
            guard let vm = proof["verificationMethod"]?.stringValue else { return nil }
            let key = vm.split(separator: "#").last.map(String.init).flatMap { $0.hasPrefix("z6Mk") ? $0 : nil }
                ?? String(vm.dropFirst("did:key:".count))
            return .init(verificationMethod: vm, publicKeyMultibase: key, issuer: issuer ?? CredentialShape.issuerID(document.objectValue!))
        })
    }

    static func verifier(_ trust: TrustedKeyStore) -> CredentialVerifier {
        CredentialVerifier(keyResolver: StandardKeyResolver(trustedKeys: trust), clock: testClock)
    }

    @Test(arguments: ["simple.json", "complete.json", "endorsement-valid.json", "simple-did-key-method.json"])
    func verifiesWithTheIssuersPublishedKey(_ name: String) async throws {
        let document = try Self.sample(name)
        let report = await Self.verifier(Self.trust(for: document)).verify(document)
        #expect(report.isValid, "\(name): \(report.failures)")
        #expect(report.checks(.proof).allSatisfy { $0.status == .pass })
        #expect(report.checks(.keyResolution).allSatisfy { $0.status == .pass })
    }

    @Test(arguments: ["simple.json", "complete.json", "endorsement-valid.json"])
    func aKeyNamedOnlyByTheDocumentIsNotTrusted(_ name: String) async throws {
        let document = try Self.sample(name)
        let report = await CredentialVerifier(clock: testClock).verify(document)
        #expect(!report.isValid)
        #expect(report.checks(.keyResolution).map(\.reason) == [.unknownKey], "\(name)")
        #expect(report.checks(.proof).map(\.status) == [.skipped], "\(name)")
    }

    @Test func aDIDKeyThatIsNotTheIssuerIsNotBound() async throws {
        let document = try Self.sample("simple-did-key-method.json")
        let report = await CredentialVerifier(clock: testClock).verify(document)
        #expect(!report.isValid)
        #expect(report.checks(.keyResolution).map(\.reason) == [.keyNotBoundToIssuer])
        #expect(report.checks(.proof).map(\.reason) == [.ok])
    }

    @Test func aKeyVouchedForAnotherIssuerIsNotBound() async throws {
        let document = try Self.sample("simple.json")
        let report = await Self.verifier(Self.trust(for: document, issuer: "https://other.example/issuers/1")).verify(document)
        #expect(report.checks(.keyResolution).map(\.reason) == [.keyNotBoundToIssuer])
        #expect(!report.isValid)
    }

    @Test func aWrongProofValueFailsItsProofCheck() async throws {
        let document = try Self.sample("simple-err-proof-value.json")
        let report = await Self.verifier(Self.trust(for: document)).verify(document)
        #expect(!report.isValid)
        #expect(report.checks(.proof).map(\.reason) == [.signatureMismatch])
        #expect(report.failures.map(\.kind) == [.proof])
    }

    /// Negative samples whose names say what is wrong: that check fails, with that reason.
    @Test(arguments: [
        ("simple-err-expired.json", VerificationCheck.Kind.validityPeriod, VerificationCheck.Reason.expired),
        ("simple-err-issued.json", .validityPeriod, .notYetValid),
        ("simple-err-type.json", .shape, .missingOpenBadgeType),
        ("simple-err-issuer.json", .shape, .missingIssuer),
        ("simple-err-context.json", .context, .wrongBaseContext),
        ("simple-noproof.json", .proof, .missingProof),
    ])
    func namedFailureIsReported(_ name: String, _ kind: VerificationCheck.Kind, _ reason: VerificationCheck.Reason) async throws {
        let document = try Self.sample(name)
        let report = await Self.verifier(Self.trust(for: document)).verify(document)
        #expect(!report.isValid)
        #expect(report.failures.contains { $0.kind == kind && $0.reason == reason }, "\(name): \(report.failures)")
    }

    @Test func anUnknownProofBesideAGoodOneIsOnlyAWarning() async throws {
        let document = try Self.sample("simple-multiple-proofs.json")
        let report = await Self.verifier(Self.trust(for: document)).verify(document)
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checks(.proof).map(\.status) == [.warning, .pass])
    }

    @Test func theReportEncodesAsJSON() async throws {
        let document = try Self.sample("simple.json")
        let report = await CredentialVerifier(clock: testClock).verify(document)
        let data = try JSONEncoder().encode(report)
        let back = try JSONDecoder().decode(VerificationReport.self, from: data)
        #expect(back == report)
        let json = try JSONParser().parse(Array(data))
        #expect(json["isValid"] == .bool(false))
        #expect(json["checks"]?.arrayValue?.first?["kind"] == .string("parse"))
    }

    @Test func invalidJSONFailsTheParseCheck() async {
        let report = await CredentialVerifier(clock: testClock).verify(bytes: Array("{\"a\":".utf8))
        #expect(report.checks.map(\.reason) == [.invalidJSON])
        #expect(!report.isValid)
    }
}
