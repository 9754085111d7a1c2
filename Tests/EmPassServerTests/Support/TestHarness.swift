import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
@testable import EmPassServer

/// Collects what the application prints once (the seeded passwords).
final class Announcements: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}

/// The seeded demo accounts, parsed from the one-time announcement.
struct SeededAccounts: Sendable {
    let byRole: [Role: (email: String, password: String)]

    init(_ text: String) {
        var byRole: [Role: (String, String)] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3, let role = Role(rawValue: String(fields[0])) {
                byRole[role] = (String(fields[1]), String(fields[2]))
            }
        }
        self.byRole = byRole
    }

    subscript(_ role: Role) -> (email: String, password: String) { byRole[role]! }
}

/// A running test application plus direct access to its database for before/after counts.
struct TestApp: Sendable {
    let client: any TestClientProtocol
    let accounts: SeededAccounts
    let store: SQLStore
    let clock: ManualWallClock

    /// Counts of the rows bad requests must never change.
    func counts() async throws -> [String: Int] {
        [
            "organisations": try await store.countOrganisations(), "users": try await store.countUsers(),
            "sessions": try await store.countSessions(), "apiTokens": try await store.countTokens(),
            "specVersions": try await store.countSpecVersions(),
        ]
    }
}

enum TestHarness {
    static let adminToken = "test-admin-token-0123456789abcdef"
    /// A fixed master key, so test apps never generate one under ./data.
    static let masterKeyHex = String(repeating: "5e", count: 32)

    static func config(_ location: DatabaseLocation, adminToken: String? = nil, maxBodyBytes: Int = 64 * 1024) throws -> AppConfig {
        // Two connections per thread keep many parallel test apps under PostgreSQL's connection limit.
        try AppConfig(httpPort: 0, maxBodyBytes: maxBodyBytes, database: location, databaseConnectionsPerThread: 2, adminToken: adminToken,
                      bcryptCost: 4, logLevel: .warning, masterKey: SecretText(masterKeyHex))
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "empass.tests")
        logger.logLevel = .critical
        return logger
    }

    /// A fresh database (SQLite file or PostgreSQL schema), destroyed afterwards.
    @discardableResult
    static func withScratch<R>(_ engine: DatabaseEngine, test: String, _ body: (DatabaseLocation) async throws -> R) async throws -> R {
        if engine == .postgres { print("EMPASS-POSTGRES-TEST: EmPassServerTests.\(test)") }
        let scratch = try await ScratchDatabase.make(engine, postgresURL: TestEngines.postgresURL, logger: quietLogger)
        do {
            let result = try await body(scratch.location)
            await scratch.destroy()
            return result
        } catch {
            await scratch.destroy()
            throw error
        }
    }

    /// Builds the real application on `location` and runs `body` against it over HTTP.
    static func run<R: Sendable>(
        on location: DatabaseLocation, setup: TestingSetup = .router, adminToken: String? = TestHarness.adminToken,
        maxBodyBytes: Int = 64 * 1024, clock: ManualWallClock = ManualWallClock(Date()),
        announcements: Announcements = Announcements(),
        configureServices: @Sendable (inout AppServices) -> Void = { _ in },
        _ body: @escaping @Sendable (TestApp) async throws -> R
    ) async throws -> R {
        let app = try await buildApplication(
            config: config(location, adminToken: adminToken, maxBodyBytes: maxBodyBytes), clock: clock,
            logger: quietLogger, announce: { announcements.append($0) }, configureServices: configureServices
        )
        let accounts = SeededAccounts(announcements.all.first ?? "")
        let database = try await Database.open(location, logger: quietLogger, maxConnectionsPerEventLoop: 1)
        do {
            let result = try await app.test(setup) { client in
                try await body(TestApp(client: client, accounts: accounts, store: SQLStore(database: database), clock: clock))
            }
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// The usual case: a fresh database on `engine` and the app on it.
    static func withApp<R: Sendable>(
        _ engine: DatabaseEngine, test: String = #function, setup: TestingSetup = .router, maxBodyBytes: Int = 64 * 1024,
        configureServices: @Sendable (inout AppServices) -> Void = { _ in },
        _ body: @escaping @Sendable (TestApp) async throws -> R
    ) async throws -> R {
        try await withScratch(engine, test: test) { location in
            try await run(on: location, setup: setup, maxBodyBytes: maxBodyBytes, configureServices: configureServices, body)
        }
    }
}
