import Foundation

/// A bearer token for machine clients. Only the SHA-256 of the secret is kept; the secret is shown once.
public struct ApiToken: Sendable, Codable, Hashable {
    public var id: ApiTokenID
    public var userID: UserID
    public var name: String
    public var tokenHash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public var isActive: Bool { revokedAt == nil }

    public init(id: ApiTokenID, userID: UserID, name: String, tokenHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
