import Foundation
import LinkedData

/// Locates ../shared/conformance relative to the package root (this file is
/// Tests/LinkedDataTests/ConformanceData.swift, so the root is three levels up), so the tests work
/// in any checkout that has the shared folder next to it.
enum ConformanceData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance").standardizedFileURL

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    static func json(_ relativePath: String) throws -> JSONValue {
        try JSONParser().parse(text(relativePath))
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }
}
