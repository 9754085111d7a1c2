import Hummingbird

/// Rejects a declared body above the limit before reading it (413 with the reason), and sets the
/// limit Hummingbird applies when a streamed body is collected.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limit: Int

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw AppError.bodyTooLarge(limit: limit)
        }
        var context = context
        context.bodyLimit = limit
        return try await next(request, context)
    }
}
