import Foundation
import Logging
import SQLKit

/// Applies migrations in id order, each in its own transaction together with its row in
/// `schema_migrations`, so a failed migration leaves nothing behind and a rerun is a no-op.
public struct MigrationRunner: Sendable {
    public let database: Database
    public let migrations: [Migration]
    public let clock: any WallClock
    public let logger: Logger

    public init(database: Database, migrations: [Migration] = EmPassMigrations.all,
                clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "empass.migrations")) {
        precondition(Set(migrations.map(\.id)).count == migrations.count, "migration ids must be unique")
        precondition(migrations.map(\.id) == migrations.map(\.id).sorted(), "migrations must be listed in id order")
        self.database = database
        self.migrations = migrations
        self.clock = clock
        self.logger = logger
    }

    /// Ids and names already recorded in the database.
    public func applied() async throws -> [(id: Int, name: String)] {
        try await createHistoryTable()
        return try await database.sql.raw("SELECT id, name FROM schema_migrations ORDER BY id").all().map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self))
        }
    }

    /// Applies what is missing; returns the migrations applied by this call.
    @discardableResult
    public func run() async throws -> [Migration] {
        try await checkHistory()
        var appliedNow: [Migration] = []
        for migration in migrations {
            let engine = database.engine
            let clock = self.clock
            let didApply = try await database.transaction { session in
                if let lock = engine.migrationLock { try await session.raw(lock).run() }
                let existing = try await session.raw("SELECT id FROM schema_migrations WHERE id = \(bind: migration.id)").first()
                if existing != nil { return false }
                do {
                    try await migration.apply(session, engine)
                } catch {
                    throw StorageError.migrationFailed(id: migration.id, name: migration.name, reason: String(describing: error))
                }
                try await session.raw("""
                    INSERT INTO schema_migrations (id, name, applied_at)
                    VALUES (\(bind: migration.id), \(bind: migration.name), \(bind: Timestamp.format(clock.now())))
                    """).run()
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["migration.id": "\(migration.id)", "migration.name": "\(migration.name)"])
                appliedNow.append(migration)
            }
        }
        return appliedNow
    }

    private func createHistoryTable() async throws {
        try await database.sql.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                id BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """).run()
    }

    /// Refuses to start on a database migrated by a newer or different build.
    private func checkHistory() async throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.id, $0.name) })
        for record in try await applied() {
            guard let name = known[record.id] else {
                throw StorageError.migrationHistoryMismatch("database has migration \(record.id) (\(record.name)) unknown to this build")
            }
            guard name == record.name else {
                throw StorageError.migrationHistoryMismatch("migration \(record.id) is \(record.name) in the database but \(name) here")
            }
        }
    }
}
