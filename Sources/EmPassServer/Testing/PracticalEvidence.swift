import Assessment
import Catalogue
import Foundation
import Storage

/// Practical challenges: an assessor scores a learner's task for one skill on a rubric of three
/// criteria, each 0–3, and may award the micro-credential on that evidence.
enum PracticalEvidence {
    /// The rubric's criteria (message keys `practical_criterion_<id>`), the same for every skill:
    /// what the learner noticed, what they did, and how they explain it.
    static let criteria = ["recognises", "acts", "reflects"]
    static let scoreRange = 0...3

    /// The proficiency level a rubric result shows, from the mean criterion score m (0–3):
    /// m ≥ 2.5 → 4, m ≥ 2 → 3, m ≥ 1.5 → 2 (entry level), otherwise 1. The entry bar asks for
    /// "adequate" (2) on most criteria, mirroring the test's level 2.
    static func level(total: Int, maximum: Int) -> Int {
        guard maximum > 0 else { return 1 }
        let mean = 3 * Double(total) / Double(maximum)
        if mean >= 2.5 { return 4 }
        if mean >= 2 { return 3 }
        if mean >= 1.5 { return 2 }
        return 1
    }

    /// An assessor's award decision: each skill of the specification must be met by the latest
    /// practical score for it (level ≥ required) or, failing that, by the learner's latest
    /// automatic test decision. Throws `awardNotJustified` naming the skills that are not met.
    static func assessorAward(
        id: AwardID, learner: User, assessor: User, centre: OrganisationID, spec: MicroCredentialSpec,
        practical: [PracticalScoreRecord], testAward: AwardRecord?, at now: Date
    ) throws -> AwardRecord {
        var skills: [AwardedSkill] = []
        var usedTest = false, usedPractical = false
        for requirement in spec.content.skills {
            let skill = requirement.skill.rawValue
            if let score = practical.filter({ $0.skill == skill }).max(by: { $0.scoredAt < $1.scoredAt }) {
                let level = Self.level(total: score.total, maximum: score.maximum)
                if level >= requirement.requiredLevel {
                    usedPractical = true
                    skills.append(AwardedSkill(skill: skill, level: level, status: .met, theta: nil, standardError: nil,
                                               probability: nil, evidence: "practical"))
                    continue
                }
            }
            if let tested = testAward?.skills.first(where: { $0.skill == skill }), tested.status == .met {
                usedTest = true
                skills.append(tested)
                continue
            }
            skills.append(AwardedSkill(skill: skill, level: nil, status: .notMet, theta: nil, standardError: nil, probability: nil,
                                       evidence: "practical"))
        }
        let unmet = skills.filter { $0.status != .met }.map(\.skill)
        guard unmet.isEmpty else { throw TestingError.awardNotJustified(unmet) }
        let basis: AwardEvidenceBasis = usedTest && usedPractical ? .testAndPractical : usedTest ? .test : .practical
        return AwardRecord(
            id: id, learnerID: learner.id, sessionID: nil, awarded: true, specID: spec.id.rawValue, specVersion: spec.version,
            specContentHash: spec.contentHash, formID: usedTest ? testAward?.formID : nil,
            itemBankVersion: usedTest ? testAward?.itemBankVersion : nil, model: usedTest ? "GRM" : "rubric",
            decidedAt: now, organisationID: centre,
            supervision: (spec.content.assessment.supervision ?? .supervisedOnSiteNoIdentityVerification).rawValue,
            decidedBy: .assessor, assessorID: assessor.id, basis: basis,
            ruleJSON: #"{"practical":"mean criterion score ≥ 1.5 per required level 2 (see PracticalEvidence.level)","fallback":"automatic test decision"}"#,
            skills: skills)
    }
}
