import Foundation
import Storage

/// Creates, resolves and revokes API tokens. The secret is returned once, at creation.
public struct ApiTokenService: Sendable {
    let services: AppServices

    /// Prefix so leaked tokens are easy to recognise (e.g. by secret scanners).
    static let prefix = "empass_"

    public func create(for user: User, name: String, context: AppRequestContext?) async throws -> (secret: String, token: ApiToken) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else { throw AppError.invalidInput("a token name has 1 to 100 characters") }
        let secret = Self.prefix + services.random.base64URLToken(byteCount: 32)
        let token = ApiToken(id: services.newID(), userID: user.id, name: trimmed, tokenHash: SecretHash.sha256Hex(secret),
                             createdAt: services.clock.now())
        try await services.apiTokens.insert(token)
        try await services.audit.record(.apiTokenCreated, actor: context?.principal?.user.id ?? user.id,
                                        target: "apiToken:\(token.id)", context: context,
                                        details: ["name": trimmed, "owner": user.id.description])
        return (secret, token)
    }

    /// The active token for a presented secret.
    func resolve(secret: String) async throws -> ApiToken? {
        guard let token = try await services.apiTokens.token(hash: SecretHash.sha256Hex(secret)), token.isActive else { return nil }
        return token
    }

    /// The active token for a presented secret and its user, in one query (every API request asks).
    func resolveWithUser(secret: String) async throws -> (ApiToken, User)? {
        guard let (token, user) = try await services.apiTokens.tokenAndUser(hash: SecretHash.sha256Hex(secret)), token.isActive else {
            return nil
        }
        return (token, user)
    }

    /// Revokes after asking the policy; revoking twice is harmless.
    public func revoke(id: ApiTokenID, context: AppRequestContext) async throws {
        guard let token = try await services.apiTokens.token(id: id) else { throw AppError.notFound("API token \(id)") }
        let principal = try context.authorize(.revokeApiToken(owner: token.userID))
        guard token.isActive else { return }
        try await services.apiTokens.revoke(id: id, at: services.clock.now())
        try await services.audit.record(.apiTokenRevoked, actor: principal.user.id, target: "apiToken:\(id)", context: context,
                                        details: ["owner": token.userID.description])
    }
}
