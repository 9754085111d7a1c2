import Crypto
import LinkedData

/// SHA-256 / SHA-384 of bytes, for callers (the CLI, the server) that should not import Crypto.
public enum ContentDigest {
    public static func digest(_ bytes: [UInt8], algorithm: RDFCanonicalizer.HashAlgorithm = .sha256) -> [UInt8] {
        switch algorithm {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha384: Array(SHA384.hash(data: bytes))
        }
    }
}
