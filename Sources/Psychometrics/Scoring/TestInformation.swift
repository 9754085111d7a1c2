/// Test-level precision: information functions and reliability.
public enum TestInformation {
    /// Test information I(θ) = Σ_j I_j(θ).
    public static func information(_ items: [ItemParameters], at theta: Double) -> Double {
        items.reduce(0) { $0 + $1.information(at: theta) }
    }

    /// Marginal reliability ρ = 1 − E_θ[σ²_e(θ)] for θ ~ N(0, 1) (so Var θ = 1), with the error
    /// variance of a prior-augmented estimate σ²_e(θ) = 1 / (I(θ) + 1); the +1 (the prior's
    /// information) keeps the integral finite where the test has no information (Green et al. 1984).
    public static func marginalReliability(_ items: [ItemParameters], quadrature: Quadrature = .standard) -> Double {
        var expectedError = 0.0
        for (q, theta) in quadrature.nodes.enumerated() {
            expectedError += quadrature.weights[q] / (information(items, at: theta) + 1)
        }
        return 1 - expectedError
    }

    /// Empirical reliability of EAP scores: Var(θ̂) / (Var(θ̂) + mean SE²).
    public static func empiricalReliability(_ estimates: [AbilityEstimate]) -> Double {
        let n = Double(estimates.count)
        let mean = estimates.reduce(0) { $0 + $1.theta } / n
        let variance = estimates.reduce(0) { $0 + ($1.theta - mean) * ($1.theta - mean) } / n
        let errorVariance = estimates.reduce(0) { $0 + $1.standardError * $1.standardError } / n
        return variance / (variance + errorVariance)
    }
}
