import Foundation
import Testing
@testable import Psychometrics

/// The correlated-skills prior: its Gaussian algebra against closed forms, its approximation
/// against a brute-force two-dimensional posterior, and what it does to an adaptive test.
@Suite struct CorrelatedSkillsPriorTests {
    /// Two skills: θ₀ | x₁ ~ N(ρ λ x / (1 + λ), 1 − ρ² λ / (1 + λ)) for a likelihood N(x, 1/λ) on θ₁.
    @Test(arguments: [(0.5, 2.0, 1.3), (0.7, 8.0, -0.4), (0.3, 0.5, 2.1)])
    func twoSkillsMatchTheClosedForm(_ c: (rho: Double, precision: Double, centre: Double)) throws {
        let prior = try CorrelatedSkillsPrior(skills: 2, rho: c.rho)
        let p = prior.prior(for: 0, given: [(0, 0), (c.precision, c.centre)])
        let shrink = c.precision / (1 + c.precision)
        #expect(abs(p.mean - c.rho * shrink * c.centre) < 1e-12)
        #expect(abs(p.sd - (1 - c.rho * c.rho * shrink).squareRoot()) < 1e-12)
    }

    @Test func withoutEvidenceOrCorrelationThePriorIsStandard() throws {
        let independent = try CorrelatedSkillsPrior(skills: 4, rho: 0)
        #expect(independent.prior(for: 1, given: [(3, 1), (0, 0), (5, -2), (1, 0.5)]) == NormalPrior(mean: 0, sd: 1))
        let correlated = try CorrelatedSkillsPrior(skills: 4, rho: 0.6)
        #expect(correlated.prior(for: 2, given: Array(repeating: (0, 0), count: 4)) == .standard)
        #expect(throws: PsychometricsError.self) { try CorrelatedSkillsPrior(skills: 3, rho: 1) }
        #expect(throws: PsychometricsError.self) { try CorrelatedSkillsPrior(skills: 3, rho: -0.6) }
    }

    /// Compound symmetry by hand for three skills with equal evidence on the other two.
    @Test func threeSkillsMatchTheMatrixFormula() throws {
        let rho = 0.6, lambda = 4.0, x = 0.8
        let prior = try CorrelatedSkillsPrior(skills: 3, rho: rho).prior(for: 0, given: [(0, 0), (lambda, x), (lambda, x)])
        // (R₂ + I/λ) w = ρ·1 with R₂ = [[1, ρ], [ρ, 1]]: by symmetry w₁ = w₂ = ρ / (1 + ρ + 1/λ).
        let w = rho / (1 + rho + 1 / lambda)
        #expect(abs(prior.mean - 2 * w * x) < 1e-12)
        #expect(abs(prior.sd - (1 - 2 * w * rho).squareRoot()) < 1e-12)
    }

    /// The prior reweights the quadrature: with no responses the posterior is the prior itself.
    @Test func aNormalPriorOnTheGridGivesItsMeanAndSD() throws {
        let scorer = AbilityScorer(items: [], quadrature: try Quadrature(.grid(points: 121, lower: -6, upper: 6)))
        let posterior = scorer.posterior([], prior: NormalPrior(mean: 0.7, sd: 0.6)).estimate
        #expect(abs(posterior.theta - 0.7) < 1e-4)
        #expect(abs(posterior.standardError - 0.6) < 1e-4)
    }

    /// Against the exact answer: the marginal posterior of θ₀ under a bivariate normal prior, summed
    /// over a 2-D grid, for response patterns on both skills. The Gaussian summary of the other skill
    /// is an approximation; it must land close.
    @Test(arguments: [0.4, 0.7])
    func approximationIsCloseToTheTwoDimensionalPosterior(_ rho: Double) throws {
        let bank = AdaptiveTestTests.bank(seed: 11, skills: 2, perSkill: 8)
        let quadrature = try Quadrature(.grid(points: 81, lower: -5, upper: 5))
        let skill0 = Array(bank[0..<8]), skill1 = Array(bank[8..<16])
        let s0 = AbilityScorer(items: skill0, quadrature: quadrature), s1 = AbilityScorer(items: skill1, quadrature: quadrature)
        let prior = try CorrelatedSkillsPrior(skills: 2, rho: rho)
        var rng = SeededGenerator(seed: 5)
        var worstMean = 0.0, worstSD = 0.0
        for _ in 0..<20 {
            let theta = prior.draw(using: &rng)
            let r0 = (0..<4).map { (item: $0, category: ResponseSimulator.draw(skill0[$0], theta: theta[0], using: &rng)) }
            let r1 = (0..<6).map { (item: $0, category: ResponseSimulator.draw(skill1[$0], theta: theta[1], using: &rng)) }
            // Approximation, as AdaptiveTest does it.
            let own1 = s1.posterior(r1).estimate
            let summaries = [CorrelatedSkillsPrior.likelihoodSummary(standardPrior: s0.posterior(r0).estimate),
                             CorrelatedSkillsPrior.likelihoodSummary(standardPrior: own1)]
            let approx = s0.posterior(r0, prior: prior.prior(for: 0, given: summaries)).estimate
            // Exact: Σ over the grid of L₀(a) L₁(b) φ₂(a, b; ρ).
            let l0 = likelihood(s0, r0, quadrature), l1 = likelihood(s1, r1, quadrature)
            var mass = 0.0, first = 0.0, second = 0.0
            for (i, a) in quadrature.nodes.enumerated() {
                for (j, b) in quadrature.nodes.enumerated() {
                    let density = exp(-(a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho)))
                    let w = l0[i] * l1[j] * density
                    mass += w; first += w * a; second += w * a * a
                }
            }
            let mean = first / mass, sd = (second / mass - mean * mean).squareRoot()
            worstMean = max(worstMean, abs(approx.theta - mean))
            worstSD = max(worstSD, abs(approx.standardError - sd))
        }
        #expect(worstMean < 0.05, "largest |Δ mean| \(worstMean)")
        #expect(worstSD < 0.03, "largest |Δ SD| \(worstSD)")
    }

    /// The likelihood of a pattern on the grid: the standard-prior posterior divided by φ.
    private func likelihood(_ scorer: AbilityScorer, _ responses: [(item: Int, category: Int)], _ q: Quadrature) -> [Double] {
        let weights = scorer.posterior(responses).weights
        return zip(weights, q.logWeights).map { $0 / exp($1) }
    }

    /// Conditioning never widens the prior (its SD stays ≤ 1), so for the same responses a skill's SE
    /// under the correlated prior is at most its SE alone — up to a hair: the likelihoods are not
    /// Gaussian, and a prior centred away from the responses can widen a skewed posterior slightly
    /// (this test found cases of +0.0025). Equal when ρ = 0.
    @Test func correlatedEvidenceNeverWidensAPosterior() throws {
        let bank = AdaptiveTestTests.bank(seed: 3, skills: 3, perSkill: 10)
        var rng = SeededGenerator(seed: 8)
        for rho in [0.0, 0.5] {
            var config = AdaptiveTestConfiguration(standardErrorTarget: 0.3, minItemsPerSkill: 2, maxItemsPerSkill: 5)
            config.skillCorrelation = rho
            for _ in 0..<20 {
                var test = try AdaptiveTest(bank: bank, configuration: config)
                let theta = try CorrelatedSkillsPrior(skills: 3, rho: 0.5).draw(using: &rng)
                while let item = test.nextItem(using: &rng) {
                    let skill = Int(bank[item].skill!.dropFirst())! - 1
                    try test.record(category: ResponseSimulator.draw(bank[item], theta: theta[skill], using: &rng))
                    for s in test.skills {
                        if rho == 0 {
                            #expect(s.estimate == s.ownEstimate)
                        } else {
                            #expect(s.estimate.standardError <= s.ownEstimate.standardError + 0.01)
                        }
                    }
                }
            }
        }
    }

    /// With correlated skills the simulated test is shorter at a like accuracy; with ρ = 0 the
    /// simulation is the independent one, draw for draw.
    @Test func correlatedPriorShortensTheSimulatedTest() throws {
        let bank = AdaptiveTestTests.bank(seed: 21, skills: 4, perSkill: 20)
        var independent = AdaptiveTestConfiguration()
        var correlated = independent
        correlated.skillCorrelation = 0.6
        var rngA = SeededGenerator(seed: 4), rngB = SeededGenerator(seed: 4)
        let a = try CATSimulator.run(bank: bank, configuration: independent, persons: 300, using: &rngA)
        var rngC = SeededGenerator(seed: 4)
        independent.skillCorrelation = 0
        let again = try CATSimulator.run(bank: bank, configuration: independent, persons: 300, using: &rngC)
        #expect(a.meanItemsPerSkill == again.meanItemsPerSkill)
        let b = try CATSimulator.run(bank: bank, configuration: correlated, persons: 300, using: &rngB)
        #expect(b.meanItemsPerSkill < a.meanItemsPerSkill - 0.3, "\(b.meanItemsPerSkill) vs \(a.meanItemsPerSkill)")
        #expect(b.rmse < 0.45, "RMSE \(b.rmse)")
    }
}
