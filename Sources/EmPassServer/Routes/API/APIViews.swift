import Foundation
import Storage

/// What the API shows of a user (never the password hash).
struct UserView: Encodable {
    let id: UserID
    let email: String
    let displayName: String
    let role: Role
    let organisationId: OrganisationID?
    let createdAt: Date

    init(_ user: User) {
        self.id = user.id
        self.email = user.email
        self.displayName = user.displayName
        self.role = user.role
        self.organisationId = user.organisationID
        self.createdAt = user.createdAt
    }
}

/// What the API shows of a token (never its hash). `token` is present only in the creation response.
struct ApiTokenView: Encodable {
    let id: ApiTokenID
    let name: String
    let createdAt: Date
    let revokedAt: Date?
    let token: String?

    init(_ token: ApiToken, secret: String? = nil) {
        self.id = token.id
        self.name = token.name
        self.createdAt = token.createdAt
        self.revokedAt = token.revokedAt
        self.token = secret
    }
}

struct AuditEventView: Encodable {
    let id: AuditEventID
    let occurredAt: Date
    let action: AuditAction
    let actorUserId: UserID?
    let target: String?
    let ip: String?
    let requestId: String?
    let details: [String: String]

    init(_ event: AuditEvent) {
        self.id = event.id
        self.occurredAt = event.occurredAt
        self.action = event.action
        self.actorUserId = event.actorUserID
        self.target = event.target
        self.ip = event.ip
        self.requestId = event.requestID
        self.details = (try? JSONDecoder().decode([String: String].self, from: Data(event.detailsJSON.utf8))) ?? [:]
    }
}

struct ListView<Item: Encodable>: Encodable {
    let items: [Item]
}
