/// What can go wrong below the repository protocols, in terms callers can act on.
public enum StorageError: Error, CustomStringConvertible, Equatable {
    /// A unique value (slug, email, token hash, …) is already taken.
    case duplicate(String)
    /// The row to change does not exist.
    case notFound(String)
    /// The row exists but may no longer change (e.g. a published specification version).
    case immutable(String)
    /// A stored value cannot be read back (e.g. an unknown enum raw value).
    case corruptRow(String)
    case unsupportedDatabaseURL(String)
    case migrationFailed(id: Int, name: String, reason: String)
    /// The database records a migration this build does not know, or with a different name.
    case migrationHistoryMismatch(String)
    /// Another writer saved the row after it was read (optimistic concurrency); reload and retry.
    case concurrentUpdate(String)

    public var description: String {
        switch self {
        case .duplicate(let what): "already exists: \(what)"
        case .notFound(let what): "not found: \(what)"
        case .immutable(let what): "cannot change: \(what)"
        case .corruptRow(let what): "stored row cannot be read: \(what)"
        case .unsupportedDatabaseURL(let url): "unsupported database URL (use postgres://… or leave empty for SQLite): \(url)"
        case .migrationFailed(let id, let name, let reason): "migration \(id) (\(name)) failed: \(reason)"
        case .migrationHistoryMismatch(let detail): "migration history does not match this build: \(detail)"
        case .concurrentUpdate(let what): "changed by another request meanwhile: \(what)"
        }
    }
}
