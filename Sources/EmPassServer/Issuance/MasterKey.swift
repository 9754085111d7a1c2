import Crypto
import Foundation
import Storage

/// The key that seals issuer private keys at rest (AES-256-GCM). It never leaves memory: not in
/// logs (`description` shows only its id), not in responses, not in the database. `id` is a
/// fingerprint stored beside each sealed key, so a wrong master key is named as such instead of
/// failing as corrupt data.
public struct MasterKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let key: SymmetricKey
    public let id: String

    public init(bytes: [UInt8]) throws(MasterKeyError) {
        guard bytes.count == 32 else { throw .wrongLength(bytes.count) }
        key = SymmetricKey(data: bytes)
        let digest = SHA256.hash(data: Array("empass master key id:".utf8) + bytes)
        id = "mk-" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads 32 bytes written as 64 hex digits or as base64/base64url (padding optional).
    public init(text: String) throws(MasterKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let bytes = Self.hex(trimmed) {
            try self.init(bytes: bytes)
            return
        }
        var base64 = trimmed.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { throw .notEncoded }
        try self.init(bytes: [UInt8](data))
    }

    public var description: String { "MasterKey(\(id))" }
    public var debugDescription: String { description }

    /// nonce ‖ ciphertext ‖ tag, base64. `context` is authenticated, binding the sealed bytes to
    /// the row they belong to: a sealed key copied to another row does not open.
    public func seal(_ plaintext: [UInt8], context: String) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw MasterKeyError.sealFailed }
        return combined.base64EncodedString()
    }

    public func open(_ sealed: String, context: String, sealedBy masterKeyID: String) throws(MasterKeyError) -> [UInt8] {
        guard masterKeyID == id else { throw .wrongMasterKey(sealedBy: masterKeyID, configured: id) }
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Array(context.utf8)) else {
            throw .unsealFailed
        }
        return [UInt8](plain)
    }

    static func hex(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = high.hexDigitValue, let l = low.hexDigitValue else { return nil }
            bytes.append(UInt8(h << 4 | l))
        }
        return bytes
    }
}

public enum MasterKeyError: Error, Equatable, CustomStringConvertible {
    case missingInProduction
    case wrongLength(Int)
    case notEncoded
    case unreadableFile(path: String, reason: String)
    case sealFailed
    case unsealFailed
    case wrongMasterKey(sealedBy: String, configured: String)

    public var description: String {
        switch self {
        case .missingInProduction:
            "no master key: production mode needs EMPASS_MASTER_KEY (32 bytes, base64 or hex) or EMPASS_MASTER_KEY_FILE "
                + "(a file holding it); generate one with `openssl rand -base64 32`"
        case .wrongLength(let n): "the master key must be 32 bytes, not \(n)"
        case .notEncoded: "the master key is neither 64 hex digits nor base64"
        case .unreadableFile(let path, let reason): "cannot read the master key file \(path): \(reason)"
        case .sealFailed: "could not seal an issuer key"
        case .unsealFailed: "an issuer key could not be unsealed (altered data or a different master key)"
        case .wrongMasterKey(let sealedBy, let configured):
            "issuer keys were sealed with master key \(sealedBy) but \(configured) is configured"
        }
    }
}

/// Where the master key comes from: EMPASS_MASTER_KEY, else EMPASS_MASTER_KEY_FILE, else (demo
/// mode only) `<data dir>/master.key`, generated on first start with mode 0600.
enum MasterKeyLoader {
    static func load(config: AppConfig, random: any RandomSource) throws -> MasterKey {
        if let text = config.masterKey { return try MasterKey(text: text.value) }
        if let path = config.masterKeyFile { return try MasterKey(text: read(path)) }
        guard config.mode == .demo else { throw MasterKeyError.missingInProduction }
        let path = (config.dataDirectory as NSString).appendingPathComponent("master.key")
        if FileManager.default.fileExists(atPath: path) { return try MasterKey(text: read(path)) }
        return try generate(at: path, random: random)
    }

    private static func read(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw MasterKeyError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes a temporary file and links it into place: link(2) fails when another process won the
    /// race, and then both use the winner's key.
    private static func generate(at path: String, random: any RandomSource) throws -> MasterKey {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = Data(random.bytes(32)).base64EncodedString() + "\n"
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw MasterKeyError.unreadableFile(path: temporary, reason: "cannot create it")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        if link(temporary, path) != 0, errno != EEXIST {
            throw MasterKeyError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        return try MasterKey(text: read(path))
    }
}
