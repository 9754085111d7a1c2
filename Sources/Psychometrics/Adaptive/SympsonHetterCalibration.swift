/// Estimation of Sympson–Hetter exposure parameters by iterated simulation.
extension CATSimulator {
    /// The outcome of `sympsonHetterParameters`.
    public struct SympsonHetterCalibration: Sendable {
        /// K_i per bank item, to put in `AdaptiveTestConfiguration.exposureParameters`.
        public var parameters: [Double]
        /// Maximum exposure in each round (with that round's parameters), for the convergence report.
        public var maxExposureByRound: [Double]
        /// Mean items per skill in each round.
        public var meanItemsByRound: [Double]
    }

    /// Sympson–Hetter exposure parameters by iterated simulation (Sympson & Hetter 1985): start with
    /// K_i = 1; simulate `persons` with the current K; update each K_i from its administration rate
    /// P(A_i) = K_i · (expected selections per person):
    ///     K_i ← min(1, K_i · r / P(A_i))   (K_i ← 1 when the item was never given),
    /// which is the classic K_i = r / P(S_i) with P(S_i) counted per lottery, so fresh passes over
    /// set-aside items (see `AdaptiveTest`) are counted too. Over-exposed items go down, items held
    /// below r go back up, and at the fixed point every controlled item is given to exactly r.
    /// Single rounds are noisy (an exposure of 0.25 from 1,000 persons has SD 0.014), so the returned
    /// parameters are the average of the parameters used in the second half of the rounds.
    ///
    /// The margin: at the fixed point many items sit exactly at the calibration target, and the largest
    /// of ~300 exposure rates observed in N persons lands ≈ 3–3.5 SD above it (SD = √(r(1−r)/N) ≈ 0.015 for
    /// r = 0.35, N = 1,000). To keep the observed maximum under r, calibrate to r − margin.
    ///
    /// Feasibility: the mean exposure over a skill's items is (mean items per skill) / (items per
    /// skill), so no r below that can be met, and exposure control lengthens tests, raising it.
    public static func sympsonHetterParameters(bank: [ItemParameters], configuration: AdaptiveTestConfiguration,
                                               targetExposure: Double, margin: Double = 0, persons: Int, rounds: Int,
                                               using rng: inout some RandomNumberGenerator) throws(PsychometricsError) -> SympsonHetterCalibration {
        let r = targetExposure - margin
        guard targetExposure <= 1, margin >= 0, r > 0 else {
            throw .invalidArgument("the exposure target must be in (0, 1] and larger than the margin")
        }
        guard rounds >= 2 else { throw .invalidArgument("Sympson–Hetter needs at least 2 rounds") }
        var k = [Double](repeating: 1, count: bank.count)
        var sum = [Double](repeating: 0, count: bank.count)
        var averaged = 0
        var maxByRound: [Double] = [], itemsByRound: [Double] = []
        for round in 0..<rounds {
            var config = configuration
            config.exposureParameters = k
            let report = try run(bank: bank, configuration: config, persons: persons, using: &rng)
            maxByRound.append(report.maxExposure)
            itemsByRound.append(report.meanItemsPerSkill)
            if round >= rounds / 2 {
                for i in k.indices { sum[i] += k[i] }
                averaged += 1
            }
            for i in k.indices {
                let administered = Double(report.administrations[i]) / Double(persons)
                // Floor K at 1e-3 so that every item keeps a chance (and the lottery always ends).
                k[i] = administered > 0 ? max(1e-3, min(1, k[i] * r / administered)) : 1
            }
        }
        return SympsonHetterCalibration(parameters: sum.map { $0 / Double(averaged) },
                                        maxExposureByRound: maxByRound, meanItemsByRound: itemsByRound)
    }
}
