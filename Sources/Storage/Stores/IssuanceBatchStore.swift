import Foundation

/// Bulk-issuance batches and their rows.
public protocol IssuanceBatchStore: Sendable {
    /// Stores the batch and all its rows in one transaction (all or nothing); `StorageError.duplicate`
    /// when the organisation already has a batch of the same content.
    func insert(_ batch: IssuanceBatchRecord, rows: [IssuanceBatchRow]) async throws
    func batch(id: IssuanceBatchID) async throws -> IssuanceBatchRecord?
    /// The organisation's batch of the file with this content hash (one at most: `insert` throws
    /// `StorageError.duplicate` for a second).
    func batch(organisationID: OrganisationID, contentHash: String) async throws -> IssuanceBatchRecord?
    /// The organisation's batches, newest first.
    func batches(organisationID: OrganisationID, limit: Int) async throws -> [IssuanceBatchRecord]
    /// Batches not yet completed, oldest first (resumed at start).
    func unfinishedBatches() async throws -> [IssuanceBatchRecord]
    /// The batch's rows in row order.
    func rows(batchID: IssuanceBatchID) async throws -> [IssuanceBatchRow]
    func counts(batchID: IssuanceBatchID) async throws -> IssuanceBatchCounts
    /// Records a row's outcome with its reason code; drops the row's input unless `keepsInput`.
    func finishRow(batchID: IssuanceBatchID, number: Int, _ outcome: IssuanceBatchRowOutcome, at date: Date) async throws
    /// Puts failed rows whose outcome kept their input (a transient failure) back to pending;
    /// returns how many.
    func retryKeptRows(batchID: IssuanceBatchID, at date: Date) async throws -> Int
    /// Marks the batch completed (returns false when it already was, so completion is reported once).
    func completeBatch(id: IssuanceBatchID, at date: Date) async throws -> Bool
    /// Marks a completed batch processing again (an operator re-running it; tests simulate an interruption).
    func reopenBatch(id: IssuanceBatchID) async throws
}
