import Foundation

/// Remembers failed logins per key (an account or a client address) to slow down guessing.
public protocol LoginThrottle: Sendable {
    func recordFailure(key: String, at: Date) async throws
    /// Failures for `key` at or after `since`, and the earliest of them.
    func failures(key: String, since: Date) async throws -> (count: Int, earliest: Date?)
    /// Forget a key's failures (after a successful login).
    func clear(key: String) async throws
    /// Drop failures older than `before`.
    func prune(before: Date) async throws
}
