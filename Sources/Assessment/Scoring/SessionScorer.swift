import Foundation

/// Scores a submitted session: each answered scenario → category (ScenarioScoring), each skill →
/// EAP θ and SE (AbilityEstimator), level from the cut scores, posterior probabilities of each
/// level, and the award decision. Presented but unanswered scenarios are not scored (missing,
/// not wrong): the adaptive test stops per skill on SE, so "not reached" carries no information.
public struct SessionScorer: Sendable {
    public var bank: ItemBank
    public var cutScores: ProficiencyCutScores
    public var awardRule: AwardRule
    public var estimator: any AbilityEstimator

    public init(bank: ItemBank, cutScores: ProficiencyCutScores = .defaults, awardRule: AwardRule = .default,
                estimator: any AbilityEstimator = GRMQuadratureEstimator()) {
        self.bank = bank
        self.cutScores = cutScores
        self.awardRule = awardRule
        self.estimator = estimator
    }

    public func results(for session: TestSession, form: Form) throws(ScoringError) -> SessionResults {
        guard session.state == .submitted || session.state == .scored else { throw .sessionNotSubmitted(session.state) }
        for answer in session.answers where bank[answer.itemID] == nil { throw .unknownItem(answer.itemID) }
        let administered = session.administered(in: bank, form: form)
        let skills = form.skills.sorted { $0.frameworkIndex < $1.frameworkIndex }
        let results = skills.map { skill in
            result(for: skill, responses: administered.filter { $0.skill == skill }
                .map { ScoredResponse(parameters: $0.parameters, category: $0.category) })
        }
        return SessionResults(skills: results, award: awardRule.decide(results))
    }

    public func result(for skill: SkillID, responses: [ScoredResponse]) -> SkillResult {
        let posterior = estimator.posterior(responses)
        return SkillResult(
            skill: skill, theta: posterior.theta, standardError: posterior.standardError,
            level: cutScores.level(for: posterior.theta), itemCount: responses.count,
            probabilityAtLeast: cutScores.cuts.map { posterior.probability(atLeast: $0) })
    }

    /// Scores the session and moves it to `scored`.
    public func score(_ session: inout TestSession, form: Form, at now: Date) throws -> SessionResults {
        let results = try results(for: session, form: form)
        try session.markScored(results, at: now)
        return results
    }
}
