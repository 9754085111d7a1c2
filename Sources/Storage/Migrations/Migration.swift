import SQLKit

/// One numbered, append-only schema change. Never edit or renumber a migration that has shipped;
/// add a new one at the end of `EmPassMigrations.all`.
public struct Migration: Sendable {
    public typealias Apply = @Sendable (_ database: any SQLDatabase, _ engine: DatabaseEngine) async throws -> Void

    public let id: Int
    public let name: String
    let apply: Apply

    /// Statements run in order, written in the SQL both engines accept.
    public init(id: Int, name: String, sql statements: [SQLQueryString]) {
        self.id = id
        self.name = name
        self.apply = { database, _ in
            for statement in statements { try await database.raw(statement).run() }
        }
    }

    /// A migration written with SQLKit builders or with engine-specific SQL.
    public init(id: Int, name: String, apply: @escaping Apply) {
        self.id = id
        self.name = name
        self.apply = apply
    }
}
