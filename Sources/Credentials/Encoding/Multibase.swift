/// Multibase (draft-multiformats-multibase): a one-character prefix names the encoding. Data
/// Integrity and Multikey use only base58btc (`z`); other prefixes are reported, not guessed.
public enum Multibase {
    public static func encodeBase58BTC<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        "z" + Base58.encode(bytes)
    }

    public static func decode(_ text: String) throws(MultibaseError) -> [UInt8] {
        guard let prefix = text.first else { throw .empty }
        guard prefix == "z" else { throw .unsupportedPrefix(prefix) }
        guard let bytes = Base58.decode(text.dropFirst()) else { throw .invalidBase58 }
        return bytes
    }
}

public enum MultibaseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unsupportedPrefix(Character)
    case invalidBase58

    public var description: String {
        switch self {
        case .empty: "empty multibase value"
        case .unsupportedPrefix(let c): "unsupported multibase prefix '\(c)' (only base58btc 'z' is used here)"
        case .invalidBase58: "multibase value contains characters outside the base58btc alphabet"
        }
    }
}
