import Foundation
import Testing
@testable import Psychometrics

@Suite struct DIFTests {
    /// Two groups of 2,000 with the same ability distribution; item 0 is 1.0 logit/a harder for the
    /// focal group (Δ_MH ≈ −2.35 · a · 1.0 ≈ −3), the rest are the same in both groups.
    @Test func flagsSimulatedDIFAsCAndCleanItemsAsA() throws {
        var rng = SeededGenerator(seed: 21)
        let bank = ResponseSimulator.bank(model: .twoPL, itemsPerSkill: 20, categories: 2, skills: nil, using: &rng)
            .enumerated().map { ItemParameters(id: $0.element.id, model: .twoPL, a: 0.8 + 0.04 * Double($0.offset), b: $0.element.b) }
        var shifted = bank
        shifted[0].b = [bank[0].b[0] + 1.0]
        let n = 2000
        let thetas = (0..<(2 * n)).map { _ in rng.nextNormal() }
        let reference = ResponseSimulator.responses(items: bank, thetas: Array(thetas[..<n]), using: &rng)
        let focal = ResponseSimulator.responses(items: shifted, thetas: Array(thetas[n...]), using: &rng)
        let data = try ResponseMatrix(personIDs: (0..<(2 * n)).map { "p\($0)" }, itemIDs: bank.map(\.id),
                                      responses: reference.responses + focal.responses)
        let groups = Array(repeating: "R", count: n) + Array(repeating: "F", count: n)
        let results = try MantelHaenszelDIF.analyse(items: bank, matrix: data, groups: groups, reference: "R")
        #expect(results.count == 20)
        let studied = results[0]
        #expect(studied.classification == .C)
        let delta = try #require(studied.deltaMH)
        #expect(delta < -1.5)
        #expect(studied.standardizedMeanDifference < 0)
        #expect(abs(-2.35 * log(try #require(studied.alphaMH)) - delta) < 1e-12)
        let clean = results.dropFirst().filter { $0.classification == .A }.count
        #expect(clean >= 18, "\(results.dropFirst().map { ($0.item, $0.classification, $0.deltaMH ?? .nan) })")
        #expect(results.dropFirst().allSatisfy { $0.classification != .C })
    }

    /// Polytomous items: Mantel χ² and SMD/SD with the ETS AA/BB/CC rule.
    @Test func flagsPolytomousDIF() throws {
        var rng = SeededGenerator(seed: 4)
        let bank = ResponseSimulator.bank(model: .graded, itemsPerSkill: 12, categories: 4, skills: nil, using: &rng)
        var shifted = bank
        shifted[3].b = bank[3].b.map { $0 + 0.8 }
        let n = 1500
        let reference = ResponseSimulator.responses(items: bank, thetas: (0..<n).map { _ in rng.nextNormal() }, using: &rng)
        // The focal group is also less able on average: MH must not confuse impact with DIF.
        let focal = ResponseSimulator.responses(items: shifted, thetas: (0..<n).map { _ in rng.nextNormal() - 0.5 }, using: &rng)
        let data = try ResponseMatrix(personIDs: (0..<(2 * n)).map { "p\($0)" }, itemIDs: bank.map(\.id),
                                      responses: reference.responses + focal.responses)
        let groups = Array(repeating: "R", count: n) + Array(repeating: "F", count: n)
        let results = try MantelHaenszelDIF.analyse(items: bank, matrix: data, groups: groups, reference: "R")
        #expect(results[3].classification == .C, "\(results[3])")
        #expect(results[3].alphaMH == nil)
        for (j, r) in results.enumerated() where j != 3 { #expect(r.classification != .C, "\(r)") }
        #expect(results.filter { $0.classification == .A }.count >= 9)
    }

    @Test func chiSquarePValue() {
        #expect(abs(MantelHaenszelDIF.chiSquarePValue(3.841458820694124) - 0.05) < 1e-9)
        #expect(MantelHaenszelDIF.chiSquarePValue(0) == 1)
    }

    @Test func needsTheReferenceGroup() throws {
        let data = try ResponseMatrix(personIDs: ["a", "b"], itemIDs: ["i"], responses: [0, 1])
        let items = [ItemParameters(id: "i", model: .twoPL, a: 1, b: [0])]
        #expect(throws: PsychometricsError.self) {
            try MantelHaenszelDIF.analyse(items: items, matrix: data, groups: ["x", "y"], reference: "R")
        }
    }
}
