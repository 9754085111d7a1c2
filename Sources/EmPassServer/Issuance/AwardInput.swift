import Catalogue
import Foundation
import Storage

/// Everything needed to issue an EmPass credential for one award: who, against which exact
/// specification version, with which per-skill results and on what evidence. Built from a
/// positive award decision (automatic) or by an assessor on practical evidence.
public struct AwardInput: Sendable, Hashable, Codable {
    /// How the learner is named in the credential: their DID, or their email, which is only ever
    /// written as a salted SHA-256 IdentityObject.
    public enum LearnerIdentifier: Sendable, Hashable, Codable {
        case did(String)
        case email(String)
    }

    /// Who decided the award.
    public enum AwardedBy: Sendable, Hashable, Codable {
        /// The assessment's award decision (the scoring rules), no person involved.
        case automatic
        /// An authorised assessor, on practical evidence described in `narrative`.
        case assessor(UserID, narrative: String)
        /// An issuer's administrator or assessor, from a results file (`batch` names the upload).
        case bulkUpload(UserID, batch: String)
    }

    /// The platform account the credential is awarded to, when there is one.
    public var learnerUserID: UserID?
    public var learner: LearnerIdentifier
    /// The learner's name; written into the credential only when `nameConsent` is true.
    public var learnerName: String?
    public var nameConsent: Bool
    public var specID: String
    /// The exact version; the credential's Achievement is that version's, byte for byte.
    public var specVersion: Int
    public var results: [SkillResult]
    public var evidence: AssessmentEvidence
    /// nil: the moment of issuance.
    public var validFrom: Date?
    public var validUntil: Date?
    public var awardedBy: AwardedBy
    /// Rubric assessments behind results without θ (practical evidence), written as Evidence.
    /// Optional so that awards without them encode (and hash, for idempotency) as before.
    public var rubric: [RubricAssessment]?
    /// How to secure the credential; nil: as the organisation chose (Data Integrity by default).
    /// Absent from the encoding when nil, so earlier request hashes are unchanged.
    public var format: SecuringFormat?

    public init(learnerUserID: UserID? = nil, learner: LearnerIdentifier, learnerName: String? = nil, nameConsent: Bool = false,
                specID: String, specVersion: Int, results: [SkillResult], evidence: AssessmentEvidence,
                validFrom: Date? = nil, validUntil: Date? = nil, awardedBy: AwardedBy = .automatic,
                rubric: [RubricAssessment]? = nil) {
        self.learnerUserID = learnerUserID
        self.learner = learner
        self.learnerName = learnerName
        self.nameConsent = nameConsent
        self.specID = specID
        self.specVersion = specVersion
        self.results = results
        self.evidence = evidence
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.awardedBy = awardedBy
        self.rubric = rubric
    }

    /// One skill's outcome: the proficiency level reached, whether the required level was met,
    /// and, when a test measured it, the IRT estimate behind it (θ on the logit scale with its
    /// standard error; both or neither). A practical-only result has no θ: its evidence is the
    /// rubric assessment in `AwardInput.rubric`.
    public struct SkillResult: Sendable, Hashable, Codable {
        public var skill: String
        public var level: Int
        public var status: SkillResultStatus
        public var theta: Double?
        public var standardError: Double?

        public init(skill: String, level: Int, status: SkillResultStatus, theta: Double? = nil, standardError: Double? = nil) {
            self.skill = skill
            self.level = level
            self.status = status
            self.theta = theta
            self.standardError = standardError
        }
    }

    /// How the results were obtained.
    public struct AssessmentEvidence: Sendable, Hashable, Codable {
        public var formID: String
        public var itemBankVersion: String
        /// The measurement model, e.g. `GRM` or `2PL`.
        public var model: String
        public var assessedAt: Date
        public var testCentre: OrganisationID
        public var supervision: SupervisionAndIdentityVerification

        public init(formID: String, itemBankVersion: String, model: String, assessedAt: Date, testCentre: OrganisationID,
                    supervision: SupervisionAndIdentityVerification) {
            self.formID = formID
            self.itemBankVersion = itemBankVersion
            self.model = model
            self.assessedAt = assessedAt
            self.testCentre = testCentre
            self.supervision = supervision
        }
    }
}

/// An assessor's rubric scoring of a practical task for one skill (the evidence of a result
/// without θ).
public struct RubricAssessment: Sendable, Hashable, Codable {
    public struct Criterion: Sendable, Hashable, Codable {
        public var name: String
        public var score: Int
        public var maximum: Int

        public init(name: String, score: Int, maximum: Int) {
            self.name = name
            self.score = score
            self.maximum = maximum
        }
    }

    public var skill: String
    /// What the learner did (e.g. "customer phone call role play").
    public var task: String
    public var criteria: [Criterion]
    public var assessedAt: Date

    public init(skill: String, task: String, criteria: [Criterion], assessedAt: Date) {
        self.skill = skill
        self.task = task
        self.criteria = criteria
        self.assessedAt = assessedAt
    }

    public var total: Int { criteria.reduce(0) { $0 + $1.score } }
    public var maximum: Int { criteria.reduce(0) { $0 + $1.maximum } }
}

/// A Result's status, in Open Badges 3.0's ResultStatusType vocabulary.
public enum SkillResultStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The required level was reached.
    case completed = "Completed"
    /// Assessed, required level not reached.
    case failed = "Failed"
    case provisional = "Provisional"
}

/// How the issuer wants the credential made.
public struct IssuanceOptions: Sendable, Hashable {
    public var suite: ProofSuiteChoice
    public var issuerIdentity: IssuerIdentityKind
    /// A retry with the same key (per organisation) returns the first credential.
    public var idempotencyKey: String?
    public var statusLayout: StatusLayout
    /// Data Integrity (default) or VC-JWT (`options.format: "application/vc+jwt"`).
    public var format: SecuringFormat = .dataIntegrity

    public init(suite: ProofSuiteChoice = .eddsaRdfc2022, issuerIdentity: IssuerIdentityKind = .didWeb,
                idempotencyKey: String? = nil, statusLayout: StatusLayout = .revocationAndSuspension) {
        self.suite = suite
        self.issuerIdentity = issuerIdentity
        self.idempotencyKey = idempotencyKey
        self.statusLayout = statusLayout
    }

    public enum ProofSuiteChoice: String, Sendable, Hashable, Codable {
        case eddsaRdfc2022 = "eddsa-rdfc-2022"
        case eddsaJcs2022 = "eddsa-jcs-2022"
    }

    /// VC 2.0 allows several credentialStatus entries; the OB 3.0 JSON Schema allows one object.
    public enum StatusLayout: String, Sendable, Hashable, Codable {
        /// Two BitstringStatusListEntry values (revocation, suspension): can be revoked and suspended.
        case revocationAndSuspension
        /// One revocation entry as a single object: passes the OB 3.0 JSON Schema unchanged; such
        /// a credential can be revoked but not suspended.
        case revocationOnly

        var purposes: [StatusListPurpose] {
            switch self {
            case .revocationAndSuspension: [.revocation, .suspension]
            case .revocationOnly: [.revocation]
            }
        }
    }
}
