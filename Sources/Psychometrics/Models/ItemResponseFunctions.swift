import RealModule

/// Logistic function, written to stay finite for large |z|.
@inline(__always)
func logistic(_ z: Double) -> Double {
    if z >= 0 {
        return 1 / (1 + Double.exp(-z))
    }
    let e = Double.exp(z)
    return e / (1 + e)
}

/// Smallest probability used in logarithms and divisions, so a category with vanishing
/// probability at an extreme quadrature node cannot produce −∞ or NaN.
let probabilityFloor = 1e-300

extension ItemParameters {
    /// Category probabilities P(X = k | θ), k = 0…K−1. They sum to 1 by construction
    /// (differences of the cumulative curves P*_0 = 1 ≥ P*_1 ≥ … ≥ P*_K = 0).
    public func probabilities(at theta: Double) -> [Double] {
        var out = [Double](repeating: 0, count: categoryCount)
        var upper = 1.0
        for k in 0..<b.count {
            let lower = logistic(a * (theta - b[k]))
            out[k] = upper - lower
            upper = lower
        }
        out[b.count] = upper
        return out
    }

    /// log P(X = x | θ).
    public func logLikelihood(response x: Int, at theta: Double) -> Double {
        let upper = x == 0 ? 1.0 : logistic(a * (theta - b[x - 1]))
        let lower = x == b.count ? 0.0 : logistic(a * (theta - b[x]))
        return Double.log(max(upper - lower, probabilityFloor))
    }

    /// Fisher information I(θ) = Σ_k (∂P_k/∂θ)² / P_k = a² Σ_k (W_k − W_{k+1})² / P_k,
    /// with W_k = P*_k (1 − P*_k) the slope of the k-th cumulative curve divided by a.
    public func information(at theta: Double) -> Double {
        var total = 0.0
        var upperP = 1.0
        var upperW = 0.0
        for k in 0...b.count {
            let lowerP = k == b.count ? 0.0 : logistic(a * (theta - b[k]))
            let lowerW = lowerP * (1 - lowerP)
            let p = upperP - lowerP
            let dp = upperW - lowerW
            if p > probabilityFloor { total += dp * dp / p }
            upperP = lowerP
            upperW = lowerW
        }
        return a * a * total
    }

    /// First and second derivative of log P(X = x | θ) with respect to θ (used by MAP).
    func logLikelihoodDerivatives(response x: Int, at theta: Double) -> (first: Double, second: Double) {
        func curve(_ k: Int) -> (p: Double, w: Double, v: Double) {
            if k == 0 { return (1, 0, 0) }
            if k == categoryCount { return (0, 0, 0) }
            let p = logistic(a * (theta - b[k - 1]))
            let w = p * (1 - p)
            return (p, w, w * (1 - 2 * p))
        }
        let upper = curve(x)
        let lower = curve(x + 1)
        let p = max(upper.p - lower.p, probabilityFloor)
        let dp = a * (upper.w - lower.w)
        let d2p = a * a * (upper.v - lower.v)
        return (dp / p, d2p / p - (dp / p) * (dp / p))
    }

    /// Expected score E[X | θ] (used by item fit and DIF summaries).
    public func expectedScore(at theta: Double) -> Double {
        var total = 0.0
        for k in 0..<b.count { total += logistic(a * (theta - b[k])) }
        return total
    }
}
