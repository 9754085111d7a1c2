import Foundation

/// A link a learner made so someone else can see and verify one of their credentials
/// (`/verify/share/{token}`). Revoking it ends access; the row stays for the record.
public struct ShareLink: Sendable, Hashable, Codable {
    public var id: ShareLinkID
    /// The URL-safe random secret in the link. Kept as is (not hashed): it grants read access to
    /// one credential its owner chose to show, and the wallet must be able to show the link again.
    public var token: String
    public var credentialID: IssuedCredentialID
    public var ownerUserID: UserID
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: ShareLinkID, token: String, credentialID: IssuedCredentialID, ownerUserID: UserID,
                createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.token = token
        self.credentialID = credentialID
        self.ownerUserID = ownerUserID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

public typealias ShareLinkID = EntityID<ShareLink>
