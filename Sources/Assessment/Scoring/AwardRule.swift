/// The award rule of the micro-credential specification. Default: every one of the 11 skills at or
/// above level 2 with at least 80 % posterior probability, i.e. P(θ ≥ cut₂ | responses) ≥ 0.8.
/// "At least" is inclusive: exactly 0.8 meets the rule.
public struct AwardRule: Codable, Hashable, Sendable {
    public var requiredLevel: ProficiencyLevel
    public var minimumProbability: Double
    /// The skills that must meet the bar.
    public var skills: [SkillID]

    public init(requiredLevel: ProficiencyLevel = .entry, minimumProbability: Double = 0.8,
                skills: [SkillID] = SkillID.allCases) throws(ScoringError) {
        guard (0...1).contains(minimumProbability), minimumProbability > 0 else {
            throw .invalidAwardRule("probability must be in (0, 1], got \(minimumProbability)")
        }
        guard !skills.isEmpty else { throw .invalidAwardRule("at least one skill is required") }
        guard Set(skills).count == skills.count else { throw .invalidAwardRule("skills are listed twice") }
        self.requiredLevel = requiredLevel
        self.minimumProbability = minimumProbability
        self.skills = skills
    }

    public static let `default` = try! AwardRule()

    public func decide(_ results: [SkillResult]) -> AwardDecision {
        let outcomes = skills.map { skill -> SkillAwardOutcome in
            guard let result = results.first(where: { $0.skill == skill }), result.itemCount > 0 else {
                return SkillAwardOutcome(skill: skill, meetsRule: false, reason: .notAssessed)
            }
            let probability = result.probability(ofAtLeast: requiredLevel)
            return probability >= minimumProbability
                ? SkillAwardOutcome(skill: skill, meetsRule: true, reason: .met(probability: probability))
                : SkillAwardOutcome(skill: skill, meetsRule: false, reason: .belowRequiredProbability(probability: probability))
        }
        return AwardDecision(awarded: outcomes.allSatisfy(\.meetsRule), rule: self, skills: outcomes)
    }
}

public struct AwardDecision: Codable, Hashable, Sendable {
    public var awarded: Bool
    public var rule: AwardRule
    public var skills: [SkillAwardOutcome]

    /// Skills that stopped the award (empty when awarded).
    public var unmet: [SkillAwardOutcome] { skills.filter { !$0.meetsRule } }
}

public struct SkillAwardOutcome: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Codable, Hashable, Sendable {
        case met(probability: Double)
        case belowRequiredProbability(probability: Double)
        case notAssessed
    }

    public var skill: SkillID
    public var meetsRule: Bool
    public var reason: Reason

    public var description: String {
        switch reason {
        case .met(let p): "\(skill): met (P = \(p.formatted2))"
        case .belowRequiredProbability(let p): "\(skill): not met (P = \(p.formatted2) below the required probability)"
        case .notAssessed: "\(skill): not assessed (no answered scenarios)"
        }
    }
}

extension Double {
    var formatted2: String {
        let hundredths = (self * 100).rounded()
        return "\(Int(hundredths) / 100).\(String(format2: Int(hundredths) % 100))"
    }
}

extension String {
    fileprivate init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
