/// The response model of one item. A 2PL item is the two-category case of the graded response model.
public enum ResponseModel: String, Codable, Sendable, CaseIterable {
    case twoPL = "2pl"
    case graded = "grm"
}

/// Parameters of one item in the IRT (a, b) parameterisation:
/// P(X ≥ k | θ) = 1 / (1 + exp(−a(θ − b_k))), k = 1…K−1, with b ordered increasingly.
public struct ItemParameters: Codable, Sendable, Equatable {
    public var id: String
    public var skill: String?
    public var model: ResponseModel
    /// Discrimination.
    public var a: Double
    /// Ordered category thresholds (one for a 2PL item).
    public var b: [Double]

    public init(id: String, skill: String? = nil, model: ResponseModel, a: Double, b: [Double]) {
        self.id = id
        self.skill = skill
        self.model = model
        self.a = a
        self.b = b
    }

    /// Number of response categories (0…K−1).
    public var categoryCount: Int { b.count + 1 }

    /// Slope–intercept form used internally: z_k = aθ + d_k with d_k = −a·b_k.
    var intercepts: [Double] { b.map { -a * $0 } }

    /// Checks what a caller could get wrong: finite values, one threshold for 2PL, ordered thresholds.
    public func validate() throws(PsychometricsError) {
        guard a.isFinite, b.allSatisfy(\.isFinite) else {
            throw .invalidParameters(item: id, reason: "parameters must be finite numbers")
        }
        guard !b.isEmpty else { throw .invalidParameters(item: id, reason: "at least one threshold is needed") }
        if model == .twoPL && b.count != 1 {
            throw .invalidParameters(item: id, reason: "a 2PL item has exactly one threshold b")
        }
        guard a > 0 else {
            throw .invalidParameters(item: id, reason: "discrimination a = \(a) is not positive: the item works against the scale; remove or re-key it")
        }
        for k in 1..<b.count where !(b[k] > b[k - 1]) {
            throw .invalidParameters(item: id, reason: "thresholds b must be strictly increasing")
        }
    }
}
