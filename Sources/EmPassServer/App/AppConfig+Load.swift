import Configuration
import Foundation

extension AppConfig {
    /// Reads the configuration the way `empass serve` and `empass migrate` do: command-line flags,
    /// then environment variables, then the `.env` file in the working directory (if present),
    /// then the defaults.
    public static func load(flags: [String: ConfigValue] = [:], environmentFile: String = ".env") async throws -> AppConfig {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in flags { values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = value }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: values),
            EnvironmentVariablesProvider(secretsSpecifier: .specific(["EMPASS_ADMIN_TOKEN", "EMPASS_DATABASE_URL"])),
            try await EnvironmentVariablesProvider(environmentFilePath: .init(environmentFile), allowMissing: true,
                                                   secretsSpecifier: .specific(["EMPASS_ADMIN_TOKEN", "EMPASS_DATABASE_URL"])),
        ])
        return try AppConfig(reader: reader)
    }
}
