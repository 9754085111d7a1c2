import Hummingbird
import Storage

/// Resolves the caller: an `Authorization: Bearer` API token, else the session cookie.
/// A presented but unknown/revoked token is an error (401), not a silent downgrade to anonymous.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw AppError.unauthenticated }
            guard let (token, user) = try await ApiTokenService(services: services).resolveWithUser(secret: String(parts[1])) else {
                throw AppError.unauthenticated
            }
            context.principal = Principal(user: user, credential: .apiToken(token))
        } else if let cookie = request.cookies[SessionCookies.session]?.value, !cookie.isEmpty,
                  let session = try await SessionService(services: services).session(cookieValue: cookie),
                  let user = try await services.users.user(id: session.userID) {
            context.principal = Principal(user: user, credential: .session(session))
        }
        return try await next(request, context)
    }
}
