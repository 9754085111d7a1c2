/// Identifies a form, e.g. `empass-adaptive-v1`.
public struct FormID: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
}

/// A test form: which skills it measures, how items are chosen, and the optional time limit.
public struct Form: Codable, Hashable, Sendable {
    public enum Delivery: Codable, Hashable, Sendable {
        /// The same scenarios in the same order for everyone.
        case fixed([ItemID])
        /// Scenarios chosen one at a time by the adaptive selector.
        case adaptive(AdaptiveSettings)
    }

    public var id: FormID
    public var skills: [SkillID]
    public var delivery: Delivery
    /// Seconds from start; nil means untimed.
    public var timeLimitSeconds: Int?
    /// Item statuses this form may draw from (pilot forms include pilot items).
    public var eligibleStatuses: Set<ItemStatus>
    public var scoring: ScenarioScoring

    public init(
        id: FormID, skills: [SkillID] = SkillID.allCases, delivery: Delivery, timeLimitSeconds: Int? = nil,
        eligibleStatuses: Set<ItemStatus> = [.pilot, .operational], scoring: ScenarioScoring = .standard
    ) {
        self.id = id
        self.skills = skills
        self.delivery = delivery
        self.timeLimitSeconds = timeLimitSeconds
        self.eligibleStatuses = eligibleStatuses
        self.scoring = scoring
    }
}

/// Stopping and exposure settings for adaptive delivery, applied per skill.
public struct AdaptiveSettings: Codable, Hashable, Sendable {
    /// A skill stops once its posterior SD is at or below this (and the minimum is reached).
    public var targetStandardError: Double
    public var minimumItemsPerSkill: Int
    public var maximumItemsPerSkill: Int
    /// Randomesque exposure control: pick at random among the this-many most informative items.
    public var randomesqueCandidates: Int

    public init(targetStandardError: Double = 0.40, minimumItemsPerSkill: Int = 3,
                maximumItemsPerSkill: Int = 8, randomesqueCandidates: Int = 3) {
        self.targetStandardError = targetStandardError
        self.minimumItemsPerSkill = minimumItemsPerSkill
        self.maximumItemsPerSkill = maximumItemsPerSkill
        self.randomesqueCandidates = randomesqueCandidates
    }
}
