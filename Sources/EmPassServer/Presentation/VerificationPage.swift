import Credentials
import Foundation
import LinkedData

/// `/verify`: the form (paste JSON or upload a badge) and, after a submission, the verdict with
/// every failed check in plain words, the issuer and its quality assurance, the learner, the
/// achievement's EU elements, per-skill levels and the status.
struct VerificationPage {
    struct Check: Sendable {
        let title: String
        let detail: String
        let failed: Bool
        let warning: Bool
    }

    struct Result: Sendable {
        /// valid, invalid, or unchecked (signature fine, status could not be checked).
        let verdict: String
        let isValid: Bool
        let isInvalid: Bool
        let isUnchecked: Bool
        let verdictTitle: String
        let verdictText: String
        let failures: [Check]
        let hasFailures: Bool
        let checks: [Check]
        let issuerName: String
        let issuerID: String
        let qualityAssurance: String
        let learner: String
        let issuedOn: String
        let validUntil: String?
        let achievementName: String
        let achievementDescription: String
        let criteria: String
        let sections: [AchievementElements.Section]
        let skills: [AchievementElements.SkillLevel]
        let hasSkills: Bool
        let status: String
        let statusText: String
        let statusProblems: [String]
        let source: String
    }

    let result: Result?
    let pasted: String
    let maxUploadKiB: Int

    static func verdict(for report: VerificationReport) -> String {
        if report.isValid { return "valid" }
        return report.failures.allSatisfy { $0.reason == .statusNotChecked } ? "unchecked" : "invalid"
    }

    /// `t` gives a message in the page language (English where one is missing).
    static func result(_ outcome: CredentialVerificationOutcome, language: Language, t: @escaping (String) -> String?) -> Result {
        let report = outcome.report
        let verdict = verdict(for: report)
        func check(_ c: VerificationCheck) -> Check {
            let title = t("verify_reason_\(c.reason.rawValue)") ?? t("verify_kind_\(c.kind.rawValue)") ?? c.kind.rawValue
            return Check(title: "\(t("verify_kind_\(c.kind.rawValue)") ?? c.kind.rawValue): \(title)", detail: c.message,
                         failed: c.status == .fail, warning: c.status == .warning)
        }
        let credential = outcome.credential ?? JSONObject()
        let subject = credential["credentialSubject"].flatMap { $0.objectValue ?? $0.arrayValue?.first?.objectValue } ?? JSONObject()
        let achievement = subject["achievement"]?.objectValue ?? JSONObject()
        let elements = AchievementElements(achievement: achievement, language: language.rawValue, t: t)

        let issuerName = elements.text(credential["issuer"]?["name"]) ?? ""
        let learner: String
        if let name = elements.text(subject["name"]) {
            learner = name
        } else if let id = subject["id"]?.stringValue {
            learner = (t("verify_learner_did") ?? "Identified by {id}").replacingOccurrences(of: "{id}", with: id)
        } else if let identifier = subject["identifier"]?.arrayValue?.first, let type = identifier["identityType"]?.stringValue {
            let hashed = identifier["hashed"] == .bool(true)
            learner = (t(hashed ? "verify_learner_hashed" : "verify_learner_identifier") ?? "{type}")
                .replacingOccurrences(of: "{type}", with: type)
        } else {
            learner = t("verify_learner_unknown") ?? "—"
        }

        let qa: String
        switch outcome.qualityAssurance {
        case .valid(let body, let detail):
            qa = (t("verify_qa_valid") ?? "{body}").replacingOccurrences(of: "{body}", with: body) + (detail.map { " (\($0))" } ?? "")
        case .notValid(let reason):
            qa = (t("verify_qa_not_valid") ?? "{reason}").replacingOccurrences(of: "{reason}", with: reason)
        case .notKnown:
            qa = t("verify_qa_not_known") ?? "not known"
        }

        // The status line: expiry is a validity-period fact, so it is named here too.
        let expired = report.checks(.validityPeriod).contains { $0.reason == .expired }
        let statusKey = expired && outcome.status.state != .revoked ? "expired" : outcome.status.state.rawValue
        let results = subject["result"]?.arrayValue ?? []
        let skills = elements.skillLevels(results: results)
        let validFrom = (credential["validFrom"] ?? credential["issuanceDate"])?.stringValue
        let validUntil = (credential["validUntil"] ?? credential["expirationDate"])?.stringValue

        return Result(
            verdict: verdict, isValid: verdict == "valid", isInvalid: verdict == "invalid", isUnchecked: verdict == "unchecked",
            verdictTitle: t("verify_verdict_\(verdict)") ?? verdict, verdictText: t("verify_verdict_\(verdict)_text") ?? "",
            failures: report.failures.map(check), hasFailures: !report.failures.isEmpty, checks: report.checks.map(check),
            issuerName: issuerName, issuerID: report.issuer ?? "—", qualityAssurance: qa, learner: learner,
            issuedOn: validFrom.map(Self.day) ?? "—", validUntil: validUntil.map(Self.day),
            achievementName: elements.name, achievementDescription: elements.description, criteria: elements.criteria,
            sections: achievement.isEmpty ? [] : elements.sections, skills: skills, hasSkills: !skills.isEmpty,
            status: t("verify_status_\(statusKey)") ?? statusKey, statusText: t("verify_status_\(statusKey)_text") ?? "",
            statusProblems: outcome.status.problems,
            source: t("verify_source_\(outcome.source.rawValue)") ?? outcome.source.rawValue
        )
    }

    /// `2026-03-01T10:00:00Z` → `2026-03-01` (dates read the same in every language).
    static func day(_ stamp: String) -> String { String(stamp.prefix(10)) }
}
