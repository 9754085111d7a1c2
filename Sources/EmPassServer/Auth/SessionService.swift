import Foundation
import Hummingbird
import Storage

/// Starts and ends browser sessions. The cookie holds a random 256-bit id; the database holds its hash.
struct SessionService: Sendable {
    let services: AppServices

    /// Creates a session and returns the cookie value to set.
    func start(for user: User) async throws -> (cookieValue: String, session: SessionRecord) {
        let now = services.clock.now()
        let id = services.random.base64URLToken(byteCount: 32)
        let session = SessionRecord(
            idHash: SecretHash.sha256Hex(id), userID: user.id,
            csrfToken: services.random.base64URLToken(byteCount: 32),
            createdAt: now, expiresAt: now.addingTimeInterval(services.config.sessionLifetime)
        )
        try await services.sessions.insert(session)
        try await services.sessions.deleteExpired(now: now)
        return (id, session)
    }

    /// The live session a cookie value names, if any.
    func session(cookieValue: String) async throws -> SessionRecord? {
        try await services.sessions.session(idHash: SecretHash.sha256Hex(cookieValue), now: services.clock.now())
    }

    func end(_ session: SessionRecord) async throws {
        try await services.sessions.delete(idHash: session.idHash)
    }
}
