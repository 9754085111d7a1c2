import RealModule

/// A discrete approximation of the N(0, 1) ability distribution: nodes θ_q and weights w_q (Σ w_q = 1),
/// so that ∫ f(θ) φ(θ) dθ ≈ Σ_q w_q f(θ_q).
public struct Quadrature: Sendable, Equatable {
    public enum Rule: Sendable, Equatable, CustomStringConvertible {
        /// Gauss–Hermite for the standard normal weight (exact for polynomials of degree ≤ 2n − 1).
        case gaussHermite(points: Int)
        /// Equally spaced nodes on [lower, upper] with weights proportional to φ(θ), as in BILOG/R mirt.
        /// Better than Gauss–Hermite when the likelihood is sharply peaked (long tests).
        case grid(points: Int, lower: Double, upper: Double)

        public var description: String {
            switch self {
            case .gaussHermite(let n): "gauss-hermite(\(n))"
            case .grid(let n, let lo, let hi): "grid(\(n), \(lo)…\(hi))"
            }
        }
    }

    public let rule: Rule
    public let nodes: [Double]
    public let weights: [Double]
    /// log w_q, precomputed for the E-step.
    public let logWeights: [Double]

    public var count: Int { nodes.count }

    public init(_ rule: Rule) throws(PsychometricsError) {
        self.rule = rule
        switch rule {
        case .gaussHermite(let n):
            guard (2...200).contains(n) else { throw .invalidArgument("Gauss–Hermite needs 2…200 points, got \(n)") }
            (nodes, weights) = Quadrature.gaussHermiteNormal(n)
        case .grid(let n, let lo, let hi):
            guard n >= 2, lo < hi else { throw .invalidArgument("a quadrature grid needs ≥ 2 points and lower < upper") }
            let step = (hi - lo) / Double(n - 1)
            let xs = (0..<n).map { lo + Double($0) * step }
            let dens = xs.map { Double.exp(-0.5 * $0 * $0) }
            let total = dens.reduce(0, +)
            nodes = xs
            weights = dens.map { $0 / total }
        }
        logWeights = weights.map { Double.log($0) }
    }

    /// The default for calibration and scoring: 61 equally spaced points on [−6, 6].
    public static let standard = try! Quadrature(.grid(points: 61, lower: -6, upper: 6))

    /// Orthonormal (w.r.t. N(0,1)) Hermite polynomials p_0…p_n at x by the three-term recurrence
    /// p_{k+1} = (x p_k − √k p_{k−1}) / √(k+1); returns p_n and Σ_{k<n} p_k².
    private static func orthonormalHermite(_ n: Int, at x: Double) -> (pn: Double, pnMinus1: Double, christoffel: Double) {
        var previous = 0.0
        var current = 1.0
        var sum = 0.0
        for k in 0..<n {
            sum += current * current
            let next = (x * current - Double(k).squareRoot() * previous) / Double(k + 1).squareRoot()
            previous = current
            current = next
        }
        return (current, previous, sum)
    }

    /// Nodes are the roots of p_n, bracketed on a grid finer than the smallest root spacing
    /// (≈ π/√(2n)) and refined by bisection; weights are the Christoffel numbers 1 / Σ_{k<n} p_k(x_i)².
    private static func gaussHermiteNormal(_ n: Int) -> ([Double], [Double]) {
        let limit = (4.0 * Double(n) + 2).squareRoot() + 1
        let steps = 40 * n
        let h = 2 * limit / Double(steps)
        var roots: [Double] = []
        var x0 = -limit
        var f0 = orthonormalHermite(n, at: x0).pn
        for s in 1...steps {
            let x1 = -limit + Double(s) * h
            let f1 = orthonormalHermite(n, at: x1).pn
            if f0 == 0 { roots.append(x0) } else if f0 * f1 < 0 {
                var lo = x0, hi = x1, flo = f0
                for _ in 0..<100 {
                    let mid = 0.5 * (lo + hi)
                    let fm = orthonormalHermite(n, at: mid).pn
                    if (fm < 0) == (flo < 0) { lo = mid; flo = fm } else { hi = mid }
                    if hi - lo < 1e-15 * max(1, abs(mid)) { break }
                }
                roots.append(0.5 * (lo + hi))
            }
            x0 = x1
            f0 = f1
        }
        // Symmetrise: the rule is symmetric about 0; averaging removes bisection noise.
        let m = roots.count
        var nodes = roots
        for i in 0..<m { nodes[i] = 0.5 * (roots[i] - roots[m - 1 - i]) }
        var weights = nodes.map { 1 / orthonormalHermite(n, at: $0).christoffel }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        return (nodes, weights)
    }
}
