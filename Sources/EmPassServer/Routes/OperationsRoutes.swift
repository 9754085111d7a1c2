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
            var response = Self.text(services.metrics.exposition())
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
