import RealModule

public struct CalibrationOptions: Sendable {
    public var model: ResponseModel
    public var quadrature: Quadrature
    public var maxIterations: Int
    /// Convergence when the largest absolute change of any a or b between iterations is below this.
    public var tolerance: Double
    public var computeStandardErrors: Bool
    /// SQUAREM acceleration of EM (same fixed point, fewer iterations).
    public var accelerate: Bool
    /// Optional skill of each item id, copied to the output.
    public var skills: [String: String]

    public init(model: ResponseModel, quadrature: Quadrature = .standard, maxIterations: Int = 500,
                tolerance: Double = 1e-4, computeStandardErrors: Bool = true, accelerate: Bool = true,
                skills: [String: String] = [:]) {
        self.accelerate = accelerate
        self.model = model
        self.quadrature = quadrature
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.computeStandardErrors = computeStandardErrors
        self.skills = skills
    }
}

/// Marginal maximum likelihood calibration of 2PL / GRM items by the EM algorithm (Bock & Aitkin 1981)
/// with θ ~ N(0, 1) approximated by quadrature. Missing responses (not administered) are ignored in
/// the likelihood, which is correct when administration depends only on observed responses (MAR, as in
/// adaptive testing).
public enum MMLCalibrator {
    public static let standardErrorMethod =
        "cross-product (XPD) of per-person marginal score vectors at the MML solution, inverted jointly over all items; b by the delta method"

    public static func calibrate(_ data: ResponseMatrix, options: CalibrationOptions) throws(PsychometricsError) -> CalibrationResult {
        let layout = try ItemLayout(data: data, model: options.model)
        let workspace = EMWorkspace(data: data, layout: layout, quadrature: options.quadrature)
        var state = EMState(a: [Double](repeating: 1, count: layout.itemCount), d: layout.startingIntercepts)
        var trace: [Double] = []
        var converged = false
        var lastChange = Double.infinity
        var steps = 0

        // One EM step: E-step at `x` (which also yields log L(x)), then the per-item M-steps.
        func emStep(_ x: EMState) throws(PsychometricsError) -> (next: EMState, logLikelihood: Double) {
            steps += 1
            workspace.fillLogProbabilities(a: x.a, d: x.d)
            let ll = workspace.expectationStep()
            var next = x
            for j in 0..<layout.itemCount {
                let (na, nd) = workspace.maximisationStep(item: j, a: x.a[j], d: x.d[j])
                guard na.isFinite, abs(na) < 50, nd.allSatisfy({ $0.isFinite && abs($0) < 500 }) else {
                    throw .divergedItem(item: data.itemIDs[j], reason: "parameters ran off to infinity (a = \(na)); the item's responses may separate perfectly on θ")
                }
                next.a[j] = na
                next.d[j] = nd
            }
            return (next, ll)
        }

        // EM accelerated by SQUAREM (Varadhan & Roland 2008, scheme S3): two EM steps x0 → x1 → x2 give
        // r = x1 − x0 and v = x2 − x1 − r; the extrapolation x′ = x0 − 2αr + α²v with α = −‖r‖/‖v‖ is
        // taken only if it keeps thresholds ordered and does not lower log L below log L(x1); otherwise
        // x2 (plain EM) is kept. Convergence is judged on the plain EM step x1 → x2.
        while steps < options.maxIterations {
            let (x1, ll0) = try emStep(state)
            trace.append(ll0)
            let (x2, ll1) = try emStep(x1)
            lastChange = x1.maxChange(to: x2)
            if lastChange < options.tolerance {
                state = x2
                converged = true
                break
            }
            guard options.accelerate, steps + 1 < options.maxIterations,
                  let extrapolated = EMState.squarem(x0: state, x1: x1, x2: x2) else {
                state = x2
                continue
            }
            let (x3, llExtrapolated) = try emStep(extrapolated)
            state = llExtrapolated >= ll1 ? x3 : x2
        }
        workspace.fillLogProbabilities(a: state.a, d: state.d)
        trace.append(workspace.expectationStep())
        let a = state.a
        let d = state.d
        let iterations = steps

        var standardErrors: [(seA: Double, seB: [Double])?] = Array(repeating: nil, count: layout.itemCount)
        if options.computeStandardErrors {
            standardErrors = workspace.crossProductStandardErrors(a: a, d: d)
        }
        let fits = workspace.itemFit(a: a, d: d)
        var items: [CalibratedItem] = []
        for j in 0..<layout.itemCount {
            let id = data.itemIDs[j]
            let parameters = ItemParameters(id: id, skill: options.skills[id], model: options.model,
                                            a: a[j], b: d[j].map { -$0 / a[j] })
            items.append(CalibratedItem(parameters: parameters, seA: standardErrors[j]?.seA,
                                        seB: standardErrors[j]?.seB, fit: fits[j]))
        }
        let report = ConvergenceReport(
            iterations: iterations, maxParameterChange: lastChange, logLikelihoodTrace: trace,
            converged: converged, tolerance: options.tolerance, quadrature: options.quadrature.rule.description,
            standardErrorMethod: options.computeStandardErrors ? standardErrorMethod : "not computed")
        return CalibrationResult(items: items, report: report, personCount: data.personCount)
    }
}

/// Category counts per item and where each item's categories sit in the flat tables.
struct ItemLayout {
    let itemCount: Int
    let categories: [Int]
    /// First slot of item j; slot (j, k) = base[j] + k. Also the first parameter index of item j
    /// (a, d_1…d_{K−1} take K slots).
    let base: [Int]
    let slotCount: Int
    let startingIntercepts: [[Double]]

    init(data: ResponseMatrix, model: ResponseModel) throws(PsychometricsError) {
        let J = data.itemCount
        var maxCategory = [Int](repeating: -1, count: J)
        for p in 0..<data.personCount {
            for j in 0..<J {
                let x = Int(data[p, j])
                if x > maxCategory[j] { maxCategory[j] = x }
            }
        }
        var categories: [Int] = []
        var starts: [[Double]] = []
        for j in 0..<J {
            let K = maxCategory[j] + 1
            if model == .twoPL && K > 2 {
                let person = (0..<data.personCount).first { data[$0, j] > 1 }!
                throw .categoryOutOfRange(person: data.personIDs[person], item: data.itemIDs[j], category: K - 1, maximum: 1)
            }
            var counts = [Int](repeating: 0, count: max(K, 2))
            for p in 0..<data.personCount where data[p, j] >= 0 { counts[Int(data[p, j])] += 1 }
            let n = counts.reduce(0, +)
            guard n >= 2, K >= 2 else { throw .tooFewResponses(item: data.itemIDs[j], count: n) }
            if let empty = counts.firstIndex(of: 0) { throw .unobservedCategory(item: data.itemIDs[j], category: empty) }
            // d_k from the proportion at or above k, widened for the N(0,1) spread with a = 1.
            var atOrAbove = n
            var d: [Double] = []
            for k in 1..<K {
                atOrAbove -= counts[k - 1]
                let p = min(max(Double(atOrAbove) / Double(n), 0.001), 0.999)
                d.append(1.16 * Double.log(p / (1 - p)))
            }
            for k in 1..<d.count where !(d[k] < d[k - 1]) { d[k] = d[k - 1] - 0.01 }
            categories.append(K)
            starts.append(d)
        }
        var base: [Int] = []
        var total = 0
        for K in categories { base.append(total); total += K }
        itemCount = J
        self.categories = categories
        self.base = base
        slotCount = total
        startingIntercepts = starts
    }
}

/// Item parameters during EM in slope–intercept form.
struct EMState {
    var a: [Double]
    var d: [[Double]]

    /// Largest absolute change of any a or b = −d/a.
    func maxChange(to other: EMState) -> Double {
        var change = 0.0
        for j in a.indices {
            change = max(change, abs(other.a[j] - a[j]))
            for k in d[j].indices { change = max(change, abs(-other.d[j][k] / other.a[j] + d[j][k] / a[j])) }
        }
        return change
    }

    static func squarem(x0: EMState, x1: EMState, x2: EMState) -> EMState? {
        var rr = 0.0, vv = 0.0
        for j in x0.a.indices {
            let r = x1.a[j] - x0.a[j], v = x2.a[j] - 2 * x1.a[j] + x0.a[j]
            rr += r * r; vv += v * v
            for k in x0.d[j].indices {
                let r = x1.d[j][k] - x0.d[j][k], v = x2.d[j][k] - 2 * x1.d[j][k] + x0.d[j][k]
                rr += r * r; vv += v * v
            }
        }
        guard vv > 0 else { return nil }
        let alpha = min(-(rr / vv).squareRoot(), -1)
        var out = x0
        for j in x0.a.indices {
            func extrapolate(_ p0: Double, _ p1: Double, _ p2: Double) -> Double {
                let r = p1 - p0, v = p2 - 2 * p1 + p0
                return p0 - 2 * alpha * r + alpha * alpha * v
            }
            out.a[j] = extrapolate(x0.a[j], x1.a[j], x2.a[j])
            guard out.a[j].isFinite, out.a[j] > 0.01, out.a[j] < 50 else { return nil }
            for k in x0.d[j].indices {
                out.d[j][k] = extrapolate(x0.d[j][k], x1.d[j][k], x2.d[j][k])
                guard out.d[j][k].isFinite, k == 0 || out.d[j][k] < out.d[j][k - 1] else { return nil }
            }
        }
        return out
    }
}
