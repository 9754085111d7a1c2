import Foundation

/// Where a stored specification version is in its life (mirrors `Catalogue.SpecStatus`; Storage
/// does not depend on the Catalogue library, it keeps the content as the JSON text given to it).
public enum SpecVersionStatus: String, Sendable, Codable, CaseIterable {
    case draft, published, retired
}

/// One stored version of a micro-credential specification. Only a draft may be replaced; a
/// published or retired row never changes (`SpecStore.replaceDraft` refuses, and so does the database).
public struct SpecVersionRecord: Sendable, Hashable {
    /// The specification's stable slug, e.g. `empass-employability`.
    public var specID: String
    public var version: Int
    public var status: SpecVersionStatus
    /// The issuer organisation that owns the specification (nil: the platform itself, e.g. the flagship).
    public var organisationID: OrganisationID?
    public var publishedAt: Date?
    public var retiredAt: Date?
    public var previousVersion: Int?
    /// The whole version as JSON text (the Catalogue encoding), stored verbatim.
    public var contentJSON: String
    /// SHA-256 (hex) of the canonical content, as computed by the Catalogue library.
    public var contentHash: String
    public var createdAt: Date

    public init(specID: String, version: Int, status: SpecVersionStatus, organisationID: OrganisationID? = nil,
                publishedAt: Date? = nil, retiredAt: Date? = nil, previousVersion: Int? = nil,
                contentJSON: String, contentHash: String, createdAt: Date) {
        self.specID = specID
        self.version = version
        self.status = status
        self.organisationID = organisationID
        self.publishedAt = publishedAt
        self.retiredAt = retiredAt
        self.previousVersion = previousVersion
        self.contentJSON = contentJSON
        self.contentHash = contentHash
        self.createdAt = createdAt
    }
}
