import RealModule

/// The M-step for one item: maximise Σ_q Σ_k r_kq log P_k(θ_q; a, d) over η = (a, d_1…d_{K−1}) in
/// slope–intercept form (z_k = aθ + d_k), by Newton–Raphson with the exact Hessian, falling back to
/// Fisher scoring when the Hessian is not negative definite, and step halving that keeps the
/// objective increasing and the intercepts strictly decreasing (ordered thresholds).
struct ItemNewtonStep {
    let nodes: UnsafeBufferPointer<Double>
    let counts: UnsafeBufferPointer<Double>  // r[k * Q + q], K categories
    let categoryCount: Int

    var q: Int { nodes.count }

    /// The objective alone (for the line search).
    func objective(a: Double, d: [Double]) -> Double {
        let K = categoryCount
        var total = 0.0
        for n in 0..<q {
            let theta = nodes[n]
            var upper = 1.0
            for k in 0..<K {
                let lower = k == K - 1 ? 0.0 : logistic(a * theta + d[k])
                let r = counts[k * q + n]
                if r > 0 { total += r * Double.log(max(upper - lower, probabilityFloor)) }
                upper = lower
            }
        }
        return total
    }

    /// Gradient and negative Hessian (m × m, m = K) of the objective; also the Fisher (expected)
    /// information, which is positive semi-definite and used as a fallback.
    func derivatives(a: Double, d: [Double]) -> (gradient: [Double], negHessian: [Double], fisher: [Double]) {
        let K = categoryCount
        let m = K  // a plus K−1 intercepts; index 0 = a, index k = d_k (k = 1…K−1)
        var grad = [Double](repeating: 0, count: m)
        var negH = [Double](repeating: 0, count: m * m)
        var fisher = [Double](repeating: 0, count: m * m)
        // Pointers, not captured arrays, so the inner loop has no dynamic exclusivity checks.
        grad.withUnsafeMutableBufferPointer { grad in
        negH.withUnsafeMutableBufferPointer { negH in
        fisher.withUnsafeMutableBufferPointer { fisher in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * (K + 1)) { scratch in
        let s = scratch.baseAddress!, w = s + (K + 1), v = s + 2 * (K + 1)
        for n in 0..<q {
            let theta = nodes[n]
            s[0] = 1; w[0] = 0; v[0] = 0
            s[K] = 0; w[K] = 0; v[K] = 0
            for k in 1..<K {
                let p = logistic(a * theta + d[k - 1])
                s[k] = p; w[k] = p * (1 - p); v[k] = w[k] * (1 - 2 * p)
            }
            var total = 0.0
            for k in 0..<K { total += counts[k * q + n] }
            if total <= 0 { continue }
            for k in 0..<K {
                let p = max(s[k] - s[k + 1], probabilityFloor)
                let r = counts[k * q + n]
                // ∂P_k/∂η: a-part θ(W_k − W_{k+1}); d_k-part W_k; d_{k+1}-part −W_{k+1}.
                let ga = theta * (w[k] - w[k + 1])
                let gUp = w[k]       // for index k (if 1 ≤ k ≤ K−1)
                let gLow = -w[k + 1] // for index k+1 (if k+1 ≤ K−1)
                let upIdx = k >= 1 ? k : -1
                let lowIdx = k + 1 <= K - 1 ? k + 1 : -1
                // ∂²P_k: (a,a) θ²(V_k − V_{k+1}); (a,d_k) θV_k; (d_k,d_k) V_k; (a,d_{k+1}) −θV_{k+1}; (d_{k+1},d_{k+1}) −V_{k+1}.
                let haa = theta * theta * (v[k] - v[k + 1])
                let rOverP = r / p
                let rOverP2 = r / (p * p)
                let fisherWeight = total / p
                grad[0] += rOverP * ga
                if upIdx >= 0 { grad[upIdx] += rOverP * gUp }
                if lowIdx >= 0 { grad[lowIdx] += rOverP * gLow }
                // Outer product of the (at most three) non-zero entries of ∂P_k/∂η.
                let i0 = 0, i1 = upIdx, i2 = lowIdx
                let g0 = ga, g1 = gUp, g2 = gLow
                @inline(__always) func add(_ x: Int, _ gx: Double, _ y: Int, _ gy: Double) {
                    guard x >= 0, y >= 0 else { return }
                    let prod = gx * gy
                    negH[x * m + y] += rOverP2 * prod
                    fisher[x * m + y] += fisherWeight * prod
                }
                add(i0, g0, i0, g0); add(i0, g0, i1, g1); add(i0, g0, i2, g2)
                add(i1, g1, i0, g0); add(i1, g1, i1, g1); add(i1, g1, i2, g2)
                add(i2, g2, i0, g0); add(i2, g2, i1, g1); add(i2, g2, i2, g2)
                // − r/P ∂²P
                negH[0] -= rOverP * haa
                if upIdx >= 0 {
                    negH[0 * m + upIdx] -= rOverP * theta * v[k]
                    negH[upIdx * m + 0] -= rOverP * theta * v[k]
                    negH[upIdx * m + upIdx] -= rOverP * v[k]
                }
                if lowIdx >= 0 {
                    negH[0 * m + lowIdx] += rOverP * theta * v[k + 1]
                    negH[lowIdx * m + 0] += rOverP * theta * v[k + 1]
                    negH[lowIdx * m + lowIdx] += rOverP * v[k + 1]
                }
            }
        }
        }
        }
        }
        }
        return (grad, negH, fisher)
    }

    /// Runs Newton iterations from (a, d) and returns the maximiser.
    func maximise(a a0: Double, d d0: [Double], iterations: Int) -> (a: Double, d: [Double]) {
        var a = a0
        var d = d0
        var current = objective(a: a, d: d)
        for _ in 0..<iterations {
            let (grad, negH, fisher) = derivatives(a: a, d: d)
            guard let step = CholeskySolver.solve(negH, grad, size: categoryCount)
                    ?? CholeskySolver.solve(fisher, grad, size: categoryCount) else { break }
            var scale = 1.0
            var accepted = false
            for _ in 0..<30 {
                let na = a + scale * step[0]
                var nd = d
                for k in 0..<(categoryCount - 1) { nd[k] += scale * step[k + 1] }
                var ordered = na.isFinite
                for k in 1..<max(1, nd.count) where !(nd[k] < nd[k - 1]) { ordered = false }
                if ordered {
                    let value = objective(a: na, d: nd)
                    if value >= current - 1e-10 * abs(current) {
                        a = na; d = nd; current = value; accepted = true
                        break
                    }
                }
                scale *= 0.5
            }
            if !accepted { break }
            var size = 0.0
            for x in step { size = max(size, abs(x * scale)) }
            if size < 1e-9 { break }
        }
        return (a, d)
    }
}

/// Solves A x = b for a symmetric positive-definite A (row-major, n × n) by Cholesky; nil if A is not PD.
enum CholeskySolver {
    static func factor(_ matrix: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        return l
    }

    static func solve(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double]? {
        guard let l = factor(matrix, size: n) else { return nil }
        var y = rhs
        for i in 0..<n {
            var sum = y[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        return y
    }

    /// The inverse of an SPD matrix, or nil.
    static func inverse(_ matrix: [Double], size n: Int) -> [Double]? {
        guard let l = factor(matrix, size: n) else { return nil }
        // Invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
        var li = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            li[i * n + i] = 1 / l[i * n + i]
            for j in 0..<i {
                var sum = 0.0
                for k in j..<i { sum -= l[i * n + k] * li[k * n + j] }
                li[i * n + j] = sum / l[i * n + i]
            }
        }
        var inv = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = 0.0
                for k in i..<n { sum += li[k * n + i] * li[k * n + j] }
                inv[i * n + j] = sum
                inv[j * n + i] = sum
            }
        }
        return inv
    }
}
