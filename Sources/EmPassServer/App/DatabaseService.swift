import ServiceLifecycle
import Storage

/// Keeps the connection pool open while the application runs and closes it on graceful shutdown
/// (SIGTERM/SIGINT), after the HTTP server has stopped taking requests.
struct DatabaseService: Service {
    let database: Database

    func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}
