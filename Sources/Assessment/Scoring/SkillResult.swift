/// One skill's outcome: the EAP estimate, its SE, the level of the estimate, and the posterior
/// probability of being at or above each level (what the award rule reads).
public struct SkillResult: Codable, Hashable, Sendable {
    public var skill: SkillID
    public var theta: Double
    public var standardError: Double
    public var level: ProficiencyLevel
    public var itemCount: Int
    /// P(θ ≥ lower bound of level 2, 3, 4 | responses), in that order.
    public var probabilityAtLeast: [Double]

    public init(skill: SkillID, theta: Double, standardError: Double, level: ProficiencyLevel,
                itemCount: Int, probabilityAtLeast: [Double]) {
        self.skill = skill
        self.theta = theta
        self.standardError = standardError
        self.level = level
        self.itemCount = itemCount
        self.probabilityAtLeast = probabilityAtLeast
    }

    /// P(level ≥ `level`); level 1 is certain.
    public func probability(ofAtLeast level: ProficiencyLevel) -> Double {
        level.rawValue == 1 ? 1 : probabilityAtLeast[level.rawValue - 2]
    }
}

/// What a scored session stores: results per skill (framework order) and the award decision.
public struct SessionResults: Codable, Hashable, Sendable {
    public var skills: [SkillResult]
    public var award: AwardDecision

    public init(skills: [SkillResult], award: AwardDecision) {
        self.skills = skills
        self.award = award
    }
}
