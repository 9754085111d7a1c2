import Logging
import NIOCore
import SQLKit

/// SQLite allows one writer at a time, and its busy handler sleeps with growing back-off, so a
/// writer that finds the lock taken can lose every race to the next transaction (each of which
/// takes the write lock at BEGIN IMMEDIATE). To keep writes of one process fair and fast, every
/// write made outside a transaction takes the same first-come, first-served gate transactions
/// take (`Database.transaction`); reads go straight to the pool (WAL lets them run beside a
/// writer). Statements inside a transaction run on its session, which is not gated again.
struct GatedSQLiteDatabase: ForwardingSQLDatabase {
    let base: any SQLDatabase
    let gate: WriterGate

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        guard Self.writes(base.serialize(query).sql) else {
            return try await base.execute(sql: query, onRow)
        }
        await gate.acquire()
        do {
            try await base.execute(sql: query, onRow)
            await gate.release()
        } catch {
            await gate.release()
            throw error
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    /// Anything but a plain SELECT may write.
    static func writes(_ sql: String) -> Bool {
        let head = sql.drop { $0.isWhitespace || $0 == "(" }.prefix(6).uppercased()
        return head != "SELECT"
    }
}
