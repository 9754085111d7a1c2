import Foundation
import Storage
import Testing
@testable import EmPassServer

/// Every reason a bulk row can carry has a message in every language, each language its own
/// wording, and every placeholder filled.
@Suite("Bulk row reasons")
struct BulkRowReasonTests {
    static let issuanceErrors: [IssuanceError] = [
        .specNotFound(id: "s", version: 2), .specNotIssuable(id: "s", version: 2, status: "draft"), .unknownSkill("k"),
        .skillNotInSpecification("k"), .duplicateSkillResult("k"), .missingSkillResult("k"),
        .levelOutOfRange(skill: "k", level: 9, allowed: [1, 2]), .invalidEstimate(skill: "k", reason: "θ must be a finite number within ±10"),
        .invalidEstimate(skill: "k", reason: "the standard error must be a positive number"),
        .invalidEstimate(skill: "k", reason: "θ and its standard error go together: give both or neither"),
        .invalidEstimate(skill: "k", reason: "other"), .invalidLearnerDID("did:x"), .invalidLearnerEmail, .invalidValidity("x"),
        .testCentreNotFound("t"), .organisationCannotIssue("x"), .idempotencyKeyReused("k"), .invalidCredential("x"), .signingFailed("x"),
    ]

    @Test("every code has a message in en, el, es and ro; translations differ from English")
    func everyCodeTranslated() throws {
        let catalogue = try MessageCatalogue.bundled()
        let english = catalogue.strings(for: .english)
        for code in BulkRowReason.allCodes {
            let key = "bulk_reason_\(code)"
            let text = try #require(english[key], "\(key) has no English message")
            for language in Language.allCases where language != .english {
                let translated = catalogue.strings(for: language)[key]
                #expect(translated != nil && translated != text, "\(key) in \(language)")
            }
        }
    }

    @Test("issuance refusals map to known codes and their parameters fill every placeholder")
    func refusalsRender() throws {
        let catalogue = try MessageCatalogue.bundled()
        var codes = Set<String>()
        for error in Self.issuanceErrors {
            let reason = BulkRowReason(error)
            #expect(BulkRowReason.allCodes.contains(reason.code), "\(error) → \(reason.code)")
            codes.insert(reason.code)
            let row = IssuanceBatchRow(batchID: .init(UUID()), number: 1, line: 2, learner: "x", inputJSON: nil, state: .failed,
                                       reasonCode: reason.code, reasonArguments: reason.arguments, updatedAt: Date())
            for language in Language.allCases {
                let text = try #require(BulkRowReason.text(of: row, strings: catalogue.strings(for: language)))
                #expect(!text.contains("{") && !text.contains("bulk_reason_"), "\(language): \(text)")
            }
        }
        #expect(codes.count == Self.issuanceErrors.count, "each refusal has its own code")
        // A row stored before codes shows its text as it was.
        let legacy = IssuanceBatchRow(batchID: .init(UUID()), number: 1, line: 2, learner: "x", inputJSON: nil, state: .failed,
                                      reason: "old English reason", updatedAt: Date())
        #expect(BulkRowReason.text(of: legacy, strings: catalogue.strings(for: .greek)) == "old English reason")
    }
}
