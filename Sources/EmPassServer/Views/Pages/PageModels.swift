import Foundation
import Storage

// Plain view models, one per page. Templates read them as `{{page.…}}`; all values are escaped.

struct HomePage {
    let loggedIn: Bool
    let displayName: String
}

struct LoginPage {
    let email: String
    let next: String
    /// A translated message when the last attempt failed.
    let error: String?
}

struct AccountPage {
    struct TokenRow {
        let id: String
        let name: String
        let createdAt: String
        let revokedAt: String?
        let active: Bool
    }

    let displayName: String
    let email: String
    let role: String
    let organisationName: String?
    let canCreateTokens: Bool
    let tokens: [TokenRow]
    let hasTokens: Bool
    /// The secret of a token just created: shown on this one response only.
    let newTokenSecret: String?
    let newTokenName: String?
    /// Learners get a link to their tests (and the demo test) on the account page.
    let isLearner: Bool
    /// Assessors and administrators of a test centre get a link to its cohorts and sittings.
    let isCentreStaff: Bool
    /// Assessment experts (platform administrators) get a link to the item statistics.
    let isExpert: Bool

    init(user: User, roleLabel: String, organisation: Organisation?, tokens: [ApiToken], canCreateTokens: Bool,
         newToken: (secret: String, token: ApiToken)? = nil) {
        self.displayName = user.displayName
        self.email = user.email
        self.role = roleLabel
        self.organisationName = organisation.map { "\($0.name) (\($0.country))" }
        self.canCreateTokens = canCreateTokens
        self.tokens = tokens.reversed().map {
            TokenRow(id: $0.id.description, name: $0.name, createdAt: Timestamp.format($0.createdAt),
                     revokedAt: $0.revokedAt.map(Timestamp.format), active: $0.isActive)
        }
        self.hasTokens = !tokens.isEmpty
        self.newTokenSecret = newToken?.secret
        self.newTokenName = newToken?.token.name
        self.isLearner = user.role == .learner
        self.isCentreStaff = (user.role == .assessor || user.role == .orgAdmin) && organisation?.kind == .testCentre
        self.isExpert = user.role == .platformAdmin
    }
}

struct AuditPage {
    struct Row {
        let occurredAt: String
        let action: String
        let actor: String
        let target: String
        let ip: String
        let requestID: String
        let details: String
    }

    let rows: [Row]
    let hasRows: Bool
    let nextPage: String?
}

struct ErrorPage {
    let status: Int
    let title: String
    let detail: String
    let requestID: String
}
