import Foundation
import Storage
import Testing

/// IssuanceBatchStore on both engines: a batch and its rows are stored together, rows come back
/// in row order, outcomes are recorded, completion is reported once, unfinished batches are listed.
@Suite("IssuanceBatchStore contract")
struct IssuanceBatchStoreContractTests {
    static func batch(_ organisation: OrganisationID, at: Date = Fixtures.t0, hash: String = "sha256:abc") -> IssuanceBatchRecord {
        IssuanceBatchRecord(id: .init(UUID()), organisationID: organisation, createdBy: nil, fileName: "results.csv",
                            contentHash: hash, rowCount: 3, createdAt: at)
    }

    static func rows(_ batch: IssuanceBatchID) -> [IssuanceBatchRow] {
        [
            IssuanceBatchRow(batchID: batch, number: 2, line: 3, learner: "b@example.org", inputJSON: "{}", state: .pending, updatedAt: Fixtures.t0),
            IssuanceBatchRow(batchID: batch, number: 1, line: 2, learner: "a@example.org", inputJSON: "{}", state: .pending, updatedAt: Fixtures.t0),
            IssuanceBatchRow(batchID: batch, number: 3, line: 5, learner: "did:bad", inputJSON: nil, state: .failed, reason: "not a DID",
                             updatedAt: Fixtures.t0),
        ]
    }

    @Test("store, read in order, record outcomes, complete once", arguments: TestEngines.all)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let organisation = Fixtures.organisation(slug: "batch-org", kind: .issuer)
            try await store.insert(organisation)
            let batch = Self.batch(organisation.id)
            try await store.insert(batch, rows: Self.rows(batch.id))
            #expect(try await store.batch(id: batch.id) == batch)
            #expect(try await store.rows(batchID: batch.id).map(\.number) == [1, 2, 3])
            #expect(try await store.counts(batchID: batch.id) == IssuanceBatchCounts(pending: 2, issued: 0, failed: 1))
            #expect(try await store.unfinishedBatches().map(\.id) == [batch.id])

            try await store.finishRow(batchID: batch.id, number: 1, IssuanceBatchRowOutcome(
                state: .failed, reasonCode: "level_out_of_range", reasonArguments: ["skill": "teamwork", "level": "9"]),
                at: Fixtures.t0.addingTimeInterval(1))
            try await store.finishRow(batchID: batch.id, number: 2, IssuanceBatchRowOutcome(state: .issued), at: Fixtures.t0)
            let first = try #require(try await store.rows(batchID: batch.id).first)
            #expect(first.state == .failed && first.reasonCode == "level_out_of_range" && first.updatedAt == Fixtures.t0.addingTimeInterval(1))
            #expect(try await store.counts(batchID: batch.id) == IssuanceBatchCounts(pending: 0, issued: 1, failed: 2))
            await #expect(throws: StorageError.self) {
                try await store.finishRow(batchID: batch.id, number: 99, IssuanceBatchRowOutcome(state: .issued), at: Fixtures.t0)
            }

            #expect(try await store.completeBatch(id: batch.id, at: Fixtures.t0.addingTimeInterval(5)))
            #expect(try await !store.completeBatch(id: batch.id, at: Fixtures.t0.addingTimeInterval(6)))
            #expect(try await store.batch(id: batch.id)?.completedAt == Fixtures.t0.addingTimeInterval(5))
            #expect(try await store.unfinishedBatches().isEmpty)
            try await store.reopenBatch(id: batch.id)
            #expect(try await store.batch(id: batch.id)?.state == .processing)
        }
    }

    @Test("a batch whose rows cannot all be stored is not stored at all; lists are per organisation, newest first",
          arguments: TestEngines.all)
    func atomicAndScoped(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let mine = Fixtures.organisation(slug: "mine", kind: .issuer), theirs = Fixtures.organisation(slug: "theirs", kind: .issuer)
            try await store.insert(mine)
            try await store.insert(theirs)
            let broken = Self.batch(mine.id)
            var rows = Self.rows(broken.id)
            rows.append(rows[0])   // the same row number twice: the primary key refuses it
            await #expect(throws: StorageError.self) { try await store.insert(broken, rows: rows) }
            #expect(try await store.batch(id: broken.id) == nil)
            #expect(try await store.rows(batchID: broken.id).isEmpty)

            let older = Self.batch(mine.id, at: Fixtures.t0, hash: "sha256:1")
            let newer = Self.batch(mine.id, at: Fixtures.t0.addingTimeInterval(60), hash: "sha256:2")
            let other = Self.batch(theirs.id, hash: "sha256:1")   // another organisation may upload the same file
            for batch in [older, newer, other] { try await store.insert(batch, rows: []) }
            // The same file twice for one organisation is refused, and found by its hash.
            await #expect(throws: StorageError.self) { try await store.insert(Self.batch(mine.id, hash: "sha256:2"), rows: []) }
            #expect(try await store.batch(organisationID: mine.id, contentHash: "sha256:2")?.id == newer.id)
            #expect(try await store.batch(organisationID: mine.id, contentHash: "sha256:none") == nil)
            #expect(try await store.batches(organisationID: mine.id, limit: 10).map(\.id) == [newer.id, older.id])
            #expect(try await store.batches(organisationID: theirs.id, limit: 10).map(\.id) == [other.id])
        }
    }
}
