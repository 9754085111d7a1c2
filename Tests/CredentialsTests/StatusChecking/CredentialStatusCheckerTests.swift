import Foundation
import Testing
import LinkedData
@testable import Credentials

/// Status lists served from memory; counts fetches so "each list once" can be checked.
actor InMemoryStatusLists: StatusListFetcher {
    var documents: [String: [UInt8]] = [:]
    var fetches: [String] = []
    init(_ documents: [String: [UInt8]] = [:]) { self.documents = documents }
    func fetchStatusList(at url: String) async throws -> [UInt8] {
        fetches.append(url)
        guard let bytes = documents[url] else { throw StatusFetchError.httpStatus(404) }
        return bytes
    }
}

@Suite struct CredentialStatusCheckerTests {
    static let issuerKey = try! Ed25519KeyPair(seed: [UInt8](repeating: 7, count: 32))
    static let otherKey = try! Ed25519KeyPair(seed: [UInt8](repeating: 9, count: 32))
    static let revocationURL = "https://issuer.example/status/r1"
    static let suspensionURL = "https://issuer.example/status/s1"
    static let clock = FixedWallClock(DateTimeStamp.parse("2026-01-01T00:00:00Z")!)
    static let verifier = CredentialVerifier(clock: clock)

    static func signedList(_ url: String, purpose: StatusPurpose, set: [Int], key: Ed25519KeyPair = issuerKey) throws -> [UInt8] {
        var bits = StatusBitstring()
        for i in set { try bits.setValue(1, at: i) }
        let list = BitstringStatusListCredential(id: url, issuer: key.didKey.did, purpose: purpose, bitstring: bits)
        let signed = try DataIntegritySigner(clock: clock).sign(list.unsigned(), key: key)
        return JSONSerializer.serializeBytes(signed)
    }

    static func credential(status: [JSONValue]) -> JSONObject {
        var o = JSONObject()
        o["@context"] = .array([.string("https://www.w3.org/ns/credentials/v2")])
        o["type"] = .array([.string("VerifiableCredential")])
        o["issuer"] = .string(issuerKey.didKey.did)
        o["credentialSubject"] = .object(JSONObject([("id", .string("did:example:learner"))]))
        if !status.isEmpty { o["credentialStatus"] = .array(status) }
        return o
    }

    static func entries(_ index: Int) -> [JSONValue] {
        [StatusListEntry.make(purpose: .revocation, index: index, listCredential: revocationURL).json,
         StatusListEntry.make(purpose: .suspension, index: index, listCredential: suspensionURL).json]
    }

    static func lists(revoked: [Int] = [], suspended: [Int] = []) throws -> InMemoryStatusLists {
        InMemoryStatusLists([revocationURL: try signedList(revocationURL, purpose: .revocation, set: revoked),
                             suspensionURL: try signedList(suspensionURL, purpose: .suspension, set: suspended)])
    }

    func check(_ credential: JSONObject, _ fetcher: any StatusListFetcher) async -> CredentialStatusReport {
        await CredentialStatusChecker(fetcher: fetcher, verifier: Self.verifier).check(credential)
    }

    @Test func activeWhenNoBitIsSet() async throws {
        let lists = try Self.lists(revoked: [41], suspended: [43])
        let report = await check(Self.credential(status: Self.entries(42)), lists)
        #expect(report.state == .active)
        #expect(report.entries.map(\.outcome) == [.clear, .clear])
        #expect(await lists.fetches.count == 2)
    }

    @Test func revokedAndSuspended() async throws {
        #expect(await check(Self.credential(status: Self.entries(42)), try Self.lists(revoked: [42])).state == .revoked)
        #expect(await check(Self.credential(status: Self.entries(42)), try Self.lists(suspended: [42])).state == .suspended)
        #expect(await check(Self.credential(status: Self.entries(42)), try Self.lists(revoked: [42], suspended: [42])).state == .revoked)
    }

    @Test func noStatusDeclared() async {
        #expect(await check(Self.credential(status: []), OfflineStatusListFetcher()).state == .noStatus)
    }

    @Test func offlineIsNeverActive() async {
        let report = await check(Self.credential(status: Self.entries(1)), OfflineStatusListFetcher())
        #expect(report.state == .couldNotCheck)
        #expect(report.problems.count == 2)
        #expect(report.problems.allSatisfy { $0.contains("offline") })
    }

    @Test func aSetBitIsConclusiveEvenWhenAnotherListIsUnreachable() async throws {
        let lists = InMemoryStatusLists([Self.revocationURL: try Self.signedList(Self.revocationURL, purpose: .revocation, set: [5])])
        #expect(await check(Self.credential(status: Self.entries(5)), lists).state == .revoked)
        let clear = InMemoryStatusLists([Self.revocationURL: try Self.signedList(Self.revocationURL, purpose: .revocation, set: [])])
        #expect(await check(Self.credential(status: Self.entries(5)), clear).state == .couldNotCheck)
    }

    @Test func aListSignedBySomeoneElseIsNotTrusted() async throws {
        let lists = InMemoryStatusLists([
            Self.revocationURL: try Self.signedList(Self.revocationURL, purpose: .revocation, set: [], key: Self.otherKey),
        ])
        let report = await check(Self.credential(status: [Self.entries(3)[0]]), lists)
        #expect(report.state == .couldNotCheck)
        #expect(report.problems.first?.contains("not by the credential's issuer") == true)
    }

    @Test func aTamperedListDoesNotVerify() async throws {
        var document = try JSONParser().parse(Self.signedList(Self.revocationURL, purpose: .revocation, set: [3]))
        var subject = document.objectValue!["credentialSubject"]!.objectValue!
        subject["encodedList"] = .string(StatusListEncoding.encode(StatusBitstring()))   // "un-revoke" everybody
        document = document.setting("credentialSubject", .object(subject))
        let lists = InMemoryStatusLists([Self.revocationURL: JSONSerializer.serializeBytes(document)])
        let report = await check(Self.credential(status: [Self.entries(3)[0]]), lists)
        #expect(report.state == .couldNotCheck)
        #expect(report.problems.first?.contains("did not verify") == true)
    }

    @Test func malformedEntriesAndUnknownTypesAreNotChecked() async throws {
        let lists = try Self.lists()
        let bad: JSONValue = .object(JSONObject([("type", .string("BitstringStatusListEntry")), ("statusPurpose", .string("revocation")),
                                                 ("statusListIndex", .string("-1")), ("statusListCredential", .string(Self.revocationURL))]))
        let other: JSONValue = .object(JSONObject([("type", .string("1EdTechRevocationList")), ("id", .string("https://x.example/r"))]))
        let report = await check(Self.credential(status: [bad, other]), lists)
        #expect(report.state == .couldNotCheck)
        #expect(report.entries.map(\.outcome) == [.notChecked, .notChecked])
        #expect(await lists.fetches.isEmpty)
    }

    @Test func indexOutsideTheList() async throws {
        let report = await check(Self.credential(status: [Self.entries(StatusBitstring.minimumBitCount)[0]]), try Self.lists())
        #expect(report.state == .couldNotCheck)
    }

    @Test func eachListIsFetchedOnce() async throws {
        let lists = try Self.lists()
        let many = (0..<5).map { StatusListEntry.make(purpose: .revocation, index: $0, listCredential: Self.revocationURL).json }
        #expect(await check(Self.credential(status: many), lists).state == .active)
        #expect(await lists.fetches == [Self.revocationURL])
    }

    @Test func reportChecksNeverSayValidWhenUnchecked() async {
        var report = VerificationReport()
        report.add(.proof, .pass, .ok, "signature")
        report.add(status: await check(Self.credential(status: Self.entries(1)), OfflineStatusListFetcher()))
        #expect(!report.isValid)
        #expect(report.checks(.status).map(\.reason) == [.statusNotChecked])
        var revoked = VerificationReport()
        revoked.add(status: CredentialStatusReport(state: .revoked, entries: []))
        #expect(revoked.failures.map(\.reason) == [.revoked])
    }
}
