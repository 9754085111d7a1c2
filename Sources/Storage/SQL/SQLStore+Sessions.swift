import Foundation
import SQLKit

extension SQLStore: SessionStore {
    public func insert(_ session: SessionRecord) async throws {
        try await insertingUnique("session") {
            try await sql.raw("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: session.idHash), \(bind: session.userID.description), \(bind: session.csrfToken),
                        \(bind: Timestamp.format(session.createdAt)), \(bind: Timestamp.format(session.expiresAt)))
                """).run()
        }
    }

    public func session(idHash: String, now: Date) async throws -> SessionRecord? {
        guard let row = try await sql.raw("""
            SELECT * FROM sessions WHERE id_hash = \(bind: idHash) AND expires_at > \(bind: Timestamp.format(now))
            """).first() else { return nil }
        return SessionRecord(
            idHash: try row.text("id_hash"), userID: try row.id("user_id"), csrfToken: try row.text("csrf_token"),
            createdAt: try row.timestamp("created_at"), expiresAt: try row.timestamp("expires_at")
        )
    }

    public func delete(idHash: String) async throws {
        try await sql.raw("DELETE FROM sessions WHERE id_hash = \(bind: idHash)").run()
    }

    @discardableResult
    public func deleteExpired(now: Date) async throws -> Int {
        let cutoff = Timestamp.format(now)
        let expired = try await count("SELECT COUNT(*) AS n FROM sessions WHERE expires_at <= \(bind: cutoff)")
        try await sql.raw("DELETE FROM sessions WHERE expires_at <= \(bind: cutoff)").run()
        return expired
    }

    public func countSessions() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM sessions")
    }
}
