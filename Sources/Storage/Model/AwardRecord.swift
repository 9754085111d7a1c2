import Foundation

public typealias AwardID = EntityID<AwardRecord>

/// Who made an award decision.
public enum AwardDecider: String, Sendable, Codable, CaseIterable {
    /// The specification's award rule, applied when the session was scored.
    case automatic
    /// An assessor (e.g. on practical evidence); `AwardRecord.assessorID` says who.
    case assessor
}

/// What the decision rests on.
public enum AwardEvidenceBasis: String, Sendable, Codable, CaseIterable {
    case test, practical, testAndPractical
}

/// A skill's outcome in an award decision.
public enum SkillAwardStatus: String, Sendable, Codable, CaseIterable {
    case met, notMet, notAssessed
}

/// One skill of an award: level and status, with θ/SE/probability when a test measured it.
public struct AwardedSkill: Sendable, Codable, Hashable {
    /// Skill id of the framework, e.g. `teamwork`.
    public var skill: String
    /// Proficiency level 1–4 (nil when not assessed).
    public var level: Int?
    public var status: SkillAwardStatus
    public var theta: Double?
    public var standardError: Double?
    /// P(θ ≥ the rule's required level) when the test decided the skill.
    public var probability: Double?
    /// `test` or `practical`: the evidence this skill's outcome comes from.
    public var evidence: String

    public init(skill: String, level: Int?, status: SkillAwardStatus, theta: Double?, standardError: Double?,
                probability: Double?, evidence: String) {
        self.skill = skill
        self.level = level
        self.status = status
        self.theta = theta
        self.standardError = standardError
        self.probability = probability
        self.evidence = evidence
    }
}

/// An award decision with everything a credential will need, frozen when it is made.
/// Credential issuance reads it (`AwardStore.award(forSession:)`, `awards(forLearner:)`) and,
/// once the credential is signed, records its id with `setCredentialID`.
public struct AwardRecord: Sendable, Hashable {
    public var id: AwardID
    public var learnerID: UserID
    /// The scored test session (nil for an award on practical evidence alone).
    public var sessionID: TestSessionRecordID?
    /// True when the micro-credential is awarded; false records a decision not to award.
    public var awarded: Bool
    /// The specification and its exact version (and content hash) the award is made against.
    public var specID: String
    public var specVersion: Int
    public var specContentHash: String
    public var formID: String?
    /// Version of the item bank (content hash) the test used.
    public var itemBankVersion: String?
    /// The measurement model, `GRM` (Samejima's graded response model) for the EmPass test.
    public var model: String
    public var decidedAt: Date
    /// The test centre organisation.
    public var organisationID: OrganisationID?
    /// Supervision and identity verification mode (EU vocabulary, e.g. `supervisedOnSiteWithIdentityVerification`).
    public var supervision: String?
    public var decidedBy: AwardDecider
    public var assessorID: UserID?
    public var basis: AwardEvidenceBasis
    /// The award rule applied, as JSON text (required level, probability, skills).
    public var ruleJSON: String
    public var skills: [AwardedSkill]
    /// Filled once when a credential is issued for this award.
    public var credentialID: String?

    public init(id: AwardID, learnerID: UserID, sessionID: TestSessionRecordID?, awarded: Bool, specID: String,
                specVersion: Int, specContentHash: String, formID: String?, itemBankVersion: String?, model: String,
                decidedAt: Date, organisationID: OrganisationID?, supervision: String?, decidedBy: AwardDecider,
                assessorID: UserID?, basis: AwardEvidenceBasis, ruleJSON: String, skills: [AwardedSkill],
                credentialID: String? = nil) {
        self.id = id
        self.learnerID = learnerID
        self.sessionID = sessionID
        self.awarded = awarded
        self.specID = specID
        self.specVersion = specVersion
        self.specContentHash = specContentHash
        self.formID = formID
        self.itemBankVersion = itemBankVersion
        self.model = model
        self.decidedAt = decidedAt
        self.organisationID = organisationID
        self.supervision = supervision
        self.decidedBy = decidedBy
        self.assessorID = assessorID
        self.basis = basis
        self.ruleJSON = ruleJSON
        self.skills = skills
        self.credentialID = credentialID
    }
}
