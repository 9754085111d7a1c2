import Foundation

/// A server-side login session. The cookie carries a random id; only its SHA-256 is stored, so a
/// database leak does not hand out live sessions.
public struct SessionRecord: Sendable, Hashable {
    public var idHash: String
    public var userID: UserID
    /// Synchroniser token every state-changing form of this session must echo.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(idHash: String, userID: UserID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
