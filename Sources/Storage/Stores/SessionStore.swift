import Foundation

/// Keeps login sessions, by the SHA-256 of their id.
public protocol SessionStore: Sendable {
    func insert(_ session: SessionRecord) async throws
    /// The session if it exists and has not expired at `now`.
    func session(idHash: String, now: Date) async throws -> SessionRecord?
    func delete(idHash: String) async throws
    /// Removes expired sessions; returns how many.
    @discardableResult func deleteExpired(now: Date) async throws -> Int
    func countSessions() async throws -> Int
}
