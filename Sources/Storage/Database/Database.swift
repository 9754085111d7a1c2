@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// An open database: a connection pool and the `SQLDatabase` every store uses.
/// Call `shutdown()` once at the end (the server does it on graceful shutdown).
public final class Database: Sendable {
    public let engine: DatabaseEngine
    public let location: DatabaseLocation
    /// The pooled database; for several statements on one connection use `transaction`.
    public let sql: any SQLDatabase
    private let closePool: @Sendable () async throws -> Void
    /// SQLite has one writer at a time; a process's own writers (transactions here, single writes
    /// in `GatedSQLiteDatabase`) queue on this gate instead of all waiting in SQLite's busy
    /// handler, whose growing sleeps collapse throughput under load. Other processes on the same
    /// file still wait in the busy handler (busy_timeout).
    private let writerGate: WriterGate?
    /// Statements sent so far (every one, in or out of transactions).
    public let statements = SQLStatementCounter()

    private init(engine: DatabaseEngine, location: DatabaseLocation, sql: any SQLDatabase,
                 closePool: @escaping @Sendable () async throws -> Void) {
        self.engine = engine
        self.location = location
        self.closePool = closePool
        if engine == .sqlite {
            let gate = WriterGate()
            self.writerGate = gate
            self.sql = CountingSQLDatabase(base: GatedSQLiteDatabase(base: sql, gate: gate), counter: statements)
        } else {
            self.writerGate = nil
            self.sql = CountingSQLDatabase(base: sql, counter: statements)
        }
    }

    /// Opens a pool (creating the SQLite file and its directory when needed). Does not migrate.
    public static func open(
        _ location: DatabaseLocation,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        maxConnectionsPerEventLoop: Int = 4
    ) async throws -> Database {
        switch location {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let source = SQLiteWALConnectionSource(
                base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true))
            )
            let pool = EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: maxConnectionsPerEventLoop,
                pruneInterval: nil, logger: logger, on: eventLoopGroup
            )
            let sql = PooledSQLiteDatabase(pool: pool, logger: logger).sql(queryLogLevel: .trace)
            return Database(engine: .sqlite, location: location, sql: sql, closePool: { try await pool.shutdownAsync() })
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: maxConnectionsPerEventLoop,
                pruneInterval: nil, logger: logger, on: eventLoopGroup
            )
            let sql = pool.database(logger: logger).sql(queryLogLevel: .trace)
            return Database(engine: .postgres, location: location, sql: sql, closePool: { try await pool.shutdownAsync() })
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let engine = self.engine
        if let writerGate {
            await writerGate.acquire()
            do {
                let result = try await run(body, engine: engine)
                await writerGate.release()
                return result
            } catch {
                await writerGate.release()
                throw error
            }
        }
        return try await run(body, engine: engine)
    }

    private func run<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R,
                                  engine: DatabaseEngine) async throws -> R {
        try await sql.withSession { session in
            try await session.raw(engine.beginTransaction).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Succeeds when the database answers a trivial query (used by /readyz).
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS ok").first()
    }

    public func shutdown() async {
        try? await closePool()
    }
}

/// A first-come, first-served lock for async code (one holder at a time).
actor WriterGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the lock straight to the next waiter, if any.
    func release() {
        if head < waiters.count {
            let next = waiters[head]
            head += 1
            if head > 64, head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            next.resume()
        } else {
            held = false
        }
    }
}
