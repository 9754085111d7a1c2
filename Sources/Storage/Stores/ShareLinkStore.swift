import Foundation

/// Share links for wallet credentials.
public protocol ShareLinkStore: Sendable {
    /// Inserts a new link (`StorageError.duplicate` if the token or id exists).
    func insert(_ link: ShareLink) async throws
    func shareLink(token: String) async throws -> ShareLink?
    func shareLink(id: ShareLinkID) async throws -> ShareLink?
    /// The owner's links, newest first.
    func shareLinks(ownerUserID: UserID) async throws -> [ShareLink]
    /// Marks the link revoked (idempotent: an already revoked link keeps its first time).
    func revokeShareLink(id: ShareLinkID, at date: Date) async throws
}
