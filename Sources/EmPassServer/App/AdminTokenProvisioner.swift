import Foundation
import Storage

/// Makes sure the token configured in `EMPASS_ADMIN_TOKEN` works as a platform admin's API token
/// (for automation and CI). Only its hash is stored; the value is never logged.
struct AdminTokenProvisioner: Sendable {
    let services: AppServices
    static let minimumLength = 24

    func ensure(_ secret: String) async throws {
        guard secret.count >= Self.minimumLength else {
            throw ConfigurationError.invalid(key: "empass.admin.token", reason: "must have at least \(Self.minimumLength) characters")
        }
        let hash = SecretHash.sha256Hex(secret)
        if let existing = try await services.apiTokens.token(hash: hash) {
            if !existing.isActive {
                // The operator configured this value explicitly: honour it, and say so in the log.
                try await services.apiTokens.reinstate(id: existing.id)
                try await services.audit.record(.adminTokenEnsured, actor: nil, target: "apiToken:\(existing.id)", context: nil,
                                                details: ["change": "reinstated"])
            }
            return
        }
        let owner = try await platformAdmin()
        let token = ApiToken(id: services.newID(), userID: owner.id, name: "EMPASS_ADMIN_TOKEN", tokenHash: hash, createdAt: services.clock.now())
        try await services.apiTokens.insert(token)
        try await services.audit.record(.adminTokenEnsured, actor: nil, target: "apiToken:\(token.id)", context: nil,
                                        details: ["change": "created", "owner": owner.id.description])
    }

    /// The oldest platform admin, or a new automation account (with an unusable password) when there is none.
    private func platformAdmin() async throws -> User {
        if let admin = try await services.users.users(organisationID: nil).first(where: { $0.role == .platformAdmin }) { return admin }
        let user = User(id: services.newID(), email: "automation@empass.invalid", displayName: "Automation",
                        passwordHash: try await services.passwords.hash(services.random.base64URLToken(byteCount: 32)),
                        role: .platformAdmin, organisationID: nil, createdAt: services.clock.now())
        try await services.users.insert(user)
        try await services.audit.record(.userCreated, actor: nil, target: "user:\(user.id)", context: nil,
                                        details: ["role": "platformAdmin", "reason": "EMPASS_ADMIN_TOKEN"])
        return user
    }
}
