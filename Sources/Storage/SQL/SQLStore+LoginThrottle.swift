import Foundation
import SQLKit

extension SQLStore: LoginThrottle {
    public func recordFailure(key: String, at date: Date) async throws {
        let id = UUID.v7(at: date, random: random).uuidString.lowercased()
        try await sql.raw("""
            INSERT INTO login_failures (id, throttle_key, failed_at)
            VALUES (\(bind: id), \(bind: key), \(bind: Timestamp.format(date)))
            """).run()
    }

    public func failures(key: String, since: Date) async throws -> (count: Int, earliest: Date?) {
        guard let row = try await sql.raw("""
            SELECT COUNT(*) AS n, MIN(failed_at) AS earliest FROM login_failures
            WHERE throttle_key = \(bind: key) AND failed_at >= \(bind: Timestamp.format(since))
            """).first() else { return (0, nil) }
        return (try row.decode(column: "n", as: Int.self), try row.optionalTimestamp("earliest"))
    }

    public func clear(key: String) async throws {
        try await sql.raw("DELETE FROM login_failures WHERE throttle_key = \(bind: key)").run()
    }

    public func prune(before: Date) async throws {
        try await sql.raw("DELETE FROM login_failures WHERE failed_at < \(bind: Timestamp.format(before))").run()
    }
}
