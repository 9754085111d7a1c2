import Foundation
import SQLKit

extension SQLStore: ShareLinkStore {
    public func insert(_ link: ShareLink) async throws {
        try await insertingUnique("share link") {
            try await sql.raw("""
                INSERT INTO share_links (id, token, credential_id, owner_user_id, created_at, revoked_at)
                VALUES (\(bind: link.id.description), \(bind: link.token), \(bind: link.credentialID.description),
                        \(bind: link.ownerUserID.description), \(bind: Timestamp.format(link.createdAt)),
                        \(bind: link.revokedAt.map(Timestamp.format)))
                """).run()
        }
    }

    public func shareLink(token: String) async throws -> ShareLink? {
        try await sql.raw("SELECT * FROM share_links WHERE token = \(bind: token)").first().map(Self.shareLink(from:))
    }

    public func shareLink(id: ShareLinkID) async throws -> ShareLink? {
        try await sql.raw("SELECT * FROM share_links WHERE id = \(bind: id.description)").first().map(Self.shareLink(from:))
    }

    public func shareLinks(ownerUserID: UserID) async throws -> [ShareLink] {
        try await sql.raw("""
            SELECT * FROM share_links WHERE owner_user_id = \(bind: ownerUserID.description) ORDER BY created_at DESC, id DESC
            """).all().map(Self.shareLink(from:))
    }

    public func revokeShareLink(id: ShareLinkID, at date: Date) async throws {
        guard try await shareLink(id: id) != nil else { throw StorageError.notFound("share link \(id)") }
        try await sql.raw("""
            UPDATE share_links SET revoked_at = \(bind: Timestamp.format(date))
            WHERE id = \(bind: id.description) AND revoked_at IS NULL
            """).run()
    }

    static func shareLink(from row: any SQLRow) throws -> ShareLink {
        ShareLink(id: try row.id("id"), token: try row.text("token"), credentialID: try row.id("credential_id"),
                  ownerUserID: try row.id("owner_user_id"), createdAt: try row.timestamp("created_at"),
                  revokedAt: try row.optionalTimestamp("revoked_at"))
    }
}
