import Foundation
import Logging
import SQLKit

/// A throw-away, fully isolated database for tests and tools: a fresh SQLite file in a temporary
/// directory, or a fresh schema in a PostgreSQL database (selected with `search_path`), so runs
/// never see each other's rows and can be repeated.
public struct ScratchDatabase: Sendable {
    public let location: DatabaseLocation
    private let destroyAction: @Sendable () async -> Void

    public enum Failure: Error, CustomStringConvertible {
        case postgresURLMissing
        case postgresUnreachable(String, underlying: String)

        public var description: String {
            switch self {
            case .postgresURLMissing:
                "PostgreSQL tests are required (EMPASS_REQUIRE_POSTGRES=1) but EMPASS_TEST_POSTGRES_URL is not set"
            case .postgresUnreachable(let url, let underlying):
                "PostgreSQL at \(url) is unreachable: \(underlying)"
            }
        }
    }

    public static func make(_ engine: DatabaseEngine, postgresURL: String?, logger: Logger = Logger(label: "empass.scratch")) async throws -> ScratchDatabase {
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("empass-scratch-\(UUID().uuidString.lowercased())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return ScratchDatabase(location: .sqlite(path: directory + "/empass.sqlite")) {
                try? FileManager.default.removeItem(atPath: directory)
            }
        case .postgres:
            guard let postgresURL, !postgresURL.isEmpty else { throw Failure.postgresURLMissing }
            // Generated from hex digits only, so it is safe to splice in as an identifier.
            let schema = "empass_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await withAdminConnection(postgresURL, logger: logger) { sql in
                try await sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
            }
            return ScratchDatabase(location: .postgres(url: postgresURL, searchPath: [schema])) {
                try? await withAdminConnection(postgresURL, logger: logger) { sql in
                    try await sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
                }
            }
        }
    }

    private init(location: DatabaseLocation, destroy: @escaping @Sendable () async -> Void) {
        self.location = location
        self.destroyAction = destroy
    }

    /// Deletes the file or drops the schema.
    public func destroy() async { await destroyAction() }

    private static func withAdminConnection(_ url: String, logger: Logger,
                                            _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let database = try await Database.open(.postgres(url: url), logger: logger, maxConnectionsPerEventLoop: 1)
        do {
            try await body(database.sql)
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw Failure.postgresUnreachable(DatabaseLocation.redactingPassword(url), underlying: String(reflecting: error))
        }
    }
}
