import Foundation

/// Keeps API tokens (hashes only).
public protocol ApiTokenStore: Sendable {
    /// Throws `StorageError.duplicate` when the hash exists.
    func insert(_ token: ApiToken) async throws
    func token(id: ApiTokenID) async throws -> ApiToken?
    func token(hash: String) async throws -> ApiToken?
    /// The token with this hash and the user it belongs to, in one round trip (every API request asks).
    func tokenAndUser(hash: String) async throws -> (ApiToken, User)?
    func tokens(userID: UserID) async throws -> [ApiToken]
    /// Marks the token revoked (idempotent: an earlier revocation time is kept).
    func revoke(id: ApiTokenID, at: Date) async throws
    /// Clears a revocation (used only to honour a configured `EMPASS_ADMIN_TOKEN`).
    func reinstate(id: ApiTokenID) async throws
    func countTokens() async throws -> Int
}
