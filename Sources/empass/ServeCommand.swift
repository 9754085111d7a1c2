import ArgumentParser
import Configuration
import EmPassServer
import Logging

/// `empass serve`: read configuration, build the application, run it until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the EmPass web server.",
        discussion: """
            Configuration: flags > environment (EMPASS_HTTP_HOST, EMPASS_HTTP_PORT, EMPASS_DATA_DIR, \
            EMPASS_DATABASE_URL, EMPASS_ADMIN_TOKEN, EMPASS_PUBLIC_URL, EMPASS_COOKIE_SECURE, …) > .env > defaults.
            """
    )

    @Option(name: .customLong("http-host"), help: "Address to listen on (default 127.0.0.1).")
    var httpHost: String?

    @Option(name: .customLong("http-port"), help: "Port to listen on (default 8080; 0 picks a free port).")
    var httpPort: Int?

    func run() async throws {
        HeapTuning.keepFreedHeap()
        var flags: [String: ConfigValue] = [:]
        if let httpHost { flags["empass.http.host"] = .init(.string(httpHost), isSecret: false) }
        if let httpPort { flags["empass.http.port"] = .init(.int(httpPort), isSecret: false) }
        let config = try await AppConfig.load(flags: flags)
        if config.logFormat == .json { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
        try await buildApplication(config: config).runService()
    }
}
