import Configuration
import Foundation
import Logging
import Storage

/// Everything the application needs to know at start, read once by `empass serve`/`empass migrate`
/// (swift-configuration: flags > environment > .env > defaults) or built directly by tests.
///
/// Keys (environment variable in brackets):
/// - `empass.http.host` (EMPASS_HTTP_HOST, flag --http-host), default 127.0.0.1
/// - `empass.http.port` (EMPASS_HTTP_PORT, flag --http-port), default 8080
/// - `empass.http.maxBodyBytes` (EMPASS_HTTP_MAX_BODY_BYTES), default 1 MiB
/// - `empass.data.dir` (EMPASS_DATA_DIR), default ./data
/// - `empass.database.url` (EMPASS_DATABASE_URL): absent → SQLite at <data dir>/empass.sqlite; postgres://… → PostgreSQL
/// - `empass.database.connectionsPerThread` (EMPASS_DATABASE_CONNECTIONS_PER_THREAD), default 4:
///   pool size per event-loop thread (PostgreSQL connections = this × CPU cores)
/// - `empass.admin.token` (EMPASS_ADMIN_TOKEN): ensures a platform-admin API token with this value
/// - `empass.public.url` (EMPASS_PUBLIC_URL): the public origin, default http://<host>:<port>
/// - `empass.cookie.secure` (EMPASS_COOKIE_SECURE), default true; false is accepted only when the
///   public URL is plain http on localhost/127.0.0.1/::1 (local development without TLS)
/// - `empass.session.ttlSeconds` (EMPASS_SESSION_TTL_SECONDS), default 43200 (12 h)
/// - `empass.bcrypt.cost` (EMPASS_BCRYPT_COST), default 12
/// - `empass.seed.demo` (EMPASS_SEED_DEMO), default true: seed demo data into an empty database
/// - `empass.log.level` (EMPASS_LOG_LEVEL), default info
/// - `empass.log.format` (EMPASS_LOG_FORMAT): text (default) or json (one JSON object per line)
/// - `empass.mode` (EMPASS_MODE): demo (default) or production; production refuses to start
///   without a master key
/// - `empass.master.key` (EMPASS_MASTER_KEY): the 32-byte master key sealing issuer keys, as
///   base64/base64url or 64 hex digits; or `empass.master.key.file` (EMPASS_MASTER_KEY_FILE): a
///   file holding it. Neither in demo mode: one is generated at <data dir>/master.key
public struct AppConfig: Sendable {
    public var httpHost: String
    public var httpPort: Int
    public var maxBodyBytes: Int
    public var dataDirectory: String
    public var database: DatabaseLocation
    public var databaseConnectionsPerThread: Int
    public var adminToken: String?
    public var publicURL: URL
    public var cookieSecure: Bool
    public var sessionLifetime: TimeInterval
    public var bcryptCost: UInt8
    public var seedDemoData: Bool
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var throttle: LoginThrottlePolicy
    public var mode: RunMode
    /// The master key's text (never printed: `SecretText` redacts itself).
    public var masterKey: SecretText?
    public var masterKeyFile: String?

    public init(
        httpHost: String = "127.0.0.1",
        httpPort: Int = 8080,
        maxBodyBytes: Int = 1 << 20,
        dataDirectory: String = "./data",
        database: DatabaseLocation? = nil,
        databaseConnectionsPerThread: Int = 4,
        adminToken: String? = nil,
        publicURL: URL? = nil,
        cookieSecure: Bool = true,
        sessionLifetime: TimeInterval = 12 * 3600,
        bcryptCost: UInt8 = 12,
        seedDemoData: Bool = true,
        logLevel: Logger.Level = .info,
        logFormat: LogFormat = .text,
        throttle: LoginThrottlePolicy = .init(),
        mode: RunMode = .demo,
        masterKey: SecretText? = nil,
        masterKeyFile: String? = nil
    ) throws {
        self.httpHost = httpHost
        self.httpPort = httpPort
        self.maxBodyBytes = maxBodyBytes
        self.dataDirectory = dataDirectory
        self.database = try database ?? DatabaseLocation.parse(url: nil, dataDirectory: dataDirectory)
        self.databaseConnectionsPerThread = databaseConnectionsPerThread
        self.adminToken = adminToken.flatMap { $0.isEmpty ? nil : $0 }
        let defaultURL = "http://\(httpHost.contains(":") ? "[\(httpHost)]" : httpHost):\(httpPort)"
        guard let url = publicURL ?? URL(string: defaultURL) else { throw ConfigurationError.invalid(key: "empass.public.url", reason: defaultURL) }
        self.publicURL = url
        self.cookieSecure = cookieSecure
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.seedDemoData = seedDemoData
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.throttle = throttle
        self.mode = mode
        self.masterKey = masterKey
        self.masterKeyFile = masterKeyFile.flatMap { $0.isEmpty ? nil : $0 }
        try validate()
    }

    /// Reads the configuration from a swift-configuration reader (keys above).
    public init(reader: ConfigReader) throws {
        let config = reader.scoped(to: "empass")
        let host = config.string(forKey: "http.host", default: "127.0.0.1")
        let port = config.int(forKey: "http.port", default: 8080)
        let dataDirectory = config.string(forKey: "data.dir", default: "./data")
        let levelText = config.string(forKey: "log.level", default: "info")
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ConfigurationError.invalid(key: "empass.log.level", reason: "\(levelText) is not a log level")
        }
        let formatText = config.string(forKey: "log.format", default: "text")
        guard let format = LogFormat(rawValue: formatText.lowercased()) else {
            throw ConfigurationError.invalid(key: "empass.log.format", reason: "\(formatText) is not text or json")
        }
        let publicURLText = config.string(forKey: "public.url")
        var publicURL: URL? = nil
        if let publicURLText {
            guard let url = URL(string: publicURLText), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ConfigurationError.invalid(key: "empass.public.url", reason: "\(publicURLText) is not an http(s) URL")
            }
            publicURL = url
        }
        let modeText = config.string(forKey: "mode", default: "demo")
        guard let mode = RunMode(rawValue: modeText.lowercased()) else {
            throw ConfigurationError.invalid(key: "empass.mode", reason: "\(modeText) is not demo or production")
        }
        let cost = config.int(forKey: "bcrypt.cost", default: 12)
        guard (4...31).contains(cost) else {
            throw ConfigurationError.invalid(key: "empass.bcrypt.cost", reason: "must be between 4 and 31")
        }
        try self.init(
            httpHost: host,
            httpPort: port,
            maxBodyBytes: config.int(forKey: "http.maxBodyBytes", default: 1 << 20),
            dataDirectory: dataDirectory,
            database: try DatabaseLocation.parse(url: config.string(forKey: "database.url", isSecret: true), dataDirectory: dataDirectory),
            databaseConnectionsPerThread: config.int(forKey: "database.connectionsPerThread", default: 4),
            adminToken: config.string(forKey: "admin.token", isSecret: true),
            publicURL: publicURL,
            cookieSecure: config.bool(forKey: "cookie.secure", default: true),
            sessionLifetime: TimeInterval(config.int(forKey: "session.ttlSeconds", default: 12 * 3600)),
            bcryptCost: UInt8(cost),
            seedDemoData: config.bool(forKey: "seed.demo", default: true),
            logLevel: level,
            logFormat: format,
            mode: mode,
            masterKey: config.string(forKey: "master.key", isSecret: true).flatMap { $0.isEmpty ? nil : SecretText($0) },
            masterKeyFile: config.string(forKey: "master.key.file")
        )
    }

    /// Insecure cookies are a development convenience for plain-http localhost only.
    func validate() throws {
        guard (0...65535).contains(httpPort) else {
            throw ConfigurationError.invalid(key: "empass.http.port", reason: "\(httpPort) is not a TCP port")
        }
        guard (1...64).contains(databaseConnectionsPerThread) else {
            throw ConfigurationError.invalid(key: "empass.database.connectionsPerThread", reason: "must be 1 to 64")
        }
        guard maxBodyBytes > 0 else {
            throw ConfigurationError.invalid(key: "empass.http.maxBodyBytes", reason: "must be positive")
        }
        if !cookieSecure {
            let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(publicURL.host ?? "")
            guard publicURL.scheme == "http", loopback else {
                throw ConfigurationError.invalid(
                    key: "empass.cookie.secure",
                    reason: "false is only allowed for a plain-http localhost public URL (is \(publicURL.absoluteString))"
                )
            }
        }
    }
}

/// Demo mode generates what is missing (a master key under the data directory); production
/// mode refuses to start without it.
public enum RunMode: String, Sendable {
    case demo, production
}

/// A configuration secret that never shows itself in logs, dumps or error messages.
public struct SecretText: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// How many failed logins are tolerated before a 429.
public struct LoginThrottlePolicy: Sendable {
    public var window: TimeInterval
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int

    public init(window: TimeInterval = 15 * 60, maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 20) {
        self.window = window
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
    }
}

public enum ConfigurationError: Error, CustomStringConvertible {
    case invalid(key: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let key, let reason): "invalid configuration \(key): \(reason)"
        }
    }
}
