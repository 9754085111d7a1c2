import Foundation

/// Keeps organisations' issuer keys (sealed). Keys are only added and retired, never deleted, so
/// a DID document can list every key an organisation has signed with.
public protocol IssuerKeyStore: Sendable {
    /// Adds a key. When `key` is active, the organisation's current active key (if any) is retired
    /// at `key.createdAt` in the same transaction: that is a rotation. Throws
    /// `StorageError.duplicate` when the fragment is taken, or when a concurrent writer made
    /// another key active first (the caller reads `activeIssuerKey` again).
    func addIssuerKey(_ key: IssuerKeyRecord) async throws
    func activeIssuerKey(organisationID: OrganisationID) async throws -> IssuerKeyRecord?
    /// Every key of the organisation, active and retired, oldest first.
    func issuerKeys(organisationID: OrganisationID) async throws -> [IssuerKeyRecord]
}
