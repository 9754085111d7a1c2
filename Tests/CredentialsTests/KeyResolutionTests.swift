import Foundation
import Testing
import LinkedData
@testable import Credentials

/// did:web through an injected fetcher (a dictionary standing in for HTTPS), and the offline case.
@Suite struct KeyResolutionTests {
    struct FakeFetcher: DIDDocumentFetcher {
        let documents: [String: JSONValue]
        struct NotFound: Error {}
        func fetchDIDDocument(at url: String) async throws -> [UInt8] {
            guard let d = documents[url] else { throw NotFound() }
            return JSONSerializer.serializeBytes(d)
        }
    }

    static let web = DIDWeb(host: "empass.example", path: ["orgs", "acme"])

    static func issue(with key: Ed25519KeyPair, vm: String) throws -> JSONValue {
        try DataIntegritySigner(clock: testClock).sign(SignVerifyPropertyTests.credential(issuer: web.did), key: key,
                                                       options: ProofOptions(verificationMethod: vm))
    }

    @Test func didWebVerifiesThroughTheFetcherIncludingRotatedKeys() async throws {
        let current = Ed25519KeyPair.generate(), old = Ed25519KeyPair.generate()
        let document = DIDDocument.issuer(did: Self.web.did, keys: [("key-2", current.publicKeyMultibase), ("key-1", old.publicKeyMultibase)])
        let fetcher = FakeFetcher(documents: [Self.web.documentURL: document.json])
        let verifier = CredentialVerifier(keyResolver: StandardKeyResolver(didWebFetcher: fetcher), clock: testClock)
        for (key, fragment) in [(current, "key-2"), (old, "key-1")] {
            let credential = try Self.issue(with: key, vm: Self.web.did + "#" + fragment)
            let report = await verifier.verify(credential)
            #expect(report.isValid, "\(fragment): \(report.failures)")
        }
        // Signed by a key the document does not list.
        let strangerCredential = try Self.issue(with: Ed25519KeyPair.generate(), vm: Self.web.did + "#key-3")
        let stranger = await verifier.verify(strangerCredential)
        #expect(stranger.checks(.keyResolution).map(\.reason) == [.keyNotInDIDDocument])
        // Signed by another key under a listed id.
        let forgedCredential = try Self.issue(with: Ed25519KeyPair.generate(), vm: Self.web.did + "#key-2")
        let forged = await verifier.verify(forgedCredential)
        #expect(forged.checks(.proof).map(\.reason) == [.signatureMismatch])
    }

    @Test func aDocumentServedForAnotherDIDIsRejected() async throws {
        let key = Ed25519KeyPair.generate()
        let other = DIDDocument.issuer(did: "did:web:evil.example", keys: [("key-1", key.publicKeyMultibase)])
        let fetcher = FakeFetcher(documents: [Self.web.documentURL: other.json])
        let credential = try Self.issue(with: key, vm: Self.web.did + "#key-1")
        let report = await CredentialVerifier(keyResolver: StandardKeyResolver(didWebFetcher: fetcher), clock: testClock).verify(credential)
        #expect(report.checks(.keyResolution).map(\.reason) == [.invalidKey])
        #expect(!report.isValid)
    }

    @Test func offlineDIDWebIsAClearFailedCheck() async throws {
        let key = Ed25519KeyPair.generate()
        let credential = try Self.issue(with: key, vm: Self.web.did + "#key-1")
        let report = await CredentialVerifier(clock: testClock).verify(credential)
        #expect(report.checks(.keyResolution).map(\.reason) == [.didWebUnavailable])
        #expect(report.checks(.proof).map(\.status) == [.skipped])
        #expect(!report.isValid)
    }

    @Test func unknownDIDMethodsAreReported() async throws {
        let key = Ed25519KeyPair.generate()
        let credential = try Self.issue(with: key, vm: "did:example:123#k")
        let report = await CredentialVerifier(clock: testClock).verify(credential)
        #expect(report.checks(.keyResolution).map(\.reason) == [.unsupportedDIDMethod])
    }

    @Test func validityUsesTheInjectedClock() async throws {
        let key = Ed25519KeyPair.generate()
        let signed = try DataIntegritySigner(clock: testClock).sign(SignVerifyPropertyTests.credential(issuer: key.didKey.did), key: key)
        let late = await CredentialVerifier(clock: FixedWallClock(DateTimeStamp.parse("2031-01-01T00:00:00Z")!)).verify(signed)
        #expect(late.failures.map(\.reason) == [.expired])
        let early = await CredentialVerifier(clock: FixedWallClock(DateTimeStamp.parse("2009-01-01T00:00:00Z")!)).verify(signed)
        #expect(early.failures.map(\.reason) == [.notYetValid])
    }
}
