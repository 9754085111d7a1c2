/// What the testing pages refuse, with a reason the learner or assessor can act on.
public enum TestingError: Error, Equatable, CustomStringConvertible {
    case unknownForm(String)
    case formNotSelfService(String)
    case unknownAccessCode
    case sittingClosed
    case notInCohort
    case sessionNotFound
    case missingRatings([Int])
    case unknownItem(String)
    case noSpecification
    case awardExists
    case awardNotJustified([String])

    public var description: String {
        switch self {
        case .unknownForm(let id): "there is no test form \(id)"
        case .formNotSelfService(let id): "form \(id) is taken at a test centre with a sitting's access code"
        case .unknownAccessCode: "no sitting has this access code; check it with your assessor"
        case .sittingClosed: "this sitting is closed; ask your assessor"
        case .notInCohort: "you are not enrolled in the cohort of this sitting"
        case .sessionNotFound: "this test session does not exist"
        case .missingRatings(let positions):
            "rate every response from 1 to 4 (missing: \(positions.map { String($0 + 1) }.joined(separator: ", ")))"
        case .unknownItem(let id): "scenario \(id) is not part of this session"
        case .noSpecification: "the micro-credential specification for awards is not available"
        case .awardExists: "an award decision already exists for this learner's test"
        case .awardNotJustified(let skills): "the evidence does not meet the rule for: \(skills.joined(separator: ", "))"
        }
    }
}
