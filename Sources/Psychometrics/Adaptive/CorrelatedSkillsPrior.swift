import RealModule

/// A normal prior for one skill's θ, N(mean, sd²), in place of the standard normal.
public struct NormalPrior: Sendable, Equatable {
    public var mean: Double
    public var sd: Double

    public static let standard = NormalPrior(mean: 0, sd: 1)

    public init(mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }

    /// log N(θ; mean, sd²) − log N(θ; 0, 1): what turns the standard-normal quadrature weights into
    /// this prior's (up to a constant, which normalisation removes).
    @inline(__always)
    func logRatioToStandard(_ theta: Double) -> Double {
        let z = (theta - mean) / sd
        return 0.5 * (theta * theta - z * z) - Double.log(sd)
    }
}

/// Borrowing strength across correlated skills (a Gaussian approximation of multidimensional
/// Bayesian CAT, after Segall 1996): the skills' abilities are taken to be jointly normal with unit
/// variances and correlation matrix R, and each skill's prior is its conditional distribution given
/// what the other skills' responses say.
///
/// The other skills' evidence is summarised without circularity: skill j's responses alone (its
/// posterior under N(0, 1), divided by that prior) are approximated by a normal likelihood with
/// precision λ_j = 1/v_j − 1 centred at x_j = μ_j (1 + λ_j) / λ_j, from its standard-prior EAP μ_j
/// and posterior variance v_j. Then x_{−k} = θ_{−k} + e with e ~ N(0, D), D = diag(1/λ_j), and
///     θ_k | x_{−k} ~ N( R_{k,−k} (R_{−k,−k} + D)⁻¹ x_{−k},  1 − R_{k,−k} (R_{−k,−k} + D)⁻¹ R_{−k,k} ).
/// Skills without responses (λ_j = 0) drop out. With R = I every prior is N(0, 1): the per-skill CAT.
///
/// What this assumes, stated where it is used: the correlations are known (estimated from calibration
/// data, not from the person), and a skill's reported θ then leans on the person's other skills — a
/// policy choice for certification that the README spells out.
public struct CorrelatedSkillsPrior: Sendable {
    /// Row-major correlation matrix, `count × count`.
    public let correlation: [Double]
    public let count: Int
    /// Cholesky factor of `correlation`, for drawing simulated persons.
    private let factor: [Double]

    /// Compound symmetry: every pair of skills correlates `rho`.
    public init(skills count: Int, rho: Double) throws(PsychometricsError) {
        guard count >= 1 else { throw .invalidArgument("need at least one skill") }
        // Positive definite for −1/(n−1) < ρ < 1.
        guard rho < 1, rho > -1 / Double(max(count - 1, 1)) else {
            throw .invalidArgument("a common correlation must lie in (−1/(skills−1), 1); got \(rho)")
        }
        var r = [Double](repeating: rho, count: count * count)
        for i in 0..<count { r[i * count + i] = 1 }
        self.correlation = r
        self.count = count
        factor = Self.cholesky(r, size: count)
    }

    /// The Gaussian summary of one skill's own responses: precision and centre of its likelihood,
    /// from its EAP and posterior SD under the standard normal prior.
    public static func likelihoodSummary(standardPrior estimate: AbilityEstimate) -> (precision: Double, centre: Double) {
        let v = estimate.standardError * estimate.standardError
        guard v > 0 else { return (0, 0) }
        let precision = 1 / v - 1
        // Numerically no information (or a posterior wider than the prior, possible on a coarse grid).
        guard precision > 1e-9 else { return (0, 0) }
        return (precision, estimate.theta * (1 + precision) / precision)
    }

    /// The prior of skill `k` given the other skills' likelihood summaries (index-aligned; entries
    /// with zero precision carry no information).
    public func prior(for k: Int, given summaries: [(precision: Double, centre: Double)]) -> NormalPrior {
        let others = (0..<count).filter { $0 != k && summaries[$0].precision > 0 }
        guard !others.isEmpty else { return .standard }
        let m = others.count
        // A = R_{−k,−k} + D, b = R_{−k,k}.
        var a = [Double](repeating: 0, count: m * m)
        var b = [Double](repeating: 0, count: m)
        var x = [Double](repeating: 0, count: m)
        for (p, i) in others.enumerated() {
            for (q, j) in others.enumerated() { a[p * m + q] = correlation[i * count + j] }
            a[p * m + p] += 1 / summaries[i].precision
            b[p] = correlation[i * count + k]
            x[p] = summaries[i].centre
        }
        let w = Self.solveSymmetricPositiveDefinite(a, b, size: m)   // (R + D)⁻¹ R_{−k,k}
        var mean = 0.0, explained = 0.0
        for p in 0..<m {
            mean += w[p] * x[p]
            explained += w[p] * b[p]
        }
        return NormalPrior(mean: mean, sd: max(1 - explained, 1e-6).squareRoot())
    }

    /// Cholesky factor L (row-major, lower) of a small symmetric positive-definite matrix.
    static func cholesky(_ a: [Double], size n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for p in 0..<j { sum -= l[i * n + p] * l[j * n + p] }
                l[i * n + j] = i == j ? max(sum, 1e-12).squareRoot() : sum / l[j * n + j]
            }
        }
        return l
    }

    /// Cholesky solve of A y = b for a small symmetric positive-definite A (R + D with D > 0 is).
    static func solveSymmetricPositiveDefinite(_ a: [Double], _ b: [Double], size n: Int) -> [Double] {
        let l = cholesky(a, size: n)
        var y = b
        for i in 0..<n {
            for p in 0..<i { y[i] -= l[i * n + p] * y[p] }
            y[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for p in (i + 1)..<n { y[i] -= l[p * n + i] * y[p] }
            y[i] /= l[i * n + i]
        }
        return y
    }

    /// Draws abilities for one simulated person: θ = L z with L the Cholesky factor of R.
    public func draw(using rng: inout some RandomNumberGenerator) -> [Double] {
        let n = count
        let z = (0..<n).map { _ in rng.nextNormal() }
        return (0..<n).map { i in (0...i).reduce(0) { $0 + factor[i * n + $1] * z[$1] } }
    }
}
