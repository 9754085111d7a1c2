import Foundation

/// Which database to use. Parsed from `EMPASS_DATABASE_URL` (absent: SQLite in the data directory).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (created if missing, WAL mode).
    case sqlite(path: String)
    /// A PostgreSQL URL; `searchPath` puts the tables in other schemas (tests use a fresh schema per run).
    case postgres(url: String, searchPath: [String]? = nil)

    /// `nil`/empty → `<dataDirectory>/empass.sqlite`; `postgres://…`/`postgresql://…` → PostgreSQL;
    /// `sqlite:<path>` → that SQLite file.
    public static func parse(url: String?, dataDirectory: String) throws -> DatabaseLocation {
        guard let url, !url.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .sqlite(path: (dataDirectory as NSString).appendingPathComponent("empass.sqlite"))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return .postgres(url: url)
        }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw StorageError.unsupportedDatabaseURL(url) }
            return .sqlite(path: path)
        }
        throw StorageError.unsupportedDatabaseURL(redactingPassword(url))
    }

    public var engine: DatabaseEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Safe to log: the password is never shown.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url, let searchPath):
            Self.redactingPassword(url) + (searchPath.map { " (search_path \($0.joined(separator: ",")))" } ?? "")
        }
    }

    static func redactingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// The two engines. Every SQL difference between them lives in `DatabaseEngine` (see `Dialect.swift`).
public enum DatabaseEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }
}
