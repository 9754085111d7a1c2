extension AbilityEstimate {
    /// An estimate from stored values (e.g. per-skill results read back from a database). The
    /// memberwise initialiser is internal, and an extension may not redeclare it.
    public static func stored(theta: Double, standardError: Double) -> AbilityEstimate {
        AbilityEstimate(theta: theta, standardError: standardError)
    }
}
