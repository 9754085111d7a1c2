/// Proficiency levels 1–4 on each skill's θ scale, separated by three cut scores.
///
/// Defaults (until the consortium's standard setting replaces them): θ < −0.5 → level 1
/// (developing), −0.5 ≤ θ < 0.5 → level 2 (entry-level: the award bar), 0.5 ≤ θ < 1.5 → level 3
/// (proficient), θ ≥ 1.5 → level 4 (advanced). θ is on the N(0, 1) metric of the calibration
/// sample (VET students), so level 2 asks for roughly the pilot average or better minus half an SD.
public struct ProficiencyCutScores: Codable, Hashable, Sendable {
    /// Lower θ bound of levels 2, 3 and 4, strictly increasing.
    public var cuts: [Double]

    public init(cuts: [Double]) throws(ScoringError) {
        guard cuts.count == ProficiencyLevel.allLevels.count - 1,
            zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }), cuts.allSatisfy(\.isFinite)
        else { throw .invalidCutScores(cuts) }
        self.cuts = cuts
    }

    public static let defaults = try! ProficiencyCutScores(cuts: [-0.5, 0.5, 1.5])

    public func level(for theta: Double) -> ProficiencyLevel {
        ProficiencyLevel(rawValue: 1 + cuts.count { theta >= $0 })!
    }

    /// The lowest θ of `level` (nil for level 1, which has no lower bound).
    public func lowerBound(of level: ProficiencyLevel) -> Double? {
        level.rawValue == 1 ? nil : cuts[level.rawValue - 2]
    }
}

public struct ProficiencyLevel: RawRepresentable, Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init?(rawValue: Int) {
        guard (1...4).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public static let developing = ProficiencyLevel(rawValue: 1)!
    public static let entry = ProficiencyLevel(rawValue: 2)!
    public static let proficient = ProficiencyLevel(rawValue: 3)!
    public static let advanced = ProficiencyLevel(rawValue: 4)!
    public static let allLevels: [ProficiencyLevel] = [.developing, .entry, .proficient, .advanced]

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "level \(rawValue)" }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard let level = ProficiencyLevel(rawValue: value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "level must be 1–4, got \(value)"))
        }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Errors building scoring configuration or scoring a session.
public enum ScoringError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidCutScores([Double])
    case invalidAwardRule(String)
    case sessionNotSubmitted(TestSession.State)
    case unknownItem(ItemID)

    public var description: String {
        switch self {
        case .invalidCutScores(let cuts): "cut scores must be three increasing finite numbers, got \(cuts)"
        case .invalidAwardRule(let reason): "invalid award rule: \(reason)"
        case .sessionNotSubmitted(let state): "only a submitted session can be scored (it is \(state))"
        case .unknownItem(let id): "item \(id) is not in the bank"
        }
    }
}
