import Logging
import NIOCore
import SQLKit
import Synchronization

/// How many SQL statements a `Database` has sent (pooled and in transactions alike). One atomic
/// add per statement; read by `/metrics` (`empass_sql_statements_total`) and by tests that
/// count the round trips a request costs.
public final class SQLStatementCounter: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    public var value: Int { count.load(ordering: .relaxed) }

    func increment() { count.add(1, ordering: .relaxed) }
}

/// Counts every statement executed through it, including those of sessions it hands out (a
/// transaction's statements run on its session).
struct CountingSQLDatabase: ForwardingSQLDatabase {
    let base: any SQLDatabase
    let counter: SQLStatementCounter

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        counter.increment()
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        counter.increment()
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let counter = self.counter
        return try await base.withSession { session in try await closure(CountingSQLDatabase(base: session, counter: counter)) }
    }
}
