import Foundation
import Storage

/// SQLite always; PostgreSQL when EMPASS_TEST_POSTGRES_URL is set or EMPASS_REQUIRE_POSTGRES=1
/// (then a missing or unreachable server fails the PostgreSQL cases instead of skipping them).
enum TestEngines {
    static let environment = ProcessInfo.processInfo.environment
    static var postgresURL: String? { environment["EMPASS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var postgresRequired: Bool { environment["EMPASS_REQUIRE_POSTGRES"] == "1" }
    static var all: [DatabaseEngine] { postgresURL != nil || postgresRequired ? [.sqlite, .postgres] : [.sqlite] }
}
