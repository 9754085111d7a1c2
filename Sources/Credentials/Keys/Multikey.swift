/// Multikey encoding of Ed25519 keys (W3C Controlled Identifiers §Multikey): a multicodec varint
/// header (ed25519-pub 0xed → `ed 01`, ed25519-priv 0x1300 → `80 26`) followed by the 32 raw key
/// bytes, then multibase base58btc. Public keys therefore read `z6Mk…`, secret keys `z3u2…`.
public enum Multikey {
    static let ed25519PublicHeader: [UInt8] = [0xED, 0x01]
    static let ed25519SecretHeader: [UInt8] = [0x80, 0x26]

    public static func encodeEd25519PublicKey(_ raw: [UInt8]) -> String {
        Multibase.encodeBase58BTC(ed25519PublicHeader + raw)
    }

    public static func encodeEd25519SecretKey(_ seed: [UInt8]) -> String {
        Multibase.encodeBase58BTC(ed25519SecretHeader + seed)
    }

    /// The 32 raw public key bytes of a `z6Mk…` Multikey.
    public static func decodeEd25519PublicKey(_ multibase: String) throws(MultikeyError) -> [UInt8] {
        try decode(multibase, header: ed25519PublicHeader, kind: "Ed25519 public key")
    }

    /// The 32-byte seed of a `z3u2…` Multikey secret key.
    public static func decodeEd25519SecretKey(_ multibase: String) throws(MultikeyError) -> [UInt8] {
        try decode(multibase, header: ed25519SecretHeader, kind: "Ed25519 secret key")
    }

    private static func decode(_ multibase: String, header: [UInt8], kind: String) throws(MultikeyError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try Multibase.decode(multibase) } catch { throw .multibase(error) }
        guard bytes.count == header.count + 32, Array(bytes.prefix(header.count)) == header else {
            throw .notEd25519(expected: kind, prefix: Hex.encode(bytes.prefix(2)), length: bytes.count)
        }
        return Array(bytes.dropFirst(header.count))
    }
}

public enum MultikeyError: Error, Equatable, Sendable, CustomStringConvertible {
    case multibase(MultibaseError)
    case notEd25519(expected: String, prefix: String, length: Int)

    public var description: String {
        switch self {
        case .multibase(let e): "invalid Multikey: \(e)"
        case .notEd25519(let kind, let prefix, let length):
            "not an \(kind) Multikey (multicodec prefix 0x\(prefix), \(length) bytes; expected 34 bytes with the \(kind) header)"
        }
    }
}
