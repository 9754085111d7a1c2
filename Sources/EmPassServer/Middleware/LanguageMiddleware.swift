import Hummingbird

/// Picks the page language (`?lang=` > cookie > Accept-Language > English) and remembers an
/// explicit `?lang=` choice in a cookie.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cookies: SessionCookies

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        let query = request.uri.queryParameters.get("lang")
        context.language = Language.negotiate(
            query: query, cookie: request.cookies[SessionCookies.language]?.value,
            acceptLanguage: request.headers[.acceptLanguage]
        )
        var response = try await next(request, context)
        if let query, let chosen = Language(code: query), request.cookies[SessionCookies.language]?.value != chosen.rawValue {
            response.setCookie(cookies.language(chosen))
        }
        return response
    }
}
