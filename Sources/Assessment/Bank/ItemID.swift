/// A stable, human-readable item identifier such as `teamwork-07`. It is the column name in the
/// calibration CSV, so it must not contain commas, quotes or line breaks (the validator checks).
public struct ItemID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CodingKeyRepresentable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var codingKey: any CodingKey { ItemIDCodingKey(stringValue: rawValue) }
    public init?<T: CodingKey>(codingKey: T) { self.rawValue = codingKey.stringValue }

    public var description: String { rawValue }

    public static func < (lhs: ItemID, rhs: ItemID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Allowed characters: letters, digits, `-`, `_`, `.`; 1–64 characters.
    public var isWellFormed: Bool {
        !rawValue.isEmpty && rawValue.count <= 64
            && rawValue.unicodeScalars.allSatisfy { scalar in
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                    || scalar == "-" || scalar == "_" || scalar == "."
            }
    }
}

private struct ItemIDCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
