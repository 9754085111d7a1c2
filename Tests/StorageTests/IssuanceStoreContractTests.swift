import Foundation
import Logging
import Storage
import Testing

@Suite("Issuance stores")
struct IssuanceStoreContractTests {
    struct InjectedFailure: Error {}

    static func key(_ org: OrganisationID, fragment: String, status: IssuerKeyStatus = .active, at: Date = Fixtures.t0) -> IssuerKeyRecord {
        IssuerKeyRecord(id: .init(UUID.v7(at: at, random: Fixtures.random)), organisationID: org, fragment: fragment,
                        publicKeyMultibase: "z6Mk" + fragment, sealedPrivateKey: "sealed-" + fragment, masterKeyID: "mk1",
                        status: status, createdAt: at)
    }

    static func newCredentialID(at: Date = Fixtures.t0) -> IssuedCredentialID { .init(UUID.v7(at: at, random: Fixtures.random)) }

    /// Issues one credential whose JSON names its own allocations (what a signer would embed).
    static func issue(_ store: some CredentialStore, org: OrganisationID, learner: UserID? = nil, key: String? = nil,
                      purposes: [StatusListPurpose] = [.revocation, .suspension], at: Date = Fixtures.t0) async throws -> IssuedCredentialRecord {
        let id = newCredentialID(at: at)
        return try await store.issue(credentialID: id, organisationID: org, idempotencyKey: key, purposes: purposes, at: at) { allocations in
            IssuedCredentialRecord(id: id, organisationID: org, learnerUserID: learner, subjectID: "did:example:learner",
                                   specID: "empass-employability", specVersion: 1,
                                   credentialJSON: #"{"id":"urn:uuid:\#(id)","status":"\#(allocations.map { "\($0.purpose.rawValue)#\($0.index)" }.joined(separator: ","))"}"#,
                                   issuedAt: at, requestHash: "h")
        }
    }

    /// Runs `count` operations with at most `inFlight` running at once; results in completion order.
    static func concurrently<R: Sendable>(_ count: Int, inFlight: Int,
                                          _ body: @escaping @Sendable (Int) async throws -> R) async throws -> [R] {
        try await withThrowingTaskGroup(of: R.self) { group in
            var started = 0
            var results: [R] = []
            while started < min(inFlight, count) { let i = started; group.addTask { try await body(i) }; started += 1 }
            while let result = try await group.next() {
                results.append(result)
                if started < count { let i = started; group.addTask { try await body(i) }; started += 1 }
            }
            return results
        }
    }

    @Test("issuer keys: one active per organisation; rotation retires the old key and keeps it", arguments: TestEngines.all)
    func issuerKeysRotate(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            let other = Fixtures.organisation(slug: "other", kind: .issuer)
            try await store.insert(org)
            try await store.insert(other)
            #expect(try await store.activeIssuerKey(organisationID: org.id) == nil)
            let first = Self.key(org.id, fragment: "key-1")
            try await store.addIssuerKey(first)
            try await store.addIssuerKey(Self.key(other.id, fragment: "key-1"))
            #expect(try await store.activeIssuerKey(organisationID: org.id) == first)

            let later = Fixtures.t0.addingTimeInterval(60)
            let second = Self.key(org.id, fragment: "key-2", at: later)
            try await store.addIssuerKey(second)
            #expect(try await store.activeIssuerKey(organisationID: org.id) == second)
            var retired = first
            retired.status = .retired
            retired.retiredAt = later
            #expect(try await store.issuerKeys(organisationID: org.id) == [retired, second])

            await #expect(throws: StorageError.duplicate("issuer key key-2 of organisation \(org.id)")) {
                try await store.addIssuerKey(Self.key(org.id, fragment: "key-2", at: later.addingTimeInterval(1)))
            }
            // The failed insert rolled its retirement back: key-2 is still the active key.
            #expect(try await store.activeIssuerKey(organisationID: org.id) == second)
            #expect(try await store.issuerKeys(organisationID: other.id).count == 1)
        }
    }

    @Test("issue allocates one index per purpose and stores the credential with them", arguments: TestEngines.all)
    func issueRoundTrip(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(org)
            let learner = Fixtures.user(email: "l@example.org")
            try await store.insert(learner)
            let issued = try await Self.issue(store, org: org.id, learner: learner.id, key: "k-1")
            #expect(issued.statusEntries.map(\.purpose) == [.revocation, .suspension])
            #expect(issued.statusEntries.allSatisfy { (0..<StatusListRecord.standardCapacity).contains($0.index) })
            #expect(issued.credentialJSON.contains("revocation#\(issued.statusEntries[0].index)"))
            #expect(try await store.credential(id: issued.id) == issued)
            #expect(try await store.credential(organisationID: org.id, idempotencyKey: "k-1") == issued)
            #expect(try await store.credentials(learnerUserID: learner.id) == [issued])
            #expect(try await store.credentials(organisationID: org.id, limit: 10) == [issued])

            let lists = try await store.statusLists(organisationID: org.id)
            #expect(lists.map(\.purpose) == [.revocation, .suspension])
            #expect(lists.allSatisfy { $0.sequence == 1 && $0.capacity == StatusListRecord.standardCapacity && $0.sealedAt == nil })
            for list in lists { #expect(try await store.allocatedCount(listID: list.id) == 1) }
            #expect(try await store.credentialState(id: issued.id) == .active)
        }
    }

    @Test("a failure while signing leaves no credential and no allocated index", arguments: TestEngines.all)
    func failureRollsBack(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(org)
            let id = Self.newCredentialID()
            await #expect(throws: InjectedFailure.self) {
                _ = try await store.issue(credentialID: id, organisationID: org.id, idempotencyKey: "k", purposes: [.revocation, .suspension],
                                          at: Fixtures.t0) { _ in throw InjectedFailure() }
            }
            #expect(try await store.credential(id: id) == nil)
            #expect(try await store.countCredentials() == 0)
            #expect(try await store.statusEntries(credentialID: id).isEmpty)
            // Even the lists opened for it were rolled back.
            #expect(try await store.statusLists(organisationID: org.id).isEmpty)
            // The idempotency key was not consumed either.
            let issued = try await Self.issue(store, org: org.id, key: "k")
            #expect(try await store.credential(organisationID: org.id, idempotencyKey: "k") == issued)
            for list in try await store.statusLists(organisationID: org.id) {
                #expect(try await store.allocatedCount(listID: list.id) == 1)
            }
        }
    }

    @Test("an idempotency key is used once per organisation; a second use stores nothing", arguments: TestEngines.all)
    func idempotencyKeyIsUnique(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            let other = Fixtures.organisation(slug: "other", kind: .issuer)
            try await store.insert(org)
            try await store.insert(other)
            let first = try await Self.issue(store, org: org.id, key: "same")
            await #expect(throws: StorageError.self) { _ = try await Self.issue(store, org: org.id, key: "same") }
            #expect(try await store.countCredentials() == 1)
            for list in try await store.statusLists(organisationID: org.id) {
                #expect(try await store.allocatedCount(listID: list.id) == 1)
            }
            // Another organisation may use the same key; no key at all is never a conflict.
            _ = try await Self.issue(store, org: other.id, key: "same")
            _ = try await Self.issue(store, org: org.id)
            _ = try await Self.issue(store, org: org.id)
            #expect(try await store.countCredentials() == 4)
            #expect(try await store.credential(organisationID: org.id, idempotencyKey: "same") == first)
        }
    }

    @Test("1,000 concurrent issuances get 1,000 distinct indexes in each purpose", arguments: TestEngines.all)
    func concurrentAllocationsAreDistinct(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(org)
            // 1,000 issuances, 100 in flight at any moment: enough to race on every list and
            // index, without queueing 1,000 requests on a pool whose waits time out at 10 s when
            // the whole suite runs in parallel on two cores.
            let issued = try await Self.concurrently(1_000, inFlight: 100) { _ in try await Self.issue(store, org: org.id) }
            #expect(issued.count == 1_000)
            for purpose in StatusListPurpose.allCases {
                let allocations = issued.flatMap(\.statusEntries).filter { $0.purpose == purpose }
                #expect(allocations.count == 1_000)
                #expect(Set(allocations.map { "\($0.listID)#\($0.index)" }).count == 1_000)
            }
            #expect(try await store.countCredentials() == 1_000)
        }
    }

    @Test("two processes sharing one database never hand out the same index", arguments: TestEngines.all)
    func twoPoolsAllocateDistinctIndexes(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, database in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(org)
            // A second pool on the same database, with its own random source: another process.
            var logger = Logger(label: "empass.tests.second")
            logger.logLevel = .warning
            let secondDatabase = try await Database.open(database.location, logger: logger)
            let second = SQLStore(database: secondDatabase, random: SeededRandomSource(seed: 4242))
            do {
                let issued = try await Self.concurrently(300, inFlight: 60) { i in
                    try await Self.issue(i % 2 == 0 ? store : second, org: org.id, purposes: [.revocation])
                }
                let allocations = issued.flatMap(\.statusEntries)
                #expect(Set(allocations.map { "\($0.listID)#\($0.index)" }).count == 300)
                let lists = try await store.statusLists(organisationID: org.id)
                #expect(lists.count == 1, "\(lists)")
            } catch {
                await secondDatabase.shutdown()
                throw error
            }
            await secondDatabase.shutdown()
        }
    }

    @Test("a crowded list is sealed and the next one opened; no index is given twice", arguments: TestEngines.all)
    func crowdedListsRollOver(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            var small = store
            small.statusListCapacity = 16
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await small.insert(org)
            var issued: [IssuedCredentialRecord] = []
            for _ in 0..<40 { issued.append(try await Self.issue(small, org: org.id, purposes: [.revocation])) }
            let allocations = issued.flatMap(\.statusEntries)
            #expect(Set(allocations.map { "\($0.listID)#\($0.index)" }).count == 40)
            #expect(allocations.allSatisfy { (0..<16).contains($0.index) })
            let lists = try await small.statusLists(organisationID: org.id)
            #expect(lists.count >= 3)
            #expect(lists.map(\.sequence) == Array(1...lists.count))
            #expect(lists.dropLast().allSatisfy { $0.sealedAt != nil })
            #expect(lists.last?.sealedAt == nil)
            for list in lists { #expect(try await small.allocatedCount(listID: list.id) <= 16) }
        }
    }

    @Test("suspend, unsuspend and revoke; revocation is permanent", arguments: TestEngines.all)
    func statusChanges(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(org)
            let a = try await Self.issue(store, org: org.id)
            let b = try await Self.issue(store, org: org.id)
            let t1 = Fixtures.t0.addingTimeInterval(10)
            let suspension = try #require(a.statusEntries.first { $0.purpose == .suspension })
            let revocation = try #require(a.statusEntries.first { $0.purpose == .revocation })

            #expect(try await store.setStatus(credentialID: a.id, purpose: .suspension, isSet: true, reason: "under review", at: t1))
            #expect(try await store.setStatus(credentialID: a.id, purpose: .suspension, isSet: true, reason: "again", at: t1) == false)
            #expect(try await store.credentialState(id: a.id) == .suspended)
            #expect(try await store.credentialState(id: b.id) == .active)
            #expect(try await store.setIndexes(listID: suspension.listID) == [suspension.index])
            let other = try #require(b.statusEntries.first { $0.purpose == .suspension })
            // An index nobody holds is not set.
            let free = try #require((0..<3).first { ![suspension.index, other.index].contains($0) })
            let nobody = StatusAllocation(listID: suspension.listID, purpose: .suspension, index: free)
            // One query answers for all of them.
            #expect(try await store.setEntries(among: [suspension, revocation, other, nobody]) == [suspension])
            let entry = try #require(try await store.statusEntries(credentialID: a.id).first { $0.allocation.purpose == .suspension })
            #expect(entry.reason == "under review" && entry.changedAt == t1 && entry.isSet)

            #expect(try await store.setStatus(credentialID: a.id, purpose: .suspension, isSet: false, reason: "cleared", at: t1))
            #expect(try await store.credentialState(id: a.id) == .active)
            #expect(try await store.setIndexes(listID: suspension.listID).isEmpty)
            #expect(try await store.setEntries(among: [suspension]).isEmpty)

            #expect(try await store.setStatus(credentialID: a.id, purpose: .revocation, isSet: true, reason: "fraud", at: t1))
            #expect(try await store.credentialState(id: a.id) == .revoked)
            #expect(try await store.setIndexes(listID: revocation.listID) == [revocation.index])
            #expect(try await store.setEntries(among: [revocation, suspension]) == [revocation])
            await #expect(throws: StorageError.immutable("credential \(a.id) is revoked; revocation is permanent")) {
                try await store.setStatus(credentialID: a.id, purpose: .revocation, isSet: false, reason: nil, at: t1)
            }
            let missing = Self.newCredentialID()
            await #expect(throws: StorageError.notFound("revocation entry of credential \(missing)")) {
                try await store.setStatus(credentialID: missing, purpose: .revocation, isSet: true, reason: nil, at: t1)
            }
        }
    }
}
