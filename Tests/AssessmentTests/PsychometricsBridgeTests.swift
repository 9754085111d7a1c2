import Psychometrics
import Testing
@testable import Assessment

@Suite("Bridge to Psychometrics")
struct PsychometricsBridgeTests {
    static let bank = try! ItemBank.bundled()

    /// Our posterior (even grid, needed for P(θ ≥ cut)) and Psychometrics' `AbilityScorer` EAP are
    /// the same integral on different quadratures: they must agree closely on real patterns.
    @Test func eapAgreesWithPsychometricsAbilityScorer() {
        let items = Self.bank.items(for: .teamwork)
        let scorer = AbilityScorer(items: items.map { $0.parameters.psychometricItem(id: $0.id, skill: $0.skill) })
        var generator = SessionRandom(seed: 2026)
        for _ in 0..<50 {
            let theta = Double.random(in: -2.5...2.5, using: &generator)
            let count = Int.random(in: 1...items.count, using: &generator)
            let pattern = (0..<count).map { index in
                (item: index, category: GRMItem(items[index].parameters).simulateCategory(at: theta, using: &generator))
            }
            let theirs = scorer.eap(pattern)
            let ours = GRMQuadratureEstimator().posterior(pattern.map {
                ScoredResponse(parameters: items[$0.item].parameters, category: $0.category)
            })
            #expect(abs(ours.theta - theirs.theta) < 2e-3, "θ \(ours.theta) vs \(theirs.theta)")
            #expect(abs(ours.standardError - theirs.standardError) < 2e-3)
        }
    }

    @Test func parametersMapOntoThePsychometricsGRMItem() throws {
        let item = try #require(Self.bank["teamwork-01"])
        let mapped = item.parameters.psychometricItem(id: item.id, skill: item.skill)
        #expect(mapped.id == "teamwork-01" && mapped.skill == "teamwork" && mapped.model == .graded)
        #expect(mapped.a == item.parameters.a && mapped.b == item.parameters.thresholds)
        try mapped.validate()
    }
}
