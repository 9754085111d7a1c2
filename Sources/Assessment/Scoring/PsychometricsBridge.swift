import Foundation
import Psychometrics

// The one place where the Assessment domain meets IRT numerics (the `Psychometrics` module).
//
// A scenario's `ScenarioParameters` (a, thresholds, provenance) map onto a Psychometrics GRM
// `ItemParameters` (a, b); category probabilities and Fisher information are Psychometrics'. The
// EAP posterior is computed here on an evenly spaced grid with the N(0, 1) prior, because the award
// rule needs more than θ and SE: the posterior probability P(θ ≥ cut), which Psychometrics'
// `AbilityScorer` does not expose. Its EAP is the same integral; a test checks the two agree.
// The served adaptive test (`AdaptiveItemSelector`) is Psychometrics' `AdaptiveTest` run on this
// estimator's grid (`GRMQuadratureEstimator.quadrature`), so its interim SEs are the scored ones.

extension ScenarioParameters {
    /// The Psychometrics GRM item for these parameters.
    public func psychometricItem(id: ItemID, skill: SkillID) -> Psychometrics.ItemParameters {
        Psychometrics.ItemParameters(id: id.rawValue, skill: skill.rawValue, model: .graded, a: a, b: thresholds)
    }

    var psychometricItem: Psychometrics.ItemParameters {
        Psychometrics.ItemParameters(id: "", model: .graded, a: a, b: thresholds)
    }
}

/// One administered scenario as the IRT model sees it: GRM parameters and the observed category.
public struct ScoredResponse: Hashable, Sendable {
    public var parameters: ScenarioParameters
    public var category: Int

    public init(parameters: ScenarioParameters, category: Int) {
        self.parameters = parameters
        self.category = category
    }
}

/// The posterior of θ for one skill given that skill's responses.
public struct AbilityPosterior: Hashable, Sendable {
    /// Expected a posteriori estimate.
    public var theta: Double
    /// Posterior standard deviation, reported as the standard error.
    public var standardError: Double
    /// Quadrature nodes and normalised posterior weights (kept to answer probability questions).
    public var nodes: [Double]
    public var weights: [Double]

    /// P(θ ≥ cut | responses). Each node stands for a cell of width h centred on it, and the cell
    /// is split linearly at the cut, so the value moves smoothly with the cut instead of jumping
    /// from node to node.
    public func probability(atLeast cut: Double) -> Double {
        guard nodes.count > 1 else { return theta >= cut ? 1 : 0 }
        let h = nodes[1] - nodes[0]
        var total = 0.0
        for (node, weight) in zip(nodes, weights) {
            let low = node - h / 2, high = node + h / 2
            if low >= cut { total += weight } else if high > cut { total += weight * (high - cut) / h }
        }
        return min(1, max(0, total))
    }
}

/// Computes a skill's posterior from its scored responses.
public protocol AbilityEstimator: Sendable {
    func posterior(_ responses: [ScoredResponse]) -> AbilityPosterior
}

/// EAP with a standard normal prior on an evenly spaced grid (default 121 nodes over −6…6),
/// Samejima's graded response model with the logistic link (no 1.7 constant).
public struct GRMQuadratureEstimator: AbilityEstimator {
    public let nodes: [Double]
    let logPrior: [Double]

    public init(nodeCount: Int = 121, range: ClosedRange<Double> = -6...6) {
        precondition(nodeCount >= 2)
        let step = (range.upperBound - range.lowerBound) / Double(nodeCount - 1)
        nodes = (0..<nodeCount).map { range.lowerBound + Double($0) * step }
        logPrior = nodes.map { -0.5 * $0 * $0 }
    }

    public func posterior(_ responses: [ScoredResponse]) -> AbilityPosterior {
        var logPosterior = logPrior
        for response in responses {
            let item = response.parameters.psychometricItem
            for i in nodes.indices {
                logPosterior[i] += item.logLikelihood(response: response.category, at: nodes[i])
            }
        }
        let peak = logPosterior.max()!
        var weights = logPosterior.map { exp($0 - peak) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        let mean = zip(nodes, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let variance = zip(nodes, weights).reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 }
        return AbilityPosterior(theta: mean, standardError: variance.squareRoot(), nodes: nodes, weights: weights)
    }

    /// The same grid as a Psychometrics quadrature (its N(0, 1) weights are this prior, normalised),
    /// for the adaptive test's interim EAPs: Psychometrics' `AbilityScorer` on it gives this
    /// estimator's θ and SE.
    public var quadrature: Quadrature {
        try! Quadrature(.grid(points: nodes.count, lower: nodes.first!, upper: nodes.last!))
    }
}

/// Samejima's graded response model for one item, over Psychometrics' item response functions.
public struct GRMItem: Sendable {
    public let item: Psychometrics.ItemParameters

    public init(_ parameters: ScenarioParameters) { item = parameters.psychometricItem }

    public func probability(of category: Int, at theta: Double) -> Double {
        guard (0..<item.categoryCount).contains(category) else { return 0 }
        return exp(item.logLikelihood(response: category, at: theta))
    }

    public func information(at theta: Double) -> Double { item.information(at: theta) }

    /// Draws a category for a simulated person (used by tests and simulations).
    public func simulateCategory<R: RandomNumberGenerator>(at theta: Double, using generator: inout R) -> Int {
        let u = Double.random(in: 0..<1, using: &generator)
        var cumulative = 0.0
        let probabilities = item.probabilities(at: theta)
        for (category, p) in probabilities.enumerated() {
            cumulative += p
            if u < cumulative { return category }
        }
        return probabilities.count - 1
    }
}
