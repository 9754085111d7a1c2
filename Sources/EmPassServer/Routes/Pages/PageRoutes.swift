import Foundation
import Hummingbird
import Storage

/// The HTML pages: home, login, logout, account (with API tokens), admin audit.
struct PageRoutes {
    let services: AppServices
    let login: LoginService

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("login", use: loginForm)
        router.post("login", use: loginSubmit)
        router.post("logout", use: logout)
        router.get("account", use: account)
        router.post("account/tokens", use: createToken)
        router.post("account/tokens/{id}/revoke", use: revokeToken)
        router.get("admin/audit", use: audit)
    }

    private func t(_ key: String, _ context: AppRequestContext) -> String {
        services.pages.catalogue.text(key, context.language)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = HomePage(loggedIn: context.principal != nil, displayName: context.principal?.user.displayName ?? "")
        return try services.pages.render("home", page: page, title: t("home_title", context), context: context, path: "/")
    }

    // MARK: Login and logout

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.principal != nil { return Response.redirect(to: "/account", type: .normal) }
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return try renderLogin(LoginPage(email: "", next: next, error: nil), status: .ok, request: request, context: context)
    }

    @Sendable func loginSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let email = form["email"] ?? ""
        let next = Self.safeNext(form["next"])
        do {
            let user = try await login.login(email: email, password: form["password"] ?? "", context: context)
            let started = try await SessionService(services: services).start(for: user)
            try await services.audit.record(.login, actor: user.id, target: "user:\(user.id)", context: context, details: ["method": "password"])
            var response = Response.redirect(to: next.isEmpty ? "/account" : next, type: .normal)
            response.setCookie(services.cookies.session(started.cookieValue))
            response.setCookie(Cookie(name: SessionCookies.anonymousCSRF, value: "", maxAge: 0, path: "/",
                                      secure: services.config.cookieSecure, httpOnly: true, sameSite: .strict))
            return response
        } catch AppError.invalidCredentials {
            return try renderLogin(LoginPage(email: email, next: next, error: t("login_error_invalid", context)),
                                   status: .unauthorized, request: request, context: context)
        } catch AppError.throttled(let retryAfter) {
            var response = try renderLogin(
                LoginPage(email: email, next: next, error: services.pages.catalogue.text("login_error_throttled", context.language,
                                                                                         ["seconds": String(retryAfter)])),
                status: .tooManyRequests, request: request, context: context
            )
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
    }

    /// The login form carries a double-submit CSRF token (there is no session yet).
    private func renderLogin(_ page: LoginPage, status: HTTPResponse.Status, request: Request, context: AppRequestContext) throws -> Response {
        let existing = request.cookies[SessionCookies.anonymousCSRF]?.value
        let token = existing.flatMap { $0.isEmpty ? nil : $0 } ?? services.random.base64URLToken(byteCount: 32)
        var response = try services.pages.render("login", page: page, title: t("login_title", context), status: status,
                                                 context: context, path: "/login", csrfToken: token)
        if existing != token { response.setCookie(services.cookies.anonymousCSRF(token)) }
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        var response = Response.redirect(to: "/", type: .normal)
        response.setCookie(services.cookies.expiredSession())
        guard let principal = context.principal, case .session(let session) = principal.credential else { return response }
        try await SessionService(services: services).end(session)
        try await services.audit.record(.logout, actor: principal.user.id, target: "user:\(principal.user.id)", context: context)
        return response
    }

    /// Only local paths, so the login form cannot be used as an open redirect.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login") else { return "" }
        return next
    }

    // MARK: Account and API tokens

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderAccount(context: context, newToken: nil)
    }

    private func renderAccount(context: AppRequestContext, newToken: (secret: String, token: ApiToken)?,
                               status: HTTPResponse.Status = .ok) async throws -> Response {
        let principal = try context.authorize(.viewOwnAccount)
        let user = principal.user
        let organisation = try await user.organisationID.asyncMap { try await services.organisations.organisation(id: $0) } ?? nil
        let page = AccountPage(
            user: user, roleLabel: t("role_\(user.role.rawValue)", context), organisation: organisation,
            tokens: try await services.apiTokens.tokens(userID: user.id),
            canCreateTokens: AccessPolicy.decide(user, .createApiToken) == .allow, newToken: newToken
        )
        return try services.pages.render("account", page: page, title: t("account_title", context), status: status,
                                         context: context, path: "/account")
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let principal = try context.authorize(.createApiToken)
        let created = try await ApiTokenService(services: services).create(for: principal.user, name: form["name"] ?? "", context: context)
        return try await renderAccount(context: context, newToken: created, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        guard let text = context.parameters.get("id"), let id = ApiTokenID(text) else { throw AppError.notFound("this API token") }
        try await ApiTokenService(services: services).revoke(id: id, context: context)
        return Response.redirect(to: "/account", type: .normal)
    }

    // MARK: Admin

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.authorize(.readAuditLog)
        var query = try AuditQuery(request.uri.queryParameters)
        query.limit = min(query.limit, 100)
        let events = try await services.auditLog.events(limit: query.limit, before: query.before, action: query.action)
        let rows = events.map {
            AuditPage.Row(occurredAt: Timestamp.format($0.occurredAt), action: $0.action.rawValue,
                          actor: $0.actorUserID?.description ?? "—", target: $0.target ?? "—", ip: $0.ip ?? "—",
                          requestID: $0.requestID ?? "—", details: $0.detailsJSON)
        }
        let next = events.count == query.limit ? events.last.map { "/admin/audit?before=\($0.id)" } : nil
        return try services.pages.render("audit", page: AuditPage(rows: rows, hasRows: !rows.isEmpty, nextPage: next),
                                         title: t("audit_title", context), context: context, path: "/admin/audit")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
