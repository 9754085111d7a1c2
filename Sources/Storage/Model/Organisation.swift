import Foundation

/// What an organisation is on the platform; decides what it may do (issue, test, employ, assure).
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    case testCentre
    case issuer
    case employer
    case youthOrganisation
    case qaBody
}

public struct Organisation: Sendable, Codable, Hashable {
    public var id: OrganisationID
    public var kind: OrganisationKind
    /// URL-safe unique handle, used in `/orgs/{slug}/did.json`.
    public var slug: String
    public var name: String
    /// ISO 3166-1 alpha-2 country code.
    public var country: String
    public var createdAt: Date

    public init(id: OrganisationID, kind: OrganisationKind, slug: String, name: String, country: String, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.slug = slug
        self.name = name
        self.country = country
        self.createdAt = createdAt
    }
}
