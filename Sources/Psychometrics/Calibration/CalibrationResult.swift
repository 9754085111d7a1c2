/// How the EM run went.
public struct ConvergenceReport: Codable, Sendable, Equatable {
    public var iterations: Int
    /// Largest absolute change of any a or b in the last iteration.
    public var maxParameterChange: Double
    /// Marginal log-likelihood at the start of every iteration (non-decreasing for EM).
    public var logLikelihoodTrace: [Double]
    public var converged: Bool
    public var tolerance: Double
    public var quadrature: String
    /// How standard errors were computed.
    public var standardErrorMethod: String

    public var finalLogLikelihood: Double { logLikelihoodTrace.last ?? .nan }
}

/// Root mean square deviation between the posterior-expected ("observed") and model category
/// curves over the ability distribution of the persons who answered the item (the PISA item-fit
/// statistic): RMSD_k = √(Σ_q w_q (P̂_kq − P_kq)²); the item's value is the largest over categories.
public struct ItemFit: Codable, Sendable, Equatable {
    public static let statisticName = "RMSD"
    /// PISA's conventional flag: RMSD above 0.12 is treated as misfit.
    public static let flagThreshold = 0.12

    public var statistic: String
    public var value: Double
    public var flagged: Bool
    public var responses: Int
}

/// A calibrated item: parameters with standard errors (nil when the information matrix was singular).
public struct CalibratedItem: Codable, Sendable, Equatable {
    public var parameters: ItemParameters
    public var seA: Double?
    public var seB: [Double]?
    public var fit: ItemFit
}

public struct CalibrationResult: Sendable {
    public var items: [CalibratedItem]
    public var report: ConvergenceReport
    public var personCount: Int
}
