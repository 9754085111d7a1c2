import Foundation
import Logging
import Storage

/// The engines every contract test runs on: SQLite always; PostgreSQL when EMPASS_TEST_POSTGRES_URL
/// is set, or when EMPASS_REQUIRE_POSTGRES=1 (then a missing URL or an unreachable server FAILS the
/// PostgreSQL cases instead of skipping them — CI sets it).
enum TestEngines {
    static let environment = ProcessInfo.processInfo.environment
    static var postgresURL: String? { environment["EMPASS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var postgresRequired: Bool { environment["EMPASS_REQUIRE_POSTGRES"] == "1" }

    static var all: [DatabaseEngine] {
        postgresURL != nil || postgresRequired ? [.sqlite, .postgres] : [.sqlite]
    }

    /// Opens a fresh, migrated database, runs `body`, then destroys it.
    static func withStore(
        _ engine: DatabaseEngine, test: String = #function,
        _ body: (SQLStore, Database) async throws -> Void
    ) async throws {
        if engine == .postgres {
            // A line per PostgreSQL case so CI can count that they ran (grep -c EMPASS-POSTGRES-TEST).
            print("EMPASS-POSTGRES-TEST: StorageTests.\(test)")
        }
        var logger = Logger(label: "empass.tests")
        logger.logLevel = .warning
        let scratch = try await ScratchDatabase.make(engine, postgresURL: postgresURL, logger: logger)
        let database = try await Database.open(scratch.location, logger: logger)
        do {
            try await MigrationRunner(database: database, logger: logger).run()
            try await body(SQLStore(database: database, random: SeededRandomSource(seed: 42)), database)
            await database.shutdown()
            await scratch.destroy()
        } catch {
            await database.shutdown()
            await scratch.destroy()
            throw error
        }
    }
}

/// Builders of valid records, so each test states only what it cares about.
enum Fixtures {
    static let random = SeededRandomSource(seed: 7)
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func organisation(slug: String = "demo-vet", kind: OrganisationKind = .testCentre, at: Date = t0) -> Organisation {
        Organisation(id: .init(UUID.v7(at: at, random: random)), kind: kind, slug: slug, name: "Org \(slug)", country: "RO", createdAt: at)
    }

    static func user(email: String = "a@example.org", role: Role = .learner, organisation: OrganisationID? = nil, at: Date = t0) -> User {
        User(id: .init(UUID.v7(at: at, random: random)), email: email, displayName: "User \(email)",
             passwordHash: "$2b$04$notarealhashnotarealhashnotarealhashnotarealhashnot", role: role,
             organisationID: organisation, createdAt: at)
    }
}
