import Catalogue
import Foundation
import Logging
import Storage

/// Turns a positive award decision into the learner's signed credential: builds the `AwardInput`
/// from the stored award record, issues it under the awarding organisation and records the
/// credential's id on the award. Safe to call again for the same award: the idempotency key is
/// the award's id, so a retry after a failure (or a second call) returns the same credential.
///
/// The awarding organisation is the issuer that owns the specification; for a platform-owned
/// specification (the flagship) it is the platform's only issuer organisation, and when there are
/// several the award's test centre issues (a test centre may issue, see `IssuanceService`).
struct AwardCredentialIssuer: Sendable {
    let services: AppServices

    enum Outcome: Sendable, Equatable {
        /// Newly issued or found from an earlier call.
        case issued(credentialID: String)
        /// Nothing to issue: the decision was negative.
        case notAwarded
        /// The award cannot become a credential as recorded (why, in words for logs and pages).
        case notIssuable(String)
    }

    /// Issues the credential for `award` if it was awarded and has none yet.
    @discardableResult
    func issue(for award: AwardRecord) async throws -> Outcome {
        guard award.awarded else { return .notAwarded }
        if let existing = award.credentialID { return .issued(credentialID: existing) }
        guard let organisation = try await awardingOrganisation(for: award) else {
            return .notIssuable("no organisation on this platform can issue the credential")
        }
        let input: AwardInput
        switch try await Self.input(for: award, issuer: organisation, services: services) {
        case .success(let built): input = built
        case .failure(let reason): return .notIssuable(reason.description)
        }
        let issued = try await services.issuance.issue(
            input, organisation: organisation, options: IssuanceOptions(idempotencyKey: "award:\(award.id)"))
        let credentialID = issued.record.id.description
        try await services.testing.awards.setCredentialID(credentialID, forAward: award.id)
        if !issued.replayed {
            try await services.audit.record(.credentialIssued, actor: nil, target: "credential:\(credentialID)", context: nil,
                                            details: ["award": award.id.description, "organisation": organisation.slug])
        }
        return .issued(credentialID: credentialID)
    }

    /// `issue(for:)` for a decision just stored: the award stands whatever happens here, so a
    /// failure is logged and left for `issueAwaiting` (at the next start) or the next call.
    func issueReportingFailure(for award: AwardRecord) async {
        do {
            if case .notIssuable(let reason) = try await issue(for: award) {
                services.logger.warning("award \(award.id): no credential: \(reason)")
            }
        } catch {
            services.logger.warning("award \(award.id): credential not issued yet: \(error)")
        }
    }

    /// Issues what earlier attempts left undone (a failure after the decision was stored); called
    /// at start-up so no positive award stays without its credential.
    func issueAwaiting(limit: Int = 500) async -> Int {
        var issued = 0
        do {
            for award in try await services.testing.awards.awardsAwaitingCredential(limit: limit) {
                do {
                    if case .issued = try await issue(for: award) { issued += 1 }
                } catch {
                    services.logger.warning("award \(award.id): credential not issued yet: \(error)")
                }
            }
        } catch {
            services.logger.warning("awards awaiting a credential could not be read: \(error)")
        }
        return issued
    }

    enum NotIssuable: Error, CustomStringConvertible {
        case learnerMissing
        case skillWithoutLevel(String)
        case unknownSupervision(String?)

        var description: String {
            switch self {
            case .learnerMissing: "the learner's account no longer exists"
            case .skillWithoutLevel(let skill): "skill \(skill) has no level"
            case .unknownSupervision(let value): "unknown supervision mode \(value ?? "(none)")"
            }
        }
    }

    /// The credential's input: the learner named by their email (written only as a salted hash),
    /// their name left out (no consent is recorded), one Result per skill — with θ and SE when a
    /// test measured it, else (practical evidence) with the assessor's rubric scoring as Evidence.
    static func input(for award: AwardRecord, issuer: Organisation, services: AppServices) async throws -> Result<AwardInput, NotIssuable> {
        guard let learner = try await services.users.user(id: award.learnerID) else { return .failure(.learnerMissing) }
        var results: [AwardInput.SkillResult] = []
        var rubric: [RubricAssessment] = []
        var practicalScores: [PracticalScoreRecord]?
        for skill in award.skills {
            guard let level = skill.level else { return .failure(.skillWithoutLevel(skill.skill)) }
            let status: SkillResultStatus = switch skill.status {
            case .met: .completed
            case .notMet: .failed
            case .notAssessed: .provisional
            }
            if let theta = skill.theta, let se = skill.standardError {
                results.append(AwardInput.SkillResult(skill: skill.skill, level: level, status: status, theta: theta, standardError: se))
                continue
            }
            // Practical evidence: the level without θ, and the rubric scoring it rests on (the
            // latest score for the skill made before the decision, as PracticalEvidence chose it).
            results.append(AwardInput.SkillResult(skill: skill.skill, level: level, status: status))
            if practicalScores == nil { practicalScores = try await services.testing.cohorts.practicalScores(learnerID: award.learnerID) }
            if let score = practicalScores?.filter({ $0.skill == skill.skill && $0.scoredAt <= award.decidedAt })
                .max(by: { $0.scoredAt < $1.scoredAt }) {
                rubric.append(RubricAssessment(
                    skill: skill.skill, task: score.task,
                    criteria: score.criteria.map { .init(name: $0.name, score: $0.score, maximum: PracticalEvidence.scoreRange.upperBound) },
                    assessedAt: score.scoredAt))
            }
        }
        guard let supervision = award.supervision.flatMap(SupervisionAndIdentityVerification.init(rawValue:)) else {
            return .failure(.unknownSupervision(award.supervision))
        }
        let awardedBy: AwardInput.AwardedBy = switch (award.decidedBy, award.assessorID) {
        case (.assessor, let assessor?): .assessor(assessor, narrative: "Awarded by an assessor on \(award.basis.rawValue) evidence")
        default: .automatic
        }
        let evidence = AwardInput.AssessmentEvidence(
            formID: award.formID ?? "practical", itemBankVersion: award.itemBankVersion ?? "none", model: award.model,
            assessedAt: award.decidedAt, testCentre: award.organisationID ?? learner.organisationID ?? issuer.id,
            supervision: supervision)
        return .success(AwardInput(
            learnerUserID: learner.id, learner: .email(learner.email), learnerName: learner.displayName, nameConsent: false,
            specID: award.specID, specVersion: award.specVersion, results: results, evidence: evidence,
            validFrom: award.decidedAt, awardedBy: awardedBy, rubric: rubric.isEmpty ? nil : rubric))
    }

    private func awardingOrganisation(for award: AwardRecord) async throws -> Organisation? {
        if let owner = try await services.specs.specVersion(id: award.specID, version: award.specVersion)?.organisationID,
           let organisation = try await services.organisations.organisation(id: owner), organisation.kind == .issuer {
            return organisation
        }
        let issuers = try await services.organisations.organisations().filter { $0.kind == .issuer }
        if issuers.count == 1 { return issuers[0] }
        if let centre = award.organisationID { return try await services.organisations.organisation(id: centre) }
        return nil
    }
}
