@preconcurrency import AsyncKit
import Logging
import NIOCore
import SQLiteKit
import SQLiteNIO

/// Opens SQLite connections in WAL mode (readers never block the writer) with foreign keys on.
/// `busy_timeout` replaces SQLiteNIO's spinning busy handler with SQLite's sleeping one, so a
/// writer waiting for the lock (see BEGIN IMMEDIATE in `Dialect.swift`) does not burn a core.
struct SQLiteWALConnectionSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA journal_mode = WAL").flatMap { _ in
                connection.query("PRAGMA synchronous = NORMAL")
            }.flatMap { _ in
                connection.query("PRAGMA busy_timeout = 10000")
            }.map { _ in connection }
        }
    }
}

/// A pooled SQLite database for SQLKit: each query leases a connection; `withConnection`
/// (hence `SQLDatabase.withSession`, hence transactions) keeps one for its whole closure.
struct PooledSQLiteDatabase: SQLiteDatabase {
    let pool: EventLoopGroupConnectionPool<SQLiteWALConnectionSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }

    func query(_ query: String, _ binds: [SQLiteData], logger: Logger,
               _ onRow: @escaping @Sendable (SQLiteRow) -> Void) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { $0.query(query, binds, logger: logger, onRow) }
    }

    func query(_ query: String, _ binds: [SQLiteData], _ onRow: @escaping @Sendable (SQLiteRow) -> Void) async throws {
        try await self.query(query, binds, logger: logger, onRow).get()
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        pool.withConnection(logger: logger, closure)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let box: EventLoopFuture<UnsafeTransfer<T>> = pool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask { UnsafeTransfer(try await closure(connection)) }
        }
        return try await box.get().value
    }
}

/// Carries a non-Sendable result out of the pool's future; the closure's caller is its only user.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
