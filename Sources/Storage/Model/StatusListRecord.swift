import Foundation

/// Why a status list exists. Storage keeps its own enum (it does not depend on Credentials); the
/// raw values are the Bitstring Status List `statusPurpose` strings.
public enum StatusListPurpose: String, Sendable, Codable, CaseIterable {
    case revocation, suspension
}

/// One status list of an organisation: `capacity` entries (the bitstring's length in bits).
public struct StatusListRecord: Sendable, Hashable {
    /// The smallest list Bitstring Status List 1.0 allows, and the size we publish.
    public static let standardCapacity = 131_072

    public var id: StatusListID
    public var organisationID: OrganisationID
    public var purpose: StatusListPurpose
    /// 1, 2, … per organisation and purpose.
    public var sequence: Int
    public var capacity: Int
    public var createdAt: Date
    /// When random allocation found the list crowded; sealed lists take no new entries.
    public var sealedAt: Date?
    /// Bumped with every change of one of its entries (revoke, suspend, unsuspend): the list's
    /// content is a function of (id, version), so it names the published list's ETag.
    public var version: Int

    public init(id: StatusListID, organisationID: OrganisationID, purpose: StatusListPurpose, sequence: Int,
                capacity: Int, createdAt: Date, sealedAt: Date? = nil, version: Int = 0) {
        self.id = id
        self.organisationID = organisationID
        self.purpose = purpose
        self.sequence = sequence
        self.capacity = capacity
        self.createdAt = createdAt
        self.sealedAt = sealedAt
        self.version = version
    }
}

/// An index given to a credential in one list.
public struct StatusAllocation: Sendable, Hashable, Codable {
    public var listID: StatusListID
    public var purpose: StatusListPurpose
    public var index: Int

    public init(listID: StatusListID, purpose: StatusListPurpose, index: Int) {
        self.listID = listID
        self.purpose = purpose
        self.index = index
    }
}

/// The stored state of one allocated index.
public struct StatusEntryRecord: Sendable, Hashable {
    public var allocation: StatusAllocation
    public var credentialID: IssuedCredentialID
    /// Revoked (revocation list) or suspended (suspension list).
    public var isSet: Bool
    public var reason: String?
    public var changedAt: Date?

    public init(allocation: StatusAllocation, credentialID: IssuedCredentialID, isSet: Bool = false,
                reason: String? = nil, changedAt: Date? = nil) {
        self.allocation = allocation
        self.credentialID = credentialID
        self.isSet = isSet
        self.reason = reason
        self.changedAt = changedAt
    }
}
