import Foundation
import SQLKit

extension SQLStore: ApiTokenStore {
    public func insert(_ token: ApiToken) async throws {
        try await insertingUnique("api token") {
            try await sql.raw("""
                INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, revoked_at)
                VALUES (\(bind: token.id.description), \(bind: token.userID.description), \(bind: token.name),
                        \(bind: token.tokenHash), \(bind: Timestamp.format(token.createdAt)),
                        \(bind: token.revokedAt.map(Timestamp.format)))
                """).run()
        }
    }

    public func token(id: ApiTokenID) async throws -> ApiToken? {
        try await sql.raw("SELECT * FROM api_tokens WHERE id = \(bind: id.description)").first().map(Self.token(from:))
    }

    public func token(hash: String) async throws -> ApiToken? {
        try await sql.raw("SELECT * FROM api_tokens WHERE token_hash = \(bind: hash)").first().map(Self.token(from:))
    }

    public func tokenAndUser(hash: String) async throws -> (ApiToken, User)? {
        guard let row = try await sql.raw("""
            SELECT t.id AS token_id, t.name AS token_name, t.token_hash, t.created_at AS token_created_at, t.revoked_at, u.*
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(bind: hash)
            """).first() else { return nil }
        let user = try Self.user(from: row)
        let token = ApiToken(id: try row.id("token_id"), userID: user.id, name: try row.text("token_name"),
                             tokenHash: try row.text("token_hash"), createdAt: try row.timestamp("token_created_at"),
                             revokedAt: try row.optionalTimestamp("revoked_at"))
        return (token, user)
    }

    public func tokens(userID: UserID) async throws -> [ApiToken] {
        try await sql.raw("""
            SELECT * FROM api_tokens WHERE user_id = \(bind: userID.description) ORDER BY created_at, id
            """).all().map(Self.token(from:))
    }

    public func revoke(id: ApiTokenID, at date: Date) async throws {
        guard try await token(id: id) != nil else { throw StorageError.notFound("api token \(id)") }
        try await sql.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: Timestamp.format(date))
            WHERE id = \(bind: id.description) AND revoked_at IS NULL
            """).run()
    }

    public func reinstate(id: ApiTokenID) async throws {
        guard try await token(id: id) != nil else { throw StorageError.notFound("api token \(id)") }
        try await sql.raw("UPDATE api_tokens SET revoked_at = NULL WHERE id = \(bind: id.description)").run()
    }

    public func countTokens() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM api_tokens")
    }

    static func token(from row: any SQLRow) throws -> ApiToken {
        ApiToken(
            id: try row.id("id"), userID: try row.id("user_id"), name: try row.text("name"),
            tokenHash: try row.text("token_hash"), createdAt: try row.timestamp("created_at"),
            revokedAt: try row.optionalTimestamp("revoked_at")
        )
    }
}
