import Foundation
import Testing
@testable import Psychometrics

@Suite struct AdaptiveTestTests {
    static func bank(seed: UInt64, skills: Int = 3, perSkill: Int = 30) -> [ItemParameters] {
        var rng = SeededGenerator(seed: seed)
        return ResponseSimulator.bank(model: .graded, itemsPerSkill: perSkill, categories: 4,
                                      skills: (1...skills).map { "s\($0)" }, using: &rng)
    }

    /// Every skill stops by its rules: at the maximum, or with SE ≤ target after at least the minimum.
    @Test(arguments: [(0.3, 3, 8), (0.5, 4, 6), (0.4, 0, 10)])
    func stoppingRulesAreRespected(_ rule: (se: Double, min: Int, max: Int)) throws {
        let bank = Self.bank(seed: 1)
        let config = AdaptiveTestConfiguration(standardErrorTarget: rule.se, minItemsPerSkill: rule.min, maxItemsPerSkill: rule.max)
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<40 {
            var test = try AdaptiveTest(bank: bank, configuration: config)
            let thetas = (0..<3).map { _ in rng.nextNormal() * 1.5 }
            var seen = Set<Int>()
            while let item = test.nextItem(using: &rng) {
                #expect(seen.insert(item).inserted, "an item was given twice")
                let skill = Int(bank[item].skill!.dropFirst())! - 1
                // Before answering, the chosen skill has not met its stopping rule.
                let state = test.skills[skill]
                #expect(state.administered.count < rule.max)
                #expect(state.administered.count < max(rule.min, 1) || state.estimate.standardError > rule.se)
                try test.record(category: ResponseSimulator.draw(bank[item], theta: thetas[skill], using: &rng))
            }
            for state in test.skills {
                let n = state.administered.count
                #expect(n <= rule.max)
                #expect(n >= rule.min)
                #expect(n == rule.max || state.estimate.standardError <= rule.se)
            }
        }
    }

    /// With no exposure control the first item of a skill is always the same (most informative at θ = 0);
    /// randomesque spreads it over the top k.
    @Test func randomesqueSpreadsTheFirstItem() throws {
        let bank = Self.bank(seed: 3, skills: 1)
        var rng = SeededGenerator(seed: 4)
        var firstPlain = Set<Int>(), firstRandom = Set<Int>()
        for _ in 0..<60 {
            var plain = try AdaptiveTest(bank: bank, configuration: AdaptiveTestConfiguration())
            firstPlain.insert(plain.nextItem(using: &rng)!)
            var random = try AdaptiveTest(bank: bank, configuration: AdaptiveTestConfiguration(randomesque: 5))
            firstRandom.insert(random.nextItem(using: &rng)!)
        }
        #expect(firstPlain.count == 1)
        #expect(firstRandom.count == 5)
        let best = bank.indices.max { bank[$0].information(at: 0) < bank[$1].information(at: 0) }!
        #expect(firstPlain.first == best)
    }

    /// Sympson–Hetter parameters from simulation keep the maximum exposure at the target in a fresh
    /// simulation (new persons, new seed); without control it is far above. (At most 6 of 30 items per
    /// skill keeps the mean exposure at 0.2, so a target of 0.3 is feasible.)
    @Test func sympsonHetterKeepsExposureUnderTarget() throws {
        let bank = Self.bank(seed: 5, skills: 2)
        let config = AdaptiveTestConfiguration(standardErrorTarget: 0.4, minItemsPerSkill: 2, maxItemsPerSkill: 6)
        var rng = SeededGenerator(seed: 6)
        let uncontrolled = try CATSimulator.run(bank: bank, configuration: config, persons: 400, using: &rng)
        #expect(uncontrolled.maxExposure > 0.6)
        let target = 0.3
        let (k, _) = try CATSimulator.sympsonHetterParameters(bank: bank, configuration: config, targetExposure: target,
                                                             persons: 500, rounds: 10, using: &rng)
        var controlled = config
        controlled.exposureParameters = k
        var fresh = SeededGenerator(seed: 7)
        let report = try CATSimulator.run(bank: bank, configuration: controlled, persons: 1000, using: &fresh)
        // An exposure rate of 0.3 estimated from 1,000 persons has SD ≈ 0.015, and the maximum over the
        // several items held at the target sits ≈ 1.5 SD above it; allow 0.04 (≈ 2.7 SD).
        #expect(report.maxExposure <= target + 0.04, "max exposure \(report.maxExposure)")
        #expect(report.maxExposure < uncontrolled.maxExposure - 0.3)
        #expect(report.rmse < 0.5)
    }

    @Test func simulationReportsRecovery() throws {
        let bank = Self.bank(seed: 8, skills: 2)
        var rng = SeededGenerator(seed: 9)
        let report = try CATSimulator.run(bank: bank, configuration: AdaptiveTestConfiguration(standardErrorTarget: 0.35),
                                          persons: 500, using: &rng)
        // RMSE of EAP ≈ mean posterior SD when the model is right.
        for skill in report.skills {
            #expect(abs(skill.rmse - skill.meanStandardError) < 0.06, "\(skill)")
            #expect(abs(skill.bias) < 0.06)
        }
        #expect(report.meanOverlap > 0 && report.meanOverlap <= 1)
    }

    @Test func refusesAResponseWithoutAnItem() throws {
        var test = try AdaptiveTest(bank: Self.bank(seed: 1, skills: 1), configuration: AdaptiveTestConfiguration())
        #expect(throws: PsychometricsError.self) { try test.record(category: 0) }
    }
}
