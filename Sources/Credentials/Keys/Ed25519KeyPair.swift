import Crypto
import LinkedData

/// An Ed25519 signing key with its Multikey names. Its JSON form is the W3C vc-di-eddsa
/// `keyPair.json` (`publicKeyMultibase` z6Mk…, `secretKeyMultibase` z3u2…; the vectors spell the
/// latter `privateKeyMultibase`, which `init(json:)` also reads).
public struct Ed25519KeyPair: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// A fresh key from the system's secure random source (swift-crypto / BoringSSL).
    public static func generate() -> Ed25519KeyPair {
        Ed25519KeyPair(privateKey: Curve25519.Signing.PrivateKey())
    }

    /// A key from its 32-byte seed (RFC 8032 private key).
    public init(seed: [UInt8]) throws(KeyPairError) {
        do { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed) } catch {
            throw .invalidSeed
        }
    }

    /// Reads the keyPair.json form. When both keys are present they must match.
    public init(json: JSONValue) throws(KeyPairError) {
        guard case .object(let object) = json else { throw .notAnObject }
        guard let secret = (object["secretKeyMultibase"] ?? object["privateKeyMultibase"])?.stringValue else {
            throw .missingSecretKey
        }
        let seed: [UInt8]
        do { seed = try Multikey.decodeEd25519SecretKey(secret) } catch { throw .multikey(error) }
        try self.init(seed: seed)
        if let published = object["publicKeyMultibase"]?.stringValue, published != publicKeyMultibase {
            throw .publicKeyMismatch
        }
    }

    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }
    public var publicKeyBytes: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }
    public var publicKeyMultibase: String { Multikey.encodeEd25519PublicKey(publicKeyBytes) }
    public var secretKeyMultibase: String { Multikey.encodeEd25519SecretKey(seed) }

    /// did:key of the public key, `did:key:z6Mk…`.
    public var didKey: DIDKey { DIDKey(publicKey: publicKeyBytes) }

    /// The keyPair.json form. Contains the secret key: callers decide where it may go.
    public var json: JSONValue {
        .object(JSONObject([
            ("publicKeyMultibase", .string(publicKeyMultibase)),
            ("secretKeyMultibase", .string(secretKeyMultibase)),
        ]))
    }

    /// Ed25519 signature over `message` (deterministic, RFC 8032).
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }
}

public enum KeyPairError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnObject
    case missingSecretKey
    case invalidSeed
    case multikey(MultikeyError)
    case publicKeyMismatch

    public var description: String {
        switch self {
        case .notAnObject: "key file is not a JSON object"
        case .missingSecretKey: "key file has no secretKeyMultibase (or privateKeyMultibase)"
        case .invalidSeed: "Ed25519 secret key must be a 32-byte seed"
        case .multikey(let e): "key file: \(e)"
        case .publicKeyMismatch: "key file's publicKeyMultibase does not belong to its secret key"
        }
    }
}
