import Foundation
import SQLKit

extension SQLStore: UserStore {
    public func insert(_ user: User) async throws {
        try await insertingUnique("user email \(user.email)") {
            try await sql.raw("""
                INSERT INTO users (id, email, display_name, password_hash, role, organisation_id, created_at)
                VALUES (\(bind: user.id.description), \(bind: user.email.lowercased()), \(bind: user.displayName),
                        \(bind: user.passwordHash), \(bind: user.role.rawValue), \(bind: user.organisationID?.description),
                        \(bind: Timestamp.format(user.createdAt)))
                """).run()
        }
    }

    public func user(id: UserID) async throws -> User? {
        try await sql.raw("SELECT * FROM users WHERE id = \(bind: id.description)").first().map(Self.user(from:))
    }

    public func user(email: String) async throws -> User? {
        try await sql.raw("SELECT * FROM users WHERE email = \(bind: email.lowercased())").first().map(Self.user(from:))
    }

    public func users(organisationID: OrganisationID?) async throws -> [User] {
        let rows: [any SQLRow]
        if let organisationID {
            rows = try await sql.raw("""
                SELECT * FROM users WHERE organisation_id = \(bind: organisationID.description) ORDER BY created_at, id
                """).all()
        } else {
            rows = try await sql.raw("SELECT * FROM users ORDER BY created_at, id").all()
        }
        return try rows.map(Self.user(from:))
    }

    public func setRole(_ role: Role, for id: UserID) async throws {
        guard try await user(id: id) != nil else { throw StorageError.notFound("user \(id)") }
        try await sql.raw("UPDATE users SET role = \(bind: role.rawValue) WHERE id = \(bind: id.description)").run()
    }

    public func countUsers() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM users")
    }

    static func user(from row: any SQLRow) throws -> User {
        User(
            id: try row.id("id"), email: try row.text("email"), displayName: try row.text("display_name"),
            passwordHash: try row.text("password_hash"), role: try row.enumValue("role", as: Role.self),
            organisationID: try row.optionalID("organisation_id"), createdAt: try row.timestamp("created_at")
        )
    }
}
