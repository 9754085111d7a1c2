import PostgresNIO
import SQLKit
import SQLiteNIO

/// The few places where SQLite and PostgreSQL need different SQL or error handling. Everything
/// else (tables, queries) is written once in the common subset: TEXT and BIGINT columns, bound
/// parameters, `ON CONFLICT DO NOTHING`.
extension DatabaseEngine {
    /// SQLite: take the write lock at BEGIN, so two writers queue on the busy handler instead of
    /// failing with SQLITE_BUSY when a deferred read lock is upgraded.
    var beginTransaction: SQLQueryString {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }

    /// Serialises migration runs of several processes sharing one PostgreSQL database (SQLite's
    /// BEGIN IMMEDIATE already does). Runs inside the transaction; released at its end.
    var migrationLock: SQLQueryString? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(7275606311)"
        }
    }

    /// Whether `error` is a unique or primary-key violation, whichever driver raised it.
    func isUniqueViolation(_ error: any Error) -> Bool {
        switch self {
        case .sqlite:
            guard let error = error as? SQLiteError else { return false }
            return error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed
                || error.reason == .constraint
        case .postgres:
            guard let error = error as? PSQLError else { return false }
            return error.serverInfo?[.sqlState] == "23505"
        }
    }
}
