import Foundation
import SQLKit
import Storage
import Testing

@Suite("Migrations")
struct MigrationContractTests {
    @Test("applies every migration once and is idempotent", arguments: TestEngines.all)
    func appliesOnceAndIsIdempotent(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { _, database in
            let runner = MigrationRunner(database: database)
            let applied = try await runner.applied()
            #expect(applied.map(\.id) == EmPassMigrations.all.map(\.id))
            #expect(try await runner.run().isEmpty)
            #expect(try await runner.applied().count == EmPassMigrations.all.count)
        }
    }

    @Test("refuses a database migrated by an unknown build", arguments: TestEngines.all)
    func refusesUnknownHistory(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { _, database in
            try await database.sql.raw("""
                INSERT INTO schema_migrations (id, name, applied_at) VALUES (\(bind: 9999), \(bind: "from the future"), \(bind: "2030-01-01T00:00:00.000Z"))
                """).run()
            await #expect(throws: StorageError.self) { try await MigrationRunner(database: database).run() }
        }
    }

    @Test("a failing migration leaves neither its changes nor its history row", arguments: TestEngines.all)
    func failingMigrationRollsBack(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { _, database in
            let broken = Migration(id: 1000, name: "half done", sql: [
                "CREATE TABLE half_done (id TEXT PRIMARY KEY)",
                "INSERT INTO no_such_table VALUES (1)",
            ])
            let runner = MigrationRunner(database: database, migrations: EmPassMigrations.all + [broken])
            await #expect(throws: StorageError.self) { try await runner.run() }
            let recorded = try await runner.applied().map { $0.id }
            #expect(!recorded.contains(1000))
            // The table from the first statement was rolled back with the transaction.
            await #expect(throws: (any Error).self) { try await database.sql.raw("SELECT COUNT(*) AS n FROM half_done").first() }
        }
    }

    @Test("a transaction that throws commits nothing", arguments: TestEngines.all)
    func transactionRollsBack(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, database in
            let organisation = Fixtures.organisation()
            await #expect(throws: Boom.self) {
                try await database.transaction { session in
                    try await session.raw("""
                        INSERT INTO organisations (id, kind, slug, name, country, created_at)
                        VALUES (\(bind: organisation.id.description), 'issuer', 'x', 'X', 'GR', '2030-01-01T00:00:00.000Z')
                        """).run()
                    throw Boom()
                }
            }
            let count = try await store.countOrganisations()
            #expect(count == 0)
        }
    }
}

private struct Boom: Error {}

@Suite("Database location")
struct DatabaseLocationTests {
    @Test func defaultsToSQLiteInTheDataDirectory() throws {
        #expect(try DatabaseLocation.parse(url: nil, dataDirectory: "./data") == .sqlite(path: "./data/empass.sqlite"))
        #expect(try DatabaseLocation.parse(url: "", dataDirectory: "/srv") == .sqlite(path: "/srv/empass.sqlite"))
    }

    @Test func recognisesPostgresAndSQLiteURLs() throws {
        #expect(try DatabaseLocation.parse(url: "postgres://u@h:5432/db", dataDirectory: ".").engine == .postgres)
        #expect(try DatabaseLocation.parse(url: "postgresql://u@h/db", dataDirectory: ".").engine == .postgres)
        #expect(try DatabaseLocation.parse(url: "sqlite:///tmp/x.sqlite", dataDirectory: ".") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(throws: StorageError.self) { try DatabaseLocation.parse(url: "mysql://h/db", dataDirectory: ".") }
    }

    @Test func neverShowsThePassword() throws {
        let location = try DatabaseLocation.parse(url: "postgres://empass:s3cret@db:5432/empass", dataDirectory: ".")
        #expect(!location.description.contains("s3cret"))
    }
}
