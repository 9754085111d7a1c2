import RealModule

/// ETS DIF category: A negligible, B slight to moderate, C moderate to large.
public enum DIFClass: String, Codable, Sendable { case A, B, C }

/// Mantel–Haenszel DIF of one item between a reference and a focal group, matching on total score.
///
/// Dichotomous items: common odds ratio α_MH, Δ_MH = −2.35 ln α_MH (negative: the item is harder for
/// the focal group), the continuity-corrected MH χ², and the ETS rule (Holland & Thayer 1988; Zwick
/// 2012): A if |Δ| < 1 or χ² not significant at .05; C if |Δ| ≥ 1.5 and |Δ| is significantly above 1
/// (one-sided .05, SE of Δ from the Robins–Breslow–Greenland variance of ln α); B otherwise.
///
/// Polytomous items: Mantel's (1963) ordinal χ² (1 df) for the item score and the standardised mean
/// difference SMD = Σ_s p_Fs (ȳ_Fs − ȳ_Rs) (focal minus reference); ETS rule for polytomous items
/// (Zwick, Thayer & Mazzeo 1997): with effect size |SMD| / SD (SD of the item score in both groups
/// together) — A if χ² not significant or effect ≤ 0.17, C if significant and effect > 0.25, B otherwise.
/// α_MH and Δ_MH are not defined for them (nil).
public struct DIFResult: Codable, Sendable, Equatable {
    public var item: String
    public var focalGroup: String
    public var referenceCount: Int
    public var focalCount: Int
    public var alphaMH: Double?
    public var deltaMH: Double?
    public var deltaStandardError: Double?
    /// MH χ² (dichotomous, continuity-corrected) or Mantel χ² (polytomous).
    public var chiSquare: Double
    public var pValue: Double
    public var standardizedMeanDifference: Double
    /// SMD divided by the item-score SD (the polytomous effect size).
    public var effectSize: Double
    public var classification: DIFClass
}

public enum MantelHaenszelDIF {
    /// χ² (1 df) critical value at .05.
    static let chiSquareCritical = 3.841458820694124

    /// - Parameters:
    ///   - matrix: responses aligned with `items`; persons with any missing response are left out,
    ///     because total scores over different item sets are not comparable.
    ///   - groups: group label per person (empty labels are left out).
    public static func analyse(items: [ItemParameters], matrix: ResponseMatrix, groups: [String],
                               reference: String) throws(PsychometricsError) -> [DIFResult] {
        guard groups.count == matrix.personCount else { throw .invalidArgument("one group label per person is needed") }
        guard groups.contains(reference) else { throw .invalidArgument("no person is in the reference group \(reference)") }
        let focalGroups = Array(Set(groups.filter { !$0.isEmpty && $0 != reference })).sorted()
        guard !focalGroups.isEmpty else { throw .invalidArgument("there is no focal group besides \(reference)") }
        var complete: [Int] = []
        var totals: [Int] = []
        for p in 0..<matrix.personCount where !groups[p].isEmpty {
            var total = 0
            var full = true
            for j in 0..<matrix.itemCount {
                let x = matrix[p, j]
                if x < 0 { full = false; break }
                total += Int(x)
            }
            if full { complete.append(p); totals.append(total) }
        }
        var results: [DIFResult] = []
        for focal in focalGroups {
            for (j, item) in items.enumerated() {
                results.append(analyse(item: item, column: j, matrix: matrix, persons: complete, totals: totals,
                                       groups: groups, reference: reference, focal: focal))
            }
        }
        return results
    }

    static func analyse(item: ItemParameters, column j: Int, matrix: ResponseMatrix, persons: [Int], totals: [Int],
                        groups: [String], reference: String, focal: String) -> DIFResult {
        // Per stratum (total score): counts and sums of the item score by group.
        struct Stratum { var nR = 0.0, nF = 0.0, sumR = 0.0, sumF = 0.0, sqR = 0.0, sqF = 0.0, correctR = 0.0, correctF = 0.0 }
        var strata: [Int: Stratum] = [:]
        var allScores: [Double] = []
        for (index, p) in persons.enumerated() {
            let isReference = groups[p] == reference
            guard isReference || groups[p] == focal else { continue }
            let y = Double(matrix[p, j])
            allScores.append(y)
            var s = strata[totals[index], default: Stratum()]
            if isReference {
                s.nR += 1; s.sumR += y; s.sqR += y * y; if y > 0 { s.correctR += 1 }
            } else {
                s.nF += 1; s.sumF += y; s.sqF += y * y; if y > 0 { s.correctF += 1 }
            }
            strata[totals[index]] = s
        }
        var nRef = 0.0, nFoc = 0.0
        var smd = 0.0
        var observedF = 0.0, expectedF = 0.0, varianceF = 0.0
        var rSum = 0.0, sSum = 0.0, prSum = 0.0, psqrSum = 0.0, qsSum = 0.0
        var aSum = 0.0, aExpected = 0.0, aVariance = 0.0
        for s in strata.values {
            nRef += s.nR; nFoc += s.nF
            let n = s.nR + s.nF
            if s.nF > 0 && s.nR > 0 { smd += s.nF * (s.sumF / s.nF - s.sumR / s.nR) }
            guard s.nR > 0, s.nF > 0, n > 1 else { continue }
            // Mantel's ordinal statistic on the focal sum.
            let sum = s.sumR + s.sumF, sq = s.sqR + s.sqF
            observedF += s.sumF
            expectedF += s.nF * sum / n
            varianceF += s.nR * s.nF * (n * sq - sum * sum) / (n * n * (n - 1))
            // 2 × 2 table for dichotomous items: A, B reference right/wrong; C, D focal right/wrong.
            let a = s.correctR, b = s.nR - s.correctR, c = s.correctF, d = s.nF - s.correctF
            let m1 = a + c, m0 = b + d
            aSum += a
            aExpected += s.nR * m1 / n
            aVariance += s.nR * s.nF * m1 * m0 / (n * n * (n - 1))
            let r = a * d / n, sv = b * c / n, pp = (a + d) / n, qq = (b + c) / n
            rSum += r; sSum += sv
            prSum += pp * r; psqrSum += pp * sv + qq * r; qsSum += qq * sv
        }
        smd /= max(nFoc, 1)
        let mean = allScores.reduce(0, +) / Double(max(allScores.count, 1))
        let sd = (allScores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(allScores.count - 1, 1))).squareRoot()
        let effect = sd > 0 ? smd / sd : 0

        if item.categoryCount == 2 {
            let chi = aVariance > 0 ? pow(max(abs(aSum - aExpected) - 0.5, 0), 2) / aVariance : 0
            let alpha = sSum > 0 ? rSum / sSum : .infinity
            let delta = -2.35 * Double.log(alpha)
            let varLog = prSum / (2 * rSum * rSum) + psqrSum / (2 * rSum * sSum) + qsSum / (2 * sSum * sSum)
            let seDelta = 2.35 * varLog.squareRoot()
            let significant = chi >= chiSquareCritical
            let size = abs(delta)
            let cls: DIFClass
            if !significant || size < 1 {
                cls = .A
            } else if size >= 1.5 && (size - 1) / seDelta > 1.6448536269514722 {
                cls = .C
            } else {
                cls = .B
            }
            return DIFResult(item: item.id, focalGroup: focal, referenceCount: Int(nRef), focalCount: Int(nFoc),
                             alphaMH: alpha, deltaMH: delta, deltaStandardError: seDelta, chiSquare: chi,
                             pValue: chiSquarePValue(chi), standardizedMeanDifference: smd, effectSize: effect,
                             classification: cls)
        }
        let chi = varianceF > 0 ? (observedF - expectedF) * (observedF - expectedF) / varianceF : 0
        let significant = chi >= chiSquareCritical
        let cls: DIFClass = !significant || abs(effect) <= 0.17 ? .A : (abs(effect) > 0.25 ? .C : .B)
        return DIFResult(item: item.id, focalGroup: focal, referenceCount: Int(nRef), focalCount: Int(nFoc),
                         alphaMH: nil, deltaMH: nil, deltaStandardError: nil, chiSquare: chi,
                         pValue: chiSquarePValue(chi), standardizedMeanDifference: smd, effectSize: effect,
                         classification: cls)
    }

    /// Upper tail of χ² with 1 df: P(χ² > x) = erfc(√(x/2)).
    static func chiSquarePValue(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        return Double.erfc((x / 2).squareRoot())
    }

    private static func pow(_ x: Double, _ n: Int) -> Double { n == 2 ? x * x : Double.pow(x, Double(n)) }
}
