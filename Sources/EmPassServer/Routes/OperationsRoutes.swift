import Hummingbird

/// /healthz (the process answers), /readyz (the database answers), /metrics (Prometheus text).
struct OperationsRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in Self.text("ok\n") }
        router.get("readyz") { _, context in
            do {
                try await services.database.ping()
                return Self.text("ready\n")
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": .string(String(describing: error))])
                return Self.text("database unreachable\n", status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            // The statement counter lives in Storage (no metrics dependency there); it is a plain counter line.
            let statements = "# HELP empass_sql_statements_total SQL statements sent to the database\n"
                + "# TYPE empass_sql_statements_total counter\nempass_sql_statements_total \(services.database.statements.value)\n"
            var response = Self.text(services.metrics.exposition() + statements)
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
