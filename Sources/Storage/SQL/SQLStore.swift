import Foundation
import SQLKit

/// The one SQL implementation of every repository protocol, for SQLite and PostgreSQL alike.
/// All values are bound parameters (`\(bind:)`); identifiers and SQL text are constants.
public struct SQLStore: Sendable {
    public let database: Database
    /// For ids of rows the caller does not name (login failures).
    let random: any RandomSource
    /// Entries in each new status list. Tests lower it to reach a full list quickly.
    public var statusListCapacity: Int = StatusListRecord.standardCapacity

    public init(database: Database, random: any RandomSource = SystemRandomSource()) {
        self.database = database
        self.random = random
    }

    var sql: any SQLDatabase { database.sql }

    /// Turns the engine's unique-violation error into `StorageError.duplicate(what)`.
    func insertingUnique(_ what: @autoclosure () -> String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch where database.engine.isUniqueViolation(error) {
            throw StorageError.duplicate(what())
        }
    }

    func count(_ query: SQLQueryString) async throws -> Int {
        guard let row = try await sql.raw(query).first() else { return 0 }
        return try row.decode(column: "n", as: Int.self)
    }
}

extension SQLRow {
    func text(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }

    func timestamp(_ column: String) throws -> Date {
        let text = try text(column)
        guard let date = Timestamp.parse(text) else { throw StorageError.corruptRow("\(column)=\(text)") }
        return date
    }

    func optionalTimestamp(_ column: String) throws -> Date? {
        guard let text = try optionalText(column) else { return nil }
        guard let date = Timestamp.parse(text) else { throw StorageError.corruptRow("\(column)=\(text)") }
        return date
    }

    func id<Entity>(_ column: String, as _: EntityID<Entity>.Type = EntityID<Entity>.self) throws -> EntityID<Entity> {
        let text = try text(column)
        guard let id = EntityID<Entity>(text) else { throw StorageError.corruptRow("\(column)=\(text)") }
        return id
    }

    func optionalID<Entity>(_ column: String, as _: EntityID<Entity>.Type = EntityID<Entity>.self) throws -> EntityID<Entity>? {
        guard let text = try optionalText(column) else { return nil }
        guard let id = EntityID<Entity>(text) else { throw StorageError.corruptRow("\(column)=\(text)") }
        return id
    }

    func enumValue<E: RawRepresentable>(_ column: String, as _: E.Type) throws -> E where E.RawValue == String {
        let text = try text(column)
        guard let value = E(rawValue: text) else { throw StorageError.corruptRow("\(column)=\(text)") }
        return value
    }
}
