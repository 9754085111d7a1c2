import Configuration
import Foundation
import Storage
import Testing
@testable import EmPassServer

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults: 127.0.0.1:8080, SQLite in ./data, secure cookies")
    func defaults() throws {
        let config = try AppConfig(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(config.httpHost == "127.0.0.1")
        #expect(config.httpPort == 8080)
        #expect(config.database == .sqlite(path: "./data/empass.sqlite"))
        #expect(config.cookieSecure)
        #expect(config.publicURL.absoluteString == "http://127.0.0.1:8080")
        #expect(config.adminToken == nil)
    }

    @Test("EMPASS_* environment variables map to the keys")
    func environment() throws {
        let provider = EnvironmentVariablesProvider(environmentVariables: [
            "EMPASS_HTTP_HOST": "0.0.0.0", "EMPASS_HTTP_PORT": "9090", "EMPASS_DATA_DIR": "/srv/empass",
            "EMPASS_DATABASE_URL": "postgres://empass@db:5432/empass", "EMPASS_ADMIN_TOKEN": "abc",
            "EMPASS_PUBLIC_URL": "https://empass.example.org", "EMPASS_HTTP_MAX_BODY_BYTES": "2048",
        ])
        let config = try AppConfig(reader: ConfigReader(provider: provider))
        #expect(config.httpHost == "0.0.0.0")
        #expect(config.httpPort == 9090)
        #expect(config.dataDirectory == "/srv/empass")
        #expect(config.database == .postgres(url: "postgres://empass@db:5432/empass"))
        #expect(config.adminToken == "abc")
        #expect(config.publicURL.absoluteString == "https://empass.example.org")
        #expect(config.maxBodyBytes == 2048)
    }

    @Test("flags beat the environment, which beats the .env file")
    func precedence() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empass-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let envFile = directory.appendingPathComponent(".env")
        try "EMPASS_HTTP_PORT=7000\nEMPASS_DATA_DIR=/from/dotenv\n".write(to: envFile, atomically: true, encoding: .utf8)
        let fromFile = try await AppConfig.load(environmentFile: envFile.path)
        #expect(fromFile.dataDirectory == "/from/dotenv")
        let flagged = try await AppConfig.load(flags: ["empass.http.port": .init(.int(7100), isSecret: false)], environmentFile: envFile.path)
        #expect(flagged.httpPort == 7100)
    }

    @Test("insecure cookies only for plain-http localhost")
    func insecureCookies() throws {
        #expect(throws: ConfigurationError.self) {
            try AppConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
                "empass.cookie.secure": false, "empass.public.url": "https://empass.example.org",
            ])))
        }
        let local = try AppConfig(reader: ConfigReader(provider: InMemoryProvider(values: ["empass.cookie.secure": false])))
        #expect(local.cookieSecure == false)
    }

    @Test("bad values are refused with the key named")
    func badValues() {
        #expect(throws: ConfigurationError.self) {
            try AppConfig(reader: ConfigReader(provider: InMemoryProvider(values: ["empass.public.url": "ftp://x"])))
        }
        #expect(throws: StorageError.self) {
            try AppConfig(reader: ConfigReader(provider: InMemoryProvider(values: ["empass.database.url": "mysql://x/y"])))
        }
    }
}
