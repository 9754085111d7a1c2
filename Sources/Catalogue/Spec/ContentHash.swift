import Crypto
import Foundation

/// SHA-256 over a canonical JSON encoding of a Codable value. Canonical here means: keys sorted,
/// no insignificant whitespace, slashes unescaped, dates as ISO 8601 strings. The same content
/// always yields the same hash on every platform running this code; it is an identity for
/// catalogue content, not a JSON-LD canonicalisation (credential proofs use RDFC/JCS instead).
enum ContentHash {
    static func sha256Hex<T: Encodable>(of value: T) -> String {
        let digest = SHA256.hash(data: canonicalJSON(value))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    static func canonicalJSON<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding our own value types cannot fail (no throwing custom encoders, no non-finite floats).
        return (try? encoder.encode(value)) ?? Data()
    }
}
