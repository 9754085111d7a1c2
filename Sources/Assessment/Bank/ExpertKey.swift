/// The expert key of a scenario: for each response (canonical order) the mean effectiveness rating
/// the expert panel gave it, on the learners' 1–4 scale, with one decimal (e.g. 3.6).
///
/// Stored in tenths (36 for 3.6) so that scoring is exact integer arithmetic and no floating-point
/// rounding can decide whether a learner's rating is 0.5 away from the key.
public struct ExpertKey: Hashable, Sendable, Codable {
    /// Key ratings × 10, one per response.
    public let tenths: [Int]

    public init(tenths: [Int]) { self.tenths = tenths }

    /// Fails when a value has more than one decimal.
    public init?(ratings: [Double]) {
        var tenths: [Int] = []
        for value in ratings {
            guard let t = Self.tenths(of: value) else { return nil }
            tenths.append(t)
        }
        self.tenths = tenths
    }

    /// The mean ratings as decimals (3.6), as experts write them.
    public var ratings: [Double] { tenths.map { Double($0) / 10 } }

    /// True when there are four values, each between 1.0 and 4.0.
    public var isValid: Bool {
        tenths.count == ScenarioScoring.responsesPerScenario && tenths.allSatisfy { (10...40).contains($0) }
    }

    static func tenths(of value: Double) -> Int? {
        guard value.isFinite else { return nil }
        let scaled = (value * 10).rounded()
        guard abs(value * 10 - scaled) < 1e-6, abs(scaled) < 1e6 else { return nil }
        return Int(scaled)
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.singleValueContainer().decode([Double].self)
        guard let key = ExpertKey(ratings: values) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath,
                      debugDescription: "expert key values must have at most one decimal, got \(values)"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ratings)
    }
}
