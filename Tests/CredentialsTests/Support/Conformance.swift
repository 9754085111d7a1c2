import Foundation
import LinkedData
@testable import Credentials

/// Finds ../shared/conformance from the package root (Tests/CredentialsTests/Support/File.swift →
/// four levels up), so tests work in any checkout that sits next to `shared/`.
enum Conformance {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.appendingPathComponent("../shared/conformance").standardizedFileURL
    static let vectors = root.appendingPathComponent("vc-di-eddsa/TestVectors")
    static let ob3 = root.appendingPathComponent("ob3-examples/validator-ob30")

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }
    static func json(_ url: URL) throws -> JSONValue { try JSONParser().parse(bytes(url)) }
    static func vector(_ path: String) -> URL { vectors.appendingPathComponent(path) }

    /// The W3C vectors' key pair (`keyPair.json`).
    static func vectorKey() throws -> Ed25519KeyPair { try Ed25519KeyPair(json: json(vector("keyPair.json"))) }

    static let vectorCreated = DateTimeStamp.parse("2023-02-24T23:36:38Z")!
}

/// A clock fixed at a moment inside every sample's validity period.
let testClock = FixedWallClock(DateTimeStamp.parse("2025-06-01T00:00:00Z")!)

extension JSONValue {
    /// Document with `key` set (testing helper).
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var o) = self else { return self }
        o[key] = value
        return .object(o)
    }
}
