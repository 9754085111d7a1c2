import Foundation
import Testing
@testable import Psychometrics

@Suite struct ItemResponseFunctionTests {
    static let items: [ItemParameters] = [
        ItemParameters(id: "d", model: .twoPL, a: 1.3, b: [0.4]),
        ItemParameters(id: "g4", model: .graded, a: 0.8, b: [-1.5, -0.2, 1.1]),
        ItemParameters(id: "g5", model: .graded, a: 2.0, b: [-2, -0.5, 0.3, 2.4]),
    ]

    @Test(arguments: items)
    func probabilitiesSumToOneAndArePositive(_ item: ItemParameters) {
        for theta in stride(from: -6.0, through: 6.0, by: 0.25) {
            let p = item.probabilities(at: theta)
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
            #expect(p.allSatisfy { $0 >= 0 })
        }
    }

    /// P(X ≥ k | θ) increases with θ for every k (monotonicity of the cumulative curves).
    @Test(arguments: items)
    func cumulativeProbabilitiesAreMonotone(_ item: ItemParameters) {
        var previous: [Double]? = nil
        for theta in stride(from: -5.0, through: 5.0, by: 0.1) {
            let p = item.probabilities(at: theta)
            let atOrAbove = (0..<p.count).map { k in p[k...].reduce(0, +) }
            if let previous {
                for k in 1..<p.count { #expect(atOrAbove[k] > previous[k]) }
            }
            previous = atOrAbove
        }
        #expect(item.probabilities(at: -1)[0] > item.probabilities(at: 1)[0])
        #expect(item.probabilities(at: -1).last! < item.probabilities(at: 1).last!)
    }

    /// Fisher information equals −E[∂² log P(X|θ)/∂θ²], the second derivative taken numerically.
    @Test(arguments: items)
    func informationEqualsNumericSecondDerivative(_ item: ItemParameters) {
        let h = 1e-4
        for theta in stride(from: -3.0, through: 3.0, by: 0.5) {
            let p = item.probabilities(at: theta)
            var expected = 0.0
            for x in 0..<item.categoryCount {
                let second = (item.logLikelihood(response: x, at: theta + h) - 2 * item.logLikelihood(response: x, at: theta)
                              + item.logLikelihood(response: x, at: theta - h)) / (h * h)
                expected -= p[x] * second
            }
            #expect(abs(item.information(at: theta) - expected) < 1e-5 * max(1, expected))
        }
    }

    @Test func twoPLMatchesTheLogisticFormula() {
        let item = ItemParameters(id: "x", model: .twoPL, a: 1.7, b: [0.5])
        let theta = 1.2
        let p = 1 / (1 + exp(-1.7 * (theta - 0.5)))
        #expect(abs(item.probabilities(at: theta)[1] - p) < 1e-15)
        #expect(abs(item.information(at: theta) - 1.7 * 1.7 * p * (1 - p)) < 1e-12)
    }

    @Test func validationRejectsDisorderedThresholdsAndNegativeSlopes() {
        #expect(throws: PsychometricsError.self) { try ItemParameters(id: "x", model: .graded, a: 1, b: [0.5, 0.1]).validate() }
        #expect(throws: PsychometricsError.self) { try ItemParameters(id: "x", model: .twoPL, a: -1, b: [0]).validate() }
        #expect(throws: PsychometricsError.self) { try ItemParameters(id: "x", model: .twoPL, a: 1, b: [0, 1]).validate() }
    }
}
