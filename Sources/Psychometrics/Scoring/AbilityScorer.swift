import RealModule

/// An ability estimate with its standard error.
public struct AbilityEstimate: Sendable, Equatable {
    public var theta: Double
    public var standardError: Double
}

/// EAP and MAP scoring with a N(0, 1) prior. A response pattern is a list of (item index, category);
/// items not administered are simply absent.
public struct AbilityScorer: Sendable {
    public let items: [ItemParameters]
    public let quadrature: Quadrature
    /// log P(X_j = k | θ_q) at slot (j, k) and node q.
    private let logP: [Double]
    private let base: [Int]

    public init(items: [ItemParameters], quadrature: Quadrature = .standard) {
        self.items = items
        self.quadrature = quadrature
        var base: [Int] = []
        var total = 0
        for item in items { base.append(total); total += item.categoryCount }
        var table = [Double](repeating: 0, count: total * quadrature.count)
        for (j, item) in items.enumerated() {
            for (q, theta) in quadrature.nodes.enumerated() {
                let p = item.probabilities(at: theta)
                for k in 0..<item.categoryCount {
                    table[(base[j] + k) * quadrature.count + q] = Double.log(max(p[k], probabilityFloor))
                }
            }
        }
        self.base = base
        logP = table
    }

    /// Expected a posteriori: the posterior mean over the quadrature, with the posterior SD as SE.
    public func eap(_ responses: [(item: Int, category: Int)]) -> AbilityEstimate {
        posterior(responses).estimate
    }

    /// The EAP estimate and the normalised posterior weights on the quadrature nodes (Σ = 1).
    public func posterior(_ responses: [(item: Int, category: Int)]) -> (estimate: AbilityEstimate, weights: [Double]) {
        posterior(responses, prior: .standard)
    }

    /// The same under a N(mean, sd²) prior (the quadrature's N(0, 1) weights reweighted).
    public func posterior(_ responses: [(item: Int, category: Int)], prior: NormalPrior) -> (estimate: AbilityEstimate, weights: [Double]) {
        let Q = quadrature.count
        var post = quadrature.logWeights
        if prior != .standard {
            for q in 0..<Q { post[q] += prior.logRatioToStandard(quadrature.nodes[q]) }
        }
        for (j, k) in responses {
            let off = (base[j] + k) * Q
            for q in 0..<Q { post[q] += logP[off + q] }
        }
        let top = post.max()!
        var sum = 0.0, mean = 0.0
        for q in 0..<Q {
            let e = Double.exp(post[q] - top)
            post[q] = e
            sum += e
            mean += e * quadrature.nodes[q]
        }
        mean /= sum
        var variance = 0.0
        for q in 0..<Q {
            post[q] /= sum
            let dev = quadrature.nodes[q] - mean
            variance += post[q] * dev * dev
        }
        return (AbilityEstimate(theta: mean, standardError: variance.squareRoot()), post)
    }

    /// EAP for every row of a matrix aligned with `items` (see `ResponseMatrix.aligned(to:)`).
    public func eap(_ matrix: ResponseMatrix) -> [AbilityEstimate] {
        (0..<matrix.personCount).map { p in
            eap(pattern(of: p, in: matrix))
        }
    }

    func pattern(of person: Int, in matrix: ResponseMatrix) -> [(item: Int, category: Int)] {
        var out: [(item: Int, category: Int)] = []
        for j in 0..<matrix.itemCount where matrix[person, j] >= 0 { out.append((j, Int(matrix[person, j]))) }
        return out
    }

    /// Maximum a posteriori: Newton–Raphson on log L(θ) − θ²/2 from the EAP start, with step
    /// halving; SE = 1/√(−second derivative) at the mode.
    public func map(_ responses: [(item: Int, category: Int)]) -> AbilityEstimate {
        func derivatives(_ theta: Double) -> (value: Double, first: Double, second: Double) {
            var value = -0.5 * theta * theta, first = -theta, second = -1.0
            for (j, k) in responses {
                value += items[j].logLikelihood(response: k, at: theta)
                let d = items[j].logLikelihoodDerivatives(response: k, at: theta)
                first += d.first
                second += d.second
            }
            return (value, first, second)
        }
        var theta = eap(responses).theta
        var current = derivatives(theta)
        for _ in 0..<100 {
            // The GRM log-posterior is concave, so the second derivative is negative.
            let step = -current.first / min(current.second, -1e-8)
            var scale = 1.0
            var moved = false
            for _ in 0..<40 {
                let candidate = theta + scale * step
                let next = derivatives(candidate)
                if next.value >= current.value {
                    theta = candidate; current = next; moved = true
                    break
                }
                scale *= 0.5
            }
            if !moved || abs(scale * step) < 1e-12 { break }
        }
        return AbilityEstimate(theta: theta, standardError: 1 / (-current.second).squareRoot())
    }
}
