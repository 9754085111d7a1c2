import Foundation

/// A typed UUID: `EntityID<User>` and `EntityID<Organisation>` cannot be mixed up.
/// Encodes as the plain lowercase UUID string.
public struct EntityID<Entity>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a UUID: \(text)"))
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public typealias OrganisationID = EntityID<Organisation>
public typealias UserID = EntityID<User>
public typealias ApiTokenID = EntityID<ApiToken>
public typealias AuditEventID = EntityID<AuditEvent>
public typealias IssuerKeyID = EntityID<IssuerKeyRecord>
public typealias StatusListID = EntityID<StatusListRecord>
public typealias IssuedCredentialID = EntityID<IssuedCredentialRecord>
