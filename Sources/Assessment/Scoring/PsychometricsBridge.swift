import Foundation

// The one place where the Assessment domain meets IRT numerics.
//
// Until the `Psychometrics` module lands (branch `psych`), this file carries a small, exact GRM
// implementation: category probabilities, Fisher information and the EAP posterior on a fixed
// quadrature grid. Everything else in `Assessment` talks to it only through `AbilityEstimator`
// and `GRMItem`, so wiring Psychometrics is a change to this file alone: map `ItemParameters`
// (a, thresholds) onto its GRM item and call its EAP / information functions.

/// One administered scenario as the IRT model sees it: GRM parameters and the observed category.
public struct ScoredResponse: Hashable, Sendable {
    public var parameters: ItemParameters
    public var category: Int

    public init(parameters: ItemParameters, category: Int) {
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
    /// Fisher information of one item at θ (used by adaptive selection).
    func information(_ parameters: ItemParameters, at theta: Double) -> Double
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
            let item = GRMItem(response.parameters)
            for i in nodes.indices {
                let p = item.probability(of: response.category, at: nodes[i])
                logPosterior[i] += log(max(p, .leastNormalMagnitude))
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

    public func information(_ parameters: ItemParameters, at theta: Double) -> Double {
        GRMItem(parameters).information(at: theta)
    }
}

/// Samejima's graded response model for one item.
public struct GRMItem: Hashable, Sendable {
    public var a: Double
    public var thresholds: [Double]

    public init(_ parameters: ItemParameters) {
        a = parameters.a
        thresholds = parameters.thresholds
    }

    /// P(X ≥ k | θ) for k = 0…K (P*₀ = 1, P*_K = 0).
    func cumulative(at theta: Double) -> [Double] {
        var star: [Double] = [1]
        for b in thresholds {
            let z: Double = -a * (theta - b)
            star.append(1 / (1 + exp(z)))
        }
        star.append(0)
        return star
    }

    /// P(X = k | θ) = P*ₖ − P*ₖ₊₁, computed without building the cumulative array (this is the
    /// inner loop of every posterior).
    public func probability(of category: Int, at theta: Double) -> Double {
        guard (0...thresholds.count).contains(category) else { return 0 }
        let upper = category == 0 ? 1 : logistic(a * (theta - thresholds[category - 1]))
        let lower = category == thresholds.count ? 0 : logistic(a * (theta - thresholds[category]))
        return upper - lower
    }

    private func logistic(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// I(θ) = Σₖ P′ₖ² / Pₖ with P′ₖ = a[P*ₖ(1 − P*ₖ) − P*ₖ₊₁(1 − P*ₖ₊₁)].
    public func information(at theta: Double) -> Double {
        let star = cumulative(at: theta)
        var total = 0.0
        for k in 0..<(star.count - 1) {
            let p = star[k] - star[k + 1]
            guard p > 1e-12 else { continue }
            let derivative = a * (star[k] * (1 - star[k]) - star[k + 1] * (1 - star[k + 1]))
            total += derivative * derivative / p
        }
        return total
    }

    /// Draws a category for a simulated person (used by tests and simulations).
    public func simulateCategory<R: RandomNumberGenerator>(at theta: Double, using generator: inout R) -> Int {
        let u = Double.random(in: 0..<1, using: &generator)
        let star = cumulative(at: theta)
        var category = 0
        while category + 1 < star.count - 1, u < star[category + 1] { category += 1 }
        return category
    }
}
