import Foundation
import Testing
@testable import Psychometrics

@Suite struct ScoringTests {
    static let items: [ItemParameters] = [
        ItemParameters(id: "1", model: .graded, a: 1.4, b: [-1.2, 0.1, 1.0]),
        ItemParameters(id: "2", model: .graded, a: 0.9, b: [-0.4, 0.6, 2.0]),
        ItemParameters(id: "3", model: .graded, a: 1.9, b: [-2.0, -0.7, 0.2]),
        ItemParameters(id: "4", model: .twoPL, a: 1.1, b: [0.5]),
    ]
    static let patterns: [[(item: Int, category: Int)]] = [
        [(0, 0), (1, 0), (2, 0), (3, 0)], [(0, 3), (1, 3), (2, 3), (3, 1)], [(0, 2), (2, 1)], [], [(1, 1), (3, 0)],
    ]

    /// EAP and its SD equal a brute-force integral of the posterior (composite Simpson, 24,001 points on [−10, 10]).
    @Test(arguments: 0..<5)
    func eapMatchesBruteForceIntegral(_ index: Int) throws {
        let pattern = Self.patterns[index]
        func posterior(_ t: Double) -> Double {
            var l = exp(-0.5 * t * t)
            for (j, k) in pattern { l *= Self.items[j].probabilities(at: t)[k] }
            return l
        }
        let n = 24_000, lo = -10.0, h = 20.0 / Double(n)
        var z = 0.0, m1 = 0.0, m2 = 0.0
        for i in 0...n {
            let t = lo + Double(i) * h
            let w = (i == 0 || i == n) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            let f = w * posterior(t)
            z += f; m1 += f * t; m2 += f * t * t
        }
        let mean = m1 / z
        let sd = (m2 / z - mean * mean).squareRoot()
        let scorer = AbilityScorer(items: Self.items, quadrature: try Quadrature(.gaussHermite(points: 61)))
        let eap = scorer.eap(pattern)
        #expect(abs(eap.theta - mean) < 1e-6, "\(eap.theta) vs \(mean)")
        #expect(abs(eap.standardError - sd) < 1e-6)
        let grid = AbilityScorer(items: Self.items).eap(pattern)
        #expect(abs(grid.theta - mean) < 1e-4)
    }

    /// MAP: the derivative of the log posterior vanishes at the mode, which is the maximum on a fine
    /// grid, and SE equals 1/√(−∂² log posterior) computed numerically.
    @Test(arguments: 0..<5)
    func mapIsTheMode(_ index: Int) {
        let pattern = Self.patterns[index]
        func logPosterior(_ t: Double) -> Double {
            pattern.reduce(-0.5 * t * t) { $0 + Self.items[$1.item].logLikelihood(response: $1.category, at: t) }
        }
        let map = AbilityScorer(items: Self.items).map(pattern)
        var best = -10.0
        for i in 0...200_000 {
            let t = -10 + Double(i) * 1e-4
            if logPosterior(t) > logPosterior(best) { best = t }
        }
        #expect(abs(map.theta - best) < 2e-4, "\(map.theta) vs grid \(best)")
        let h = 1e-4
        let slope = (logPosterior(map.theta + h) - logPosterior(map.theta - h)) / (2 * h)
        #expect(abs(slope) < 1e-6)
        let second = (logPosterior(map.theta + h) - 2 * logPosterior(map.theta) + logPosterior(map.theta - h)) / (h * h)
        #expect(abs(map.standardError - 1 / (-second).squareRoot()) < 1e-4)
    }

    @Test func gaussHermiteIntegratesNormalMoments() throws {
        let rule = try Quadrature(.gaussHermite(points: 21))
        func moment(_ p: Double) -> Double { zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * pow($1.0, p) } }
        #expect(abs(moment(0) - 1) < 1e-12)
        #expect(abs(moment(2) - 1) < 1e-10)
        #expect(abs(moment(4) - 3) < 1e-9)
        #expect(abs(moment(10) - 945) < 1e-6)
        #expect(rule.nodes.count == 21)
    }

    @Test func reliabilityGrowsWithTestLength() {
        var rng = SeededGenerator(seed: 8)
        let bank = ResponseSimulator.bank(model: .graded, itemsPerSkill: 40, categories: 4, skills: nil, using: &rng)
        let short = TestInformation.marginalReliability(Array(bank.prefix(5)))
        let long = TestInformation.marginalReliability(bank)
        #expect(short > 0.5 && short < long && long < 1)
        // Empirical reliability of EAP on simulated data is close to the marginal reliability.
        let thetas = (0..<2000).map { _ in rng.nextNormal() }
        let data = ResponseSimulator.responses(items: Array(bank.prefix(5)), thetas: thetas, using: &rng)
        let estimates = AbilityScorer(items: Array(bank.prefix(5))).eap(data)
        #expect(abs(TestInformation.empiricalReliability(estimates) - short) < 0.05)
    }
}
