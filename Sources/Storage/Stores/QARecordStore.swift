import Foundation

/// Keeps providers' quality-assurance records. A record may be corrected (replaced) until it is
/// withdrawn; a withdrawal is final and keeps the record, so past answers stay explainable.
public protocol QARecordStore: Sendable {
    /// Throws `StorageError.duplicate` when the id exists and `StorageError.notFound` when the
    /// provider organisation does not.
    func insert(_ record: ProviderQARecord) async throws
    /// Replaces a stored record (same id and provider). Throws `StorageError.notFound` when absent
    /// and `StorageError.immutable` when it was withdrawn. Withdrawal fields are not changed here.
    func replace(_ record: ProviderQARecord) async throws
    /// Marks a record withdrawn from `at` on. Throws `StorageError.notFound` when absent and
    /// `StorageError.immutable` when it is already withdrawn. Returns the stored record.
    @discardableResult
    func withdraw(id: QARecordID, at: Date, reason: String) async throws -> ProviderQARecord
    func qaRecord(id: QARecordID) async throws -> ProviderQARecord?
    /// One provider's records, by start of validity then id.
    func qaRecords(provider: OrganisationID) async throws -> [ProviderQARecord]
    /// Every provider's records (for catalogue-wide filters), by provider, start of validity, id.
    func allQARecords() async throws -> [ProviderQARecord]
    func countQARecords() async throws -> Int
}
