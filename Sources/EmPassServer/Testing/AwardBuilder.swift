import Assessment
import Catalogue
import Foundation
import Storage

/// Turns a scored session (and optional practical evidence) into an `AwardRecord` that holds
/// everything credential issuance needs. Pure: ids, time and the specification are passed in.
struct AwardBuilder {
    /// The award rule of `spec` for `form`: its skills the form measures, at the highest level the
    /// spec requires (one level for all, as `AwardRule` has), with the default 80 % probability.
    static func rule(for spec: MicroCredentialSpec, form: Form) -> AwardRule {
        let required = spec.content.skills.compactMap { requirement in
            Assessment.SkillID(rawValue: requirement.skill.rawValue).map { ($0, requirement.requiredLevel) }
        }.filter { form.skills.contains($0.0) }
        let level = ProficiencyLevel(rawValue: required.map(\.1).max() ?? 2) ?? .entry
        let skills = required.isEmpty ? form.skills : required.map(\.0)
        return (try? AwardRule(requiredLevel: level, skills: skills)) ?? .default
    }

    static func ruleJSON(_ rule: AwardRule) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(rule)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Supervision actually in force: a sitting at a test centre runs as the specification says;
    /// a self-service test (the demo) is unsupervised without identity verification, and the
    /// record says so rather than copying the specification's claim.
    static func supervision(spec: MicroCredentialSpec, record: TestSessionRecord) -> String {
        record.sittingID == nil ? SupervisionAndIdentityVerification.unsupervisedNoIdentityVerification.rawValue
            : (spec.content.assessment.supervision ?? .supervisedOnSiteNoIdentityVerification).rawValue
    }

    static func automatic(
        id: AwardID, record: TestSessionRecord, results: SessionResults, spec: MicroCredentialSpec, bankVersion: String,
        at now: Date
    ) -> AwardRecord {
        let skills = results.award.skills.map { outcome -> AwardedSkill in
            let result = results.skills.first { $0.skill == outcome.skill }
            let status: SkillAwardStatus
            let probability: Double?
            switch outcome.reason {
            case .met(let p): (status, probability) = (.met, p)
            case .belowRequiredProbability(let p): (status, probability) = (.notMet, p)
            case .notAssessed: (status, probability) = (.notAssessed, nil)
            }
            return AwardedSkill(skill: outcome.skill.rawValue, level: result.flatMap { $0.itemCount > 0 ? $0.level.rawValue : nil },
                                status: status, theta: result?.theta, standardError: result?.standardError,
                                probability: probability, evidence: "test")
        }
        return AwardRecord(
            id: id, learnerID: record.learnerID, sessionID: record.id, awarded: results.award.awarded,
            specID: spec.id.rawValue, specVersion: spec.version, specContentHash: spec.contentHash, formID: record.formID,
            itemBankVersion: bankVersion, model: "GRM", decidedAt: now, organisationID: record.organisationID,
            supervision: supervision(spec: spec, record: record), decidedBy: .automatic, assessorID: nil, basis: .test,
            ruleJSON: ruleJSON(results.award.rule), skills: skills)
    }
}
