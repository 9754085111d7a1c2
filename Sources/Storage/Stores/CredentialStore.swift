import Foundation

/// Keeps issued credentials and allocates their status indexes.
public protocol CredentialStore: Sendable {
    /// Issues one credential in ONE transaction: allocates a random, never used index in the
    /// organisation's open list for each purpose, calls `build` with them (it builds and signs the
    /// credential), and stores the record it returns. If `build` throws, or the process dies
    /// before the commit, nothing remains: no credential and no allocated index.
    /// `build` must return a record with `id == credentialID` and `organisationID == organisationID`.
    /// Throws `StorageError.duplicate` when `(organisationID, idempotencyKey)` is already taken.
    func issue(credentialID: IssuedCredentialID, organisationID: OrganisationID, idempotencyKey: String?,
               purposes: [StatusListPurpose], at date: Date,
               build: @escaping @Sendable ([StatusAllocation]) async throws -> IssuedCredentialRecord) async throws -> IssuedCredentialRecord
    func credential(id: IssuedCredentialID) async throws -> IssuedCredentialRecord?
    func credential(organisationID: OrganisationID, idempotencyKey: String) async throws -> IssuedCredentialRecord?
    /// A learner's credentials, newest first.
    func credentials(learnerUserID: UserID) async throws -> [IssuedCredentialRecord]
    /// An organisation's credentials, newest first, at most `limit`.
    func credentials(organisationID: OrganisationID, limit: Int) async throws -> [IssuedCredentialRecord]
    func countCredentials() async throws -> Int
}

/// Keeps status lists and the state of each allocated index.
public protocol StatusListStore: Sendable {
    func statusList(id: StatusListID) async throws -> StatusListRecord?
    func statusLists(organisationID: OrganisationID) async throws -> [StatusListRecord]
    /// Indexes of the list whose status is set (revoked or suspended), ascending.
    func setIndexes(listID: StatusListID) async throws -> [Int]
    /// Which of `entries` are set, in one query (a verifier asks for all of a credential's entries
    /// at once). Entries no credential holds are not set.
    func setEntries(among entries: [StatusAllocation]) async throws -> Set<StatusAllocation>
    /// How many indexes the list has given out.
    func allocatedCount(listID: StatusListID) async throws -> Int
    func statusEntries(credentialID: IssuedCredentialID) async throws -> [StatusEntryRecord]
    /// Sets or clears the credential's entry for `purpose`. Returns false when it already had that
    /// value (nothing changed). Throws `StorageError.notFound` when it has no such entry and
    /// `StorageError.immutable` when clearing a revocation (revocation is permanent).
    @discardableResult
    func setStatus(credentialID: IssuedCredentialID, purpose: StatusListPurpose, isSet: Bool, reason: String?,
                   at date: Date) async throws -> Bool
}

extension StatusListStore {
    /// Revoked wins over suspended; no set entry means active.
    public func credentialState(id: IssuedCredentialID) async throws -> CredentialState {
        let entries = try await statusEntries(credentialID: id)
        if entries.contains(where: { $0.allocation.purpose == .revocation && $0.isSet }) { return .revoked }
        if entries.contains(where: { $0.allocation.purpose == .suspension && $0.isSet }) { return .suspended }
        return .active
    }
}
