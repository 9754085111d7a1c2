import Foundation
import Testing
@testable import Assessment

@Suite("EAP scoring, levels and the award rule")
struct ScoringTests {
    let estimator = GRMQuadratureEstimator()

    func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    @Test func priorOnlyPosteriorIsStandardNormal() {
        let posterior = estimator.posterior([])
        #expect(abs(posterior.theta) < 1e-9)
        #expect(abs(posterior.standardError - 1) < 1e-3)
        for cut in [-1.5, -0.5, 0.0, 0.37, 1.2] {
            #expect(abs(posterior.probability(atLeast: cut) - (1 - normalCDF(cut))) < 2e-3, "cut \(cut)")
        }
    }

    @Test func grmProbabilitiesSumToOneAndInformationIsPositive() {
        let item = GRMItem(ScenarioParameters(a: 1.4, thresholds: [-1.2, 0.1, 1.3], provenance: .provisional(note: "")))
        for theta in stride(from: -4.0, through: 4.0, by: 0.5) {
            let total = (0..<4).map { item.probability(of: $0, at: theta) }.reduce(0, +)
            #expect(abs(total - 1) < 1e-12)
            #expect(item.information(at: theta) > 0)
        }
        // Numerical check of the information formula: I(θ) = −E[∂² log P / ∂θ²].
        let theta = 0.3, h = 1e-4
        var expected = 0.0
        for k in 0..<4 {
            let p = item.probability(of: k, at: theta)
            let second = (log(item.probability(of: k, at: theta + h)) - 2 * log(p) + log(item.probability(of: k, at: theta - h))) / (h * h)
            expected -= p * second
        }
        #expect(abs(item.information(at: theta) - expected) < 1e-4)
    }

    @Test func higherCategoriesRaiseThetaAndMoreItemsShrinkSE() {
        let parameters = ScenarioParameters(a: 1.3, thresholds: [-1.5, -0.3, 1.0], provenance: .provisional(note: ""))
        let low = estimator.posterior(Array(repeating: ScoredResponse(parameters: parameters, category: 0), count: 4))
        let high = estimator.posterior(Array(repeating: ScoredResponse(parameters: parameters, category: 3), count: 4))
        let mid = estimator.posterior(Array(repeating: ScoredResponse(parameters: parameters, category: 2), count: 4))
        #expect(low.theta < mid.theta && mid.theta < high.theta)
        let few = estimator.posterior(Array(repeating: ScoredResponse(parameters: parameters, category: 2), count: 2))
        #expect(mid.standardError < few.standardError)
        #expect(few.standardError < 1)
    }

    @Test func eapRecoversSimulatedAbility() {
        // 40 items, true θ = 0.8: the EAP lands within 2 SE most of the time.
        var generator = SessionRandom(seed: 99)
        var hits = 0
        for replication in 0..<50 {
            let responses = (0..<40).map { index -> ScoredResponse in
                let p = ScenarioParameters(a: 0.8 + Double(index % 9) * 0.1, thresholds: [-1.5, -0.2, 1.1].map { $0 + Double(index % 5 - 2) * 0.3 },
                                       provenance: .provisional(note: "sim"))
                return ScoredResponse(parameters: p, category: GRMItem(p).simulateCategory(at: 0.8, using: &generator))
            }
            let posterior = estimator.posterior(responses)
            if abs(posterior.theta - 0.8) <= 2 * posterior.standardError { hits += 1 }
            #expect(posterior.standardError < 0.4, "replication \(replication)")
        }
        #expect(hits >= 43)
    }

    @Test(arguments: [(-3.0, 1), (-0.51, 1), (-0.5, 2), (0.49, 2), (0.5, 3), (1.49, 3), (1.5, 4), (3.0, 4)])
    func defaultCutScores(theta: Double, level: Int) {
        #expect(ProficiencyCutScores.defaults.level(for: theta).rawValue == level)
    }

    @Test func cutScoresMustIncrease() {
        #expect(throws: ScoringError.self) { try ProficiencyCutScores(cuts: [0, 0, 1]) }
        #expect(throws: ScoringError.self) { try ProficiencyCutScores(cuts: [0, 1]) }
    }

    func result(_ skill: SkillID, p2: Double, p3: Double = 0.1, items: Int = 5) -> SkillResult {
        SkillResult(skill: skill, theta: 0, standardError: 0.4, level: .entry, itemCount: items, probabilityAtLeast: [p2, p3, 0.01])
    }

    @Test func awardAtExactlyTheRequiredProbability() {
        let results = SkillID.allCases.map { result($0, p2: 0.8) }
        let decision = AwardRule.default.decide(results)
        #expect(decision.awarded)
        #expect(decision.skills.allSatisfy { $0.reason == .met(probability: 0.8) })
    }

    @Test func oneSkillJustBelowStopsTheAward() {
        var results = SkillID.allCases.map { result($0, p2: 0.95) }
        results[4] = result(.responsibilityCommitment, p2: 0.7999)
        let decision = AwardRule.default.decide(results)
        #expect(!decision.awarded)
        #expect(decision.unmet.map(\.skill) == [.responsibilityCommitment])
        #expect(decision.unmet.first?.reason == .belowRequiredProbability(probability: 0.7999))
        #expect(decision.skills.count == 11)
    }

    @Test func missingOrUnansweredSkillIsNotAssessed() {
        var results = SkillID.allCases.dropLast().map { result($0, p2: 0.99) }
        #expect(AwardRule.default.decide(results).unmet.map(\.reason) == [.notAssessed])
        results.append(result(.continuousLearning, p2: 0.99, items: 0))
        #expect(AwardRule.default.decide(results).unmet.map(\.skill) == [.continuousLearning])
    }

    @Test func configurableLevelProbabilityAndSkills() throws {
        let results = SkillID.allCases.map { result($0, p2: 0.99, p3: 0.6) }
        let level3 = try AwardRule(requiredLevel: .proficient, minimumProbability: 0.6, skills: [.teamwork, .communication])
        let decision = level3.decide(results)
        #expect(decision.awarded && decision.skills.map(\.skill) == [.teamwork, .communication])
        let stricter = try AwardRule(requiredLevel: .proficient, minimumProbability: 0.61, skills: [.teamwork])
        #expect(!stricter.decide(results).awarded)
        #expect(throws: ScoringError.self) { try AwardRule(minimumProbability: 0) }
        #expect(throws: ScoringError.self) { try AwardRule(skills: []) }
        #expect(throws: ScoringError.self) { try AwardRule(skills: [.teamwork, .teamwork]) }
    }

    @Test func scorerUsesThePosteriorForTheAwardProbability() throws {
        let bank = try Fixtures.smallBank()
        let form = Fixtures.fixedForm(["tw-1", "tw-2", "tw-3", "cl-1", "cl-2"])
        var session = Fixtures.newSession(form: form)
        try session.start(at: Fixtures.t0)
        while let next = try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0) {
            // Rate every response exactly as the key (rounded): top category everywhere.
            let key = bank[next.itemID]!.key.tenths.map { Int((Double($0) / 10).rounded()) }
            try session.answer(next.itemID, ratings: try Ratings(key), at: Fixtures.t0)
        }
        try session.submit(at: Fixtures.t0)
        let rule = try AwardRule(skills: [.teamwork, .continuousLearning])
        let scorer = SessionScorer(bank: bank, awardRule: rule)
        let results = try scorer.results(for: session, form: form)
        #expect(results.skills.map(\.skill) == [.teamwork, .continuousLearning])
        let teamwork = results.skills[0]
        let posterior = GRMQuadratureEstimator().posterior(
            ["tw-1", "tw-2", "tw-3"].map { ScoredResponse(parameters: bank[ItemID($0)]!.parameters, category: 3) })
        #expect(abs(teamwork.theta - posterior.theta) < 1e-12)
        #expect(teamwork.itemCount == 3 && teamwork.theta > 0.5)
        #expect(abs(teamwork.probability(ofAtLeast: .entry) - posterior.probability(atLeast: -0.5)) < 1e-12)
        #expect(results.award.awarded == (results.skills.allSatisfy { $0.probability(ofAtLeast: .entry) >= 0.8 }))
        #expect(throws: ScoringError.sessionNotSubmitted(.created)) {
            try scorer.results(for: Fixtures.newSession(form: form), form: form)
        }
    }

    @Test func responseMatrixIsTheCalibrateCSVShape() throws {
        let bank = try Fixtures.smallBank()
        let form = Fixtures.fixedForm(["tw-1", "tw-2", "cl-1"])
        var sessions: [TestSession] = []
        for (n, ratings) in [[4, 1, 3, 2], [1, 4, 2, 3]].enumerated() {
            var session = Fixtures.newSession(form: form, n: n + 1)
            try session.start(at: Fixtures.t0)
            if n == 1 { try session.setLanguage(.el) }
            for id in ["tw-1", "cl-1"] {
                try session.present(bank[ItemID(id)]!, in: form, at: Fixtures.t0)
                try session.answer(ItemID(id), ratings: Fixtures.ratings(ratings), at: Fixtures.t0)
            }
            try session.submit(at: Fixtures.t0)
            sessions.append(session)
        }
        sessions.append(Fixtures.newSession(form: form, n: 9))  // never submitted: left out
        let matrix = SessionResponseMatrix(sessions: sessions, bank: bank, grouping: .language)
        let lines = matrix.csv().split(separator: "\n").map(String.init)
        #expect(lines == [
            "person,group,cl-1,tw-1",
            "\(Fixtures.sessionID(1)),en,3,3",
            "\(Fixtures.sessionID(2)),el,0,0",
        ])
        #expect(matrix.restricted(to: .teamwork, in: bank).csv().hasPrefix("person,group,tw-1\n"))
        let ungrouped = SessionResponseMatrix(sessions: sessions, bank: bank)
        #expect(ungrouped.csv().hasPrefix("person,cl-1,tw-1\n"))
    }
}
