import Foundation
import Hummingbird
import Storage

/// /api/v1/me, /api/v1/users, /api/v1/organisations
struct UsersAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("me", use: me)
        api.get("organisations", use: organisations)
        api.get("users", use: list)
        api.post("users", use: create)
        api.get("users/{id}", use: read)
        api.put("users/{id}/role", use: changeRole)
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(.viewOwnAccount)
        return try APIJSON.response(UserView(principal.user))
    }

    @Sendable func organisations(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.authorize(.listOrganisations)
        return try APIJSON.response(ListView(items: try await services.organisations.organisations()))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try request.uri.queryParameters.get("organisation").map { text in
            guard let id = OrganisationID(text) else { throw AppError.invalidInput("organisation must be a UUID") }
            return id
        }
        try context.authorize(.listUsers(organisation: organisation))
        return try APIJSON.response(ListView(items: try await services.users.users(organisationID: organisation).map(UserView.init)))
    }

    struct NewUser: Decodable {
        let email: String
        let displayName: String
        let password: String
        let role: Role
        let organisationId: OrganisationID?
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(NewUser.self, context: context)
        let principal = try context.authorize(.createUser(role: input.role, organisation: input.organisationId))
        let email = input.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard email.contains("@"), email.count <= 254 else { throw AppError.invalidInput("email is not an address") }
        guard input.password.count >= 12 else { throw AppError.invalidInput("a password has at least 12 characters") }
        guard !input.displayName.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.invalidInput("displayName is empty") }
        if let organisation = input.organisationId, try await services.organisations.organisation(id: organisation) == nil {
            throw AppError.invalidInput("organisation \(organisation) does not exist")
        }
        let user = User(id: services.newID(), email: email, displayName: input.displayName, passwordHash: try await services.passwords.hash(input.password),
                        role: input.role, organisationID: input.organisationId, createdAt: services.clock.now())
        try await services.users.insert(user)
        try await services.audit.record(.userCreated, actor: principal.user.id, target: "user:\(user.id)", context: context,
                                        details: ["role": user.role.rawValue])
        return try APIJSON.response(UserView(user), status: .created)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let target = try await targetUser(context)
        try context.authorize(.readUser(target))
        return try APIJSON.response(UserView(target))
    }

    struct RoleChange: Decodable {
        let role: Role
    }

    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let change = try await request.decodeJSON(RoleChange.self, context: context)
        let target = try await targetUser(context)
        let principal = try context.authorize(.changeRole(of: target, to: change.role))
        if target.role != change.role {
            try await services.users.setRole(change.role, for: target.id)
            try await services.audit.record(.roleChanged, actor: principal.user.id, target: "user:\(target.id)", context: context,
                                            details: ["from": target.role.rawValue, "to": change.role.rawValue])
        }
        var updated = target
        updated.role = change.role
        return try APIJSON.response(UserView(updated))
    }

    private func targetUser(_ context: AppRequestContext) async throws -> User {
        guard let text = context.parameters.get("id"), let id = UserID(text),
              let user = try await services.users.user(id: id) else { throw AppError.notFound("this user") }
        return user
    }
}
