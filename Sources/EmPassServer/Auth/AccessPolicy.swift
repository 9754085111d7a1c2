import Storage

/// What someone wants to do. Routes describe the act; `AccessPolicy` alone decides.
public enum Action: Sendable {
    case viewOwnAccount
    case readUser(User)
    /// nil: across all organisations.
    case listUsers(organisation: OrganisationID?)
    case createUser(role: Role, organisation: OrganisationID?)
    case changeRole(of: User, to: Role)
    case listOrganisations
    case createApiToken
    case listOwnApiTokens
    case revokeApiToken(owner: UserID)
    case readAuditLog
    /// Create a new micro-credential specification owned by `owner` (nil: the platform).
    case createSpec(owner: Organisation?)
    /// Publish or revise a version of a specification owned by `owner` (nil: the platform).
    case manageSpec(owner: Organisation?)
    /// Create, correct or withdraw a quality-assurance record of `provider`; `selfAssessment` when
    /// the record is (and, for a correction, stays) a self-assessment by the provider itself.
    case manageQARecord(provider: Organisation, selfAssessment: Bool)
    /// Start a test (learners only).
    case takeTest
    /// Answer, submit or resume a test session owned by `owner` (only the learner themself).
    case useTestSession(owner: UserID)
    /// Read a learner's results profile and award.
    case viewTestResults(learner: User)
    /// Cohorts, enrolment, sittings, progress and practical scores of a test centre.
    case manageTesting(centre: Organisation)
    /// Item statistics, reliability, DIF and the response export (assessment experts).
    case viewItemStatistics
    /// Issue a credential on behalf of `organisation` (VC-API, awards on practical evidence).
    case issueCredential(organisation: OrganisationID)
    /// Revoke, suspend or unsuspend a credential `organisation` issued; list its credentials.
    case manageCredentialStatus(organisation: OrganisationID)
    /// Rotate the organisation's issuer key.
    case rotateIssuerKey(organisation: OrganisationID)
    /// See one's own wallet (every logged-in user has one, possibly empty).
    case viewWallet
    /// Download, print or share a wallet credential held by `holder` (its learner account).
    case useWalletCredential(holder: UserID?)
    /// Revoke a share link made by `owner`.
    case manageShareLink(owner: UserID)
}

public enum Decision: Sendable, Equatable {
    case allow
    case deny(String)
}

/// The one place where role × action → allow/deny is decided. Every route asks it (through
/// `AppRequestContext.authorize`), so the rules can be read and tested in one table.
public enum AccessPolicy {
    /// Roles an organisation admin may hand out inside their own organisation.
    static let rolesAnOrgAdminManages: Set<Role> = [.assessor, .learner, .employer]
    /// Learners hold no API tokens in this version: nothing they do needs a machine client.
    static let rolesWithApiTokens: Set<Role> = [.platformAdmin, .orgAdmin, .assessor, .employer]

    public static func decide(_ user: User, _ action: Action) -> Decision {
        let isPlatformAdmin = user.role == .platformAdmin
        switch action {
        case .viewOwnAccount, .listOwnApiTokens, .listOrganisations:
            return .allow

        case .readUser(let target):
            if target.id == user.id || isPlatformAdmin { return .allow }
            if sameOrganisation(user, target.organisationID) {
                if user.role == .orgAdmin { return .allow }
                if user.role == .assessor, target.role == .learner { return .allow }
            }
            return .deny("you may only read your own account")

        case .listUsers(let organisation):
            if isPlatformAdmin { return .allow }
            if user.role == .orgAdmin, let organisation, sameOrganisation(user, organisation) { return .allow }
            return .deny("listing users needs an administrator of that organisation")

        case .createUser(let role, let organisation):
            if isPlatformAdmin { return .allow }
            if user.role == .orgAdmin, let organisation, sameOrganisation(user, organisation),
               rolesAnOrgAdminManages.contains(role) { return .allow }
            return .deny("creating this account needs a platform administrator")

        case .changeRole(let target, let newRole):
            if target.id == user.id { return .deny("you cannot change your own role") }
            if isPlatformAdmin { return .allow }
            if user.role == .orgAdmin, sameOrganisation(user, target.organisationID),
               rolesAnOrgAdminManages.contains(target.role), rolesAnOrgAdminManages.contains(newRole) { return .allow }
            return .deny("changing this role needs a platform administrator")

        case .createApiToken:
            return rolesWithApiTokens.contains(user.role) ? .allow : .deny("your role cannot hold API tokens")

        case .revokeApiToken(let owner):
            return owner == user.id || isPlatformAdmin ? .allow : .deny("you may only revoke your own tokens")

        case .readAuditLog:
            return isPlatformAdmin ? .allow : .deny("the audit log is for platform administrators")

        case .createSpec(let owner), .manageSpec(let owner):
            // Specifications belong to issuers: an issuer's own administrators manage its
            // specifications; platform-owned ones (the flagship) only platform administrators.
            if isPlatformAdmin { return .allow }
            if user.role == .orgAdmin, let owner, owner.kind == .issuer, sameOrganisation(user, owner.id) { return .allow }
            return .deny("managing specifications needs an administrator of the issuer that owns them")

        case .manageQARecord(let provider, let selfAssessment):
            // External QA (inspection, certification, accreditation, awards) is entered by a platform
            // administrator on behalf of the QA body; a provider's own administrator may only declare
            // its own self-assessments, which pages and the API label as such.
            if isPlatformAdmin { return .allow }
            if user.role == .orgAdmin, selfAssessment, sameOrganisation(user, provider.id) { return .allow }
            return .deny("an organisation administrator may only record its own organisation's self-assessments; other quality-assurance records are entered by a platform administrator for the QA body")
        case .takeTest:
            return user.role == .learner ? .allow : .deny("tests are taken with a learner account")

        case .useTestSession(let owner):
            return user.role == .learner && owner == user.id ? .allow : .deny("a test session is used only by its learner")

        case .viewTestResults(let learner):
            if learner.id == user.id || isPlatformAdmin { return .allow }
            if [.assessor, .orgAdmin].contains(user.role), sameOrganisation(user, learner.organisationID) { return .allow }
            return .deny("results are seen by the learner and their test centre's assessors")

        case .manageTesting(let centre):
            // Assessors and administrators of the centre itself; nobody else sees its learners.
            if centre.kind == .testCentre, [.assessor, .orgAdmin].contains(user.role), sameOrganisation(user, centre.id) { return .allow }
            return .deny("this needs an assessor of the test centre")

        case .viewItemStatistics:
            // Assessment experts are the platform administrators: the statistics pool every centre's data.
            return isPlatformAdmin ? .allow : .deny("item statistics are for assessment experts (platform administrators)")
        case .issueCredential(let organisation):
            // Assessors award on practical evidence; organisation administrators issue too.
            if (user.role == .orgAdmin || user.role == .assessor) && sameOrganisation(user, organisation) { return .allow }
            return .deny("issuing needs an administrator or assessor of the issuing organisation")

        case .manageCredentialStatus(let organisation), .rotateIssuerKey(let organisation):
            if isPlatformAdmin { return .allow }
            if user.role == .orgAdmin, sameOrganisation(user, organisation) { return .allow }
            return .deny("this needs an administrator of the issuing organisation")

        case .viewWallet:
            return .allow
        // A wallet is private to its learner: not even administrators act in it.
        case .useWalletCredential(let holder):
            return holder == user.id ? .allow : .deny("this credential is not in your wallet")
        case .manageShareLink(let owner):
            return owner == user.id ? .allow : .deny("only the learner who made a share link can change it")
        }
    }

    private static func sameOrganisation(_ user: User, _ organisation: OrganisationID?) -> Bool {
        guard let mine = user.organisationID, let organisation else { return false }
        return mine == organisation
    }
}

extension AppRequestContext {
    /// The caller, if the policy allows `action`; else `unauthenticated` (nobody logged in) or `forbidden`.
    @discardableResult
    public func authorize(_ action: Action) throws -> Principal {
        guard let principal else { throw AppError.unauthenticated }
        switch AccessPolicy.decide(principal.user, action) {
        case .allow: return principal
        case .deny(let reason): throw AppError.forbidden(reason)
        }
    }

    /// The caller, or `unauthenticated`.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw AppError.unauthenticated }
        return principal
    }
}
