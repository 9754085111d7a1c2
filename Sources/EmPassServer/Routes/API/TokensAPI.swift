import Foundation
import Hummingbird
import Storage

/// /api/v1/tokens: the caller's own API tokens.
struct TokensAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("tokens", use: list)
        api.post("tokens", use: create)
        api.delete("tokens/{id}", use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(.listOwnApiTokens)
        let tokens = try await services.apiTokens.tokens(userID: principal.user.id)
        return try APIJSON.response(ListView(items: tokens.map { ApiTokenView($0) }))
    }

    struct NewToken: Decodable {
        let name: String
    }

    /// The response is the only time the secret is shown.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let input = try await request.decodeJSON(NewToken.self, context: context)
        let principal = try context.authorize(.createApiToken)
        let created = try await ApiTokenService(services: services).create(for: principal.user, name: input.name, context: context)
        return try APIJSON.response(ApiTokenView(created.token, secret: created.secret), status: .created)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        guard let text = context.parameters.get("id"), let id = ApiTokenID(text) else { throw AppError.notFound("this API token") }
        try await ApiTokenService(services: services).revoke(id: id, context: context)
        return Response(status: .noContent)
    }
}
