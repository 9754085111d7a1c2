import Foundation
import Storage

/// Why a bulk-issuance row was not issued, as a message code and its parameters: stored with the
/// row, rendered in the reader's language (`bulk_reason_<code>` in Messages/bulk). Parameters are
/// what the file said or the specification requires, never a learner's email.
struct BulkRowReason: Error, Sendable, Equatable, CustomStringConvertible {
    let code: String
    let arguments: [String: String]

    init(_ code: String, _ arguments: [String: String] = [:]) {
        self.code = code
        self.arguments = arguments
    }

    /// The English text (logs; the stored form is the code).
    var description: String { "\(code) \(arguments)" }

    static func fieldCount(expected: Int, found: Int) -> Self { .init("field_count", ["expected": String(expected), "found": String(found)]) }
    static let learnerMissing = Self("learner_missing")
    static let specificationMissing = Self("specification_missing")
    static func specificationUnknown(_ spec: String) -> Self { .init("specification_unknown", ["spec": spec]) }
    static func specificationUnpublished(_ spec: String) -> Self { .init("specification_unpublished", ["spec": spec]) }
    static func versionNotNumber(_ text: String) -> Self { .init("version_not_number", ["value": text]) }
    static func sameLearnerTwice(row: Int) -> Self { .init("same_learner_twice", ["row": String(row)]) }
    static func estimateWithoutLevel(_ skill: String) -> Self { .init("estimate_without_level", ["skill": skill]) }
    static func levelNotWholeNumber(_ skill: String, _ text: String) -> Self { .init("level_not_number", ["skill": skill, "value": text]) }
    static func thetaNotNumber(_ skill: String, _ text: String) -> Self { .init("theta_not_number", ["skill": skill, "value": text]) }
    static func standardErrorNotNumber(_ skill: String, _ text: String) -> Self { .init("se_not_number", ["skill": skill, "value": text]) }
    static func consentNotYesNo(_ text: String) -> Self { .init("consent_not_yes_no", ["value": text]) }
    static let nameTooLong = Self("name_too_long", ["maximum": "200"])
    static let validUntilPast = Self("valid_until_past")
    static let assessedAtFuture = Self("assessed_at_future")
    static func notADate(_ column: String, _ text: String) -> Self { .init("not_a_date", ["column": column, "value": text]) }
    static func unknownSupervision(_ text: String, allowed: [String]) -> Self {
        .init("unknown_supervision", ["value": text, "allowed": allowed.joined(separator: ", ")])
    }
    static func formatUnknown(_ text: String) -> Self { .init("format_unknown", ["value": text]) }
    /// A stored row without its award, or one that no longer decodes (written by another version).
    static let noAward = Self("no_award")
    static let unreadableRow = Self("unreadable_row")
    /// The database failed on every attempt; the row kept its input and can be retried.
    static func transient(attempts: Int) -> Self { .init("transient_failure", ["attempts": String(attempts)]) }

    /// Every code, for the catalogue test (each must have a message in every language).
    static let allCodes = [
        "field_count", "learner_missing", "specification_missing", "specification_unknown", "specification_unpublished",
        "version_not_number", "same_learner_twice", "estimate_without_level", "level_not_number", "theta_not_number",
        "se_not_number", "consent_not_yes_no", "name_too_long", "valid_until_past", "assessed_at_future", "not_a_date",
        "unknown_supervision", "format_unknown", "no_award", "unreadable_row", "transient_failure",
        "spec_not_found", "spec_not_issuable", "unknown_skill", "skill_not_in_spec", "duplicate_skill", "missing_skill",
        "level_out_of_range", "estimate_theta_range", "estimate_se_positive", "estimate_pair", "estimate_unusable",
        "invalid_did", "invalid_email", "validity_order", "test_centre_not_found", "organisation_cannot_issue",
        "key_reused", "invalid_credential", "signing_failed",
    ]

    /// An issuance refusal as a code (the same checks run on upload and again when issuing).
    init(_ error: IssuanceError) {
        switch error {
        case .specNotFound(let id, let version): self.init("spec_not_found", ["spec": id, "version": String(version)])
        case .specNotIssuable(let id, let version, let status):
            self.init("spec_not_issuable", ["spec": id, "version": String(version), "status": status])
        case .unknownSkill(let skill): self.init("unknown_skill", ["skill": skill])
        case .skillNotInSpecification(let skill): self.init("skill_not_in_spec", ["skill": skill])
        case .duplicateSkillResult(let skill): self.init("duplicate_skill", ["skill": skill])
        case .missingSkillResult(let skill): self.init("missing_skill", ["skill": skill])
        case .levelOutOfRange(let skill, let level, let allowed):
            self.init("level_out_of_range", ["skill": skill, "level": String(level), "allowed": allowed.map(String.init).joined(separator: ", ")])
        case .invalidEstimate(let skill, let reason):
            // `IssuanceService.validate` words three cases; anything else keeps a generic code.
            let code = reason.hasPrefix("θ must") ? "estimate_theta_range"
                : reason.contains("positive") ? "estimate_se_positive"
                : reason.contains("go together") ? "estimate_pair" : "estimate_unusable"
            self.init(code, ["skill": skill])
        case .invalidLearnerDID(let did): self.init("invalid_did", ["did": did])
        case .invalidLearnerEmail: self.init("invalid_email")
        case .invalidValidity: self.init("validity_order")
        case .testCentreNotFound(let id): self.init("test_centre_not_found", ["id": id])
        case .organisationCannotIssue: self.init("organisation_cannot_issue")
        case .idempotencyKeyReused: self.init("key_reused")
        case .invalidCredential: self.init("invalid_credential")
        case .signingFailed: self.init("signing_failed")
        }
    }

    /// The row's reason in `language`: its code's message, or the English text of a row stored
    /// before reason codes.
    /// `strings` is the language's catalogue (`MessageCatalogue.strings(for:)`, fetched once per report).
    static func text(of row: IssuanceBatchRow, strings: [String: String]) -> String? {
        guard let code = row.reasonCode else { return row.reason }
        var text = strings["bulk_reason_\(code)"] ?? code
        for (name, value) in row.reasonArguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
