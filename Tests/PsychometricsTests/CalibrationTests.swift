import Foundation
import Testing
@testable import Psychometrics

@Suite struct CalibrationTests {
    /// 2,000 persons × 20 GRM items with 4 categories. With ~2,000 responses per item the sampling SD
    /// of â is ≈ 0.05–0.07 and of b̂ ≈ 0.05–0.1 (larger for extreme thresholds), so an RMSE over items
    /// below 0.10 (a) and 0.12 (b) is a recovery check a broken EM cannot pass but a sound one
    /// passes with margin for this seed and others.
    @Test func recoversGradedParameters() throws {
        var rng = SeededGenerator(seed: 11)
        let truth = ResponseSimulator.bank(model: .graded, itemsPerSkill: 20, categories: 4, skills: nil, using: &rng)
        let thetas = (0..<2000).map { _ in rng.nextNormal() }
        let data = ResponseSimulator.responses(items: truth, thetas: thetas, using: &rng)
        let result = try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .graded))
        #expect(result.report.converged)
        let (rmseA, rmseB) = rmse(result.items.map(\.parameters), truth)
        #expect(rmseA < 0.10, "RMSE a = \(rmseA)")
        #expect(rmseB < 0.12, "RMSE b = \(rmseB)")
        // EM never decreases the marginal likelihood.
        let trace = result.report.logLikelihoodTrace
        for i in 1..<trace.count { #expect(trace[i] >= trace[i - 1] - 1e-6 * abs(trace[i])) }
        try expectErrorsMatchStandardErrors(result.items, truth)
        // Standard errors exist and are of the size the sample implies.
        for item in result.items {
            let seA = try #require(item.seA)
            #expect(seA > 0.02 && seA < 0.2)
            #expect(item.fit.value < ItemFit.flagThreshold)
        }
    }

    /// 2PL with a quarter of the responses missing at random: still recovered.
    @Test func recoversTwoPLWithMissingResponses() throws {
        var rng = SeededGenerator(seed: 5)
        let truth = ResponseSimulator.bank(model: .twoPL, itemsPerSkill: 15, categories: 2, skills: nil, using: &rng)
        let thetas = (0..<3000).map { _ in rng.nextNormal() }
        let full = ResponseSimulator.responses(items: truth, thetas: thetas, using: &rng)
        var cells = full.responses
        for i in cells.indices where rng.nextUniform() < 0.25 { cells[i] = ResponseMatrix.missing }
        let data = try ResponseMatrix(personIDs: full.personIDs, itemIDs: full.itemIDs, responses: cells)
        let result = try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        #expect(result.report.converged)
        let (rmseA, rmseB) = rmse(result.items.map(\.parameters), truth)
        // ~2,250 responses per item; b of an item with a = 0.8 and |b| ≈ 2 has SE ≈ 0.15, hence 0.16.
        #expect(rmseA < 0.12, "RMSE a = \(rmseA)")
        #expect(rmseB < 0.16, "RMSE b = \(rmseB)")
        try expectErrorsMatchStandardErrors(result.items, truth)
    }

    /// The cross-product standard errors agree with the spread of estimates over replications.
    @Test func standardErrorsMatchReplicationSpread() throws {
        let item = ItemParameters(id: "x", model: .twoPL, a: 1.2, b: [0.3])
        var rng = SeededGenerator(seed: 99)
        let bank = [item] + ResponseSimulator.bank(model: .twoPL, itemsPerSkill: 9, categories: 2, skills: nil, using: &rng)
            .enumerated().map { ItemParameters(id: "y\($0.offset)", model: .twoPL, a: $0.element.a, b: $0.element.b) }
        var estimates: [Double] = []
        var reported: [Double] = []
        for _ in 0..<24 {
            let thetas = (0..<800).map { _ in rng.nextNormal() }
            let data = ResponseSimulator.responses(items: bank, thetas: thetas, using: &rng)
            let result = try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
            estimates.append(result.items[0].parameters.a)
            reported.append(try #require(result.items[0].seA))
        }
        let mean = estimates.reduce(0, +) / 24
        let sd = (estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 23).squareRoot()
        let meanSE = reported.reduce(0, +) / 24
        // With 24 replications the SD itself is uncertain by ≈ ±15 %; allow 35 %.
        #expect(abs(meanSE / sd - 1) < 0.35, "mean SE \(meanSE) vs replication SD \(sd)")
    }

    /// RMSD flags an item whose responses follow a non-monotone curve the model cannot represent.
    @Test func itemFitDetectsAMisfittingItem() throws {
        var rng = SeededGenerator(seed: 3)
        let truth = ResponseSimulator.bank(model: .twoPL, itemsPerSkill: 20, categories: 2, skills: nil, using: &rng)
        let thetas = (0..<2000).map { _ in rng.nextNormal() }
        let clean = ResponseSimulator.responses(items: truth, thetas: thetas, using: &rng)
        var cells = clean.responses
        for p in 0..<thetas.count {
            // Bell-shaped: likely correct near θ = 0, wrong at both ends.
            let prob = 0.1 + 0.8 * exp(-thetas[p] * thetas[p])
            cells[p * truth.count + 7] = rng.nextUniform() < prob ? 1 : 0
        }
        let data = try ResponseMatrix(personIDs: clean.personIDs, itemIDs: clean.itemIDs, responses: cells)
        let result = try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        #expect(result.items[7].fit.flagged, "RMSD \(result.items[7].fit.value)")
        for (j, item) in result.items.enumerated() where j != 7 {
            #expect(!item.fit.flagged, "item \(j) RMSD \(item.fit.value)")
            #expect(item.fit.value < result.items[7].fit.value / 3)
        }
    }

    @Test func refusesAnUnobservedMiddleCategory() throws {
        let data = try ResponseMatrix(personIDs: ["a", "b", "c"], itemIDs: ["i1"], responses: [0, 2, 2])
        #expect(throws: PsychometricsError.unobservedCategory(item: "i1", category: 1)) {
            try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .graded))
        }
    }

    @Test func refusesPolytomousDataFor2PL() throws {
        let data = try ResponseMatrix(personIDs: ["a", "b"], itemIDs: ["i1"], responses: [0, 2])
        #expect(throws: PsychometricsError.self) {
            try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        }
    }

    @Test func reportsNonConvergenceWhenIterationsRunOut() throws {
        var rng = SeededGenerator(seed: 1)
        let truth = ResponseSimulator.bank(model: .graded, itemsPerSkill: 5, categories: 3, skills: nil, using: &rng)
        let data = ResponseSimulator.responses(items: truth, thetas: (0..<300).map { _ in rng.nextNormal() }, using: &rng)
        let result = try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .graded, maxIterations: 2))
        #expect(!result.report.converged)
        #expect(result.report.iterations == 2)
    }

    /// The errors, standardised by the reported SEs, behave like N(0, 1) draws: mean square near 1
    /// (the bound 2 allows for chance with 45–80 parameters) and none beyond 4.5 SE.
    func expectErrorsMatchStandardErrors(_ items: [CalibratedItem], _ truth: [ItemParameters]) throws {
        var squares: [Double] = []
        for (e, t) in zip(items, truth) {
            let seA = try #require(e.seA)
            let seB = try #require(e.seB)
            squares.append(pow((e.parameters.a - t.a) / seA, 2))
            for k in t.b.indices { squares.append(pow((e.parameters.b[k] - t.b[k]) / seB[k], 2)) }
        }
        let meanSquare = squares.reduce(0, +) / Double(squares.count)
        #expect(meanSquare > 0.4 && meanSquare < 2, "mean squared z = \(meanSquare)")
        #expect(squares.allSatisfy { $0 < 4.5 * 4.5 })
    }

    func rmse(_ estimated: [ItemParameters], _ truth: [ItemParameters]) -> (Double, Double) {
        var sa = 0.0, sb = 0.0, nb = 0
        for (e, t) in zip(estimated, truth) {
            sa += (e.a - t.a) * (e.a - t.a)
            for (x, y) in zip(e.b, t.b) { sb += (x - y) * (x - y); nb += 1 }
        }
        return ((sa / Double(estimated.count)).squareRoot(), (sb / Double(nb)).squareRoot())
    }
}
