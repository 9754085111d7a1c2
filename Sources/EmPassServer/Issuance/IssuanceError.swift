import Foundation

/// Why a credential could not be issued. Mapped to HTTP in ErrorMapping (4xx: the request, not
/// the server, is at fault — except `signingFailed`).
public enum IssuanceError: Error, Equatable, CustomStringConvertible {
    case specNotFound(id: String, version: Int)
    case specNotIssuable(id: String, version: Int, status: String)
    case unknownSkill(String)
    case skillNotInSpecification(String)
    case duplicateSkillResult(String)
    case missingSkillResult(String)
    case levelOutOfRange(skill: String, level: Int, allowed: [Int])
    case invalidEstimate(skill: String, reason: String)
    case invalidLearnerDID(String)
    case invalidLearnerEmail
    case invalidValidity(String)
    case testCentreNotFound(String)
    case organisationCannotIssue(String)
    case idempotencyKeyReused(String)
    case invalidCredential(String)
    case signingFailed(String)

    public var description: String {
        switch self {
        case .specNotFound(let id, let version): "specification \(id) version \(version) does not exist"
        case .specNotIssuable(let id, let version, let status):
            "specification \(id) version \(version) is \(status); credentials are issued only against published versions"
        case .unknownSkill(let skill): "skill \(skill) is not in the skills framework"
        case .skillNotInSpecification(let skill): "skill \(skill) is not assessed by this specification"
        case .duplicateSkillResult(let skill): "skill \(skill) has more than one result"
        case .missingSkillResult(let skill): "the specification assesses \(skill) but the award has no result for it"
        case .levelOutOfRange(let skill, let level, let allowed):
            "level \(level) of \(skill) is not one of \(allowed.map(String.init).joined(separator: ", "))"
        case .invalidEstimate(let skill, let reason): "the ability estimate for \(skill) is not usable: \(reason)"
        case .invalidLearnerDID(let did): "\(did) is not a DID (did:method:identifier)"
        case .invalidLearnerEmail: "the learner's email address is not valid"
        case .invalidValidity(let reason): "invalid validity period: \(reason)"
        case .testCentreNotFound(let id): "test centre \(id) does not exist"
        case .organisationCannotIssue(let why): "this organisation cannot issue credentials: \(why)"
        case .idempotencyKeyReused(let key): "Idempotency-Key \(key) was already used for a different request"
        case .invalidCredential(let reason): "the credential cannot be issued: \(reason)"
        case .signingFailed(let reason): "signing failed: \(reason)"
        }
    }
}
