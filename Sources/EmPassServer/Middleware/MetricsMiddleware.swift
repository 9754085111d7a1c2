import Hummingbird

/// Records each request's route, method, final status and latency (after error mapping, so a
/// 404 or 413 is counted as such).
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = Int(response.status.code)
        } catch {
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: Int(ErrorMapping.problem(for: error).status.code), duration: ContinuousClock.now - started)
            throw error
        }
        let route = context.endpointPath.map { $0 == "NotFound" ? "unmatched" : $0 } ?? "unmatched"
        metrics.record(route: route, method: request.method.rawValue, status: status, duration: ContinuousClock.now - started)
        return response
    }
}
