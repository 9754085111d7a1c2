import Foundation

/// A user's role. Authorisation decisions are made from this (see the server's access policy).
public enum Role: String, Sendable, Codable, CaseIterable {
    case platformAdmin
    case orgAdmin
    case assessor
    case learner
    case employer
}

public struct User: Sendable, Codable, Hashable {
    public var id: UserID
    /// Stored lowercased; unique.
    public var email: String
    public var displayName: String
    /// bcrypt hash (`$2b$…`); never the password itself.
    public var passwordHash: String
    public var role: Role
    /// Platform admins may belong to no organisation.
    public var organisationID: OrganisationID?
    public var createdAt: Date

    public init(id: UserID, email: String, displayName: String, passwordHash: String, role: Role,
                organisationID: OrganisationID?, createdAt: Date) {
        self.id = id
        self.email = email.lowercased()
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.organisationID = organisationID
        self.createdAt = createdAt
    }
}
