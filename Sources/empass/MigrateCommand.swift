import ArgumentParser
import EmPassServer
import Logging
import Storage

/// `empass migrate`: apply pending migrations to the configured database and exit.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations and exit (the server also does this at start)."
    )

    func run() async throws {
        let config = try await AppConfig.load()
        var logger = Logger(label: "empass.migrate")
        logger.logLevel = config.logLevel
        let database = try await Database.open(config.database, logger: logger)
        do {
            let applied = try await MigrationRunner(database: database, logger: logger).run()
            print(applied.isEmpty
                  ? "\(config.database): up to date (\(EmPassMigrations.all.count) migrations)"
                  : "\(config.database): applied \(applied.map { "\($0.id) \($0.name)" }.joined(separator: ", "))")
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
