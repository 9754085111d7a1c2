import Psychometrics

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

/// Stopping, selection and exposure settings for adaptive delivery, applied per skill. They become a
/// Psychometrics `AdaptiveTestConfiguration` (see `AdaptiveItemSelector`).
///
/// Stored forms written before a setting existed decode with that setting's default.
public struct AdaptiveSettings: Codable, Hashable, Sendable {
    /// A skill stops once its posterior SD is at or below this (and the minimum is reached).
    public var targetStandardError: Double
    public var minimumItemsPerSkill: Int
    public var maximumItemsPerSkill: Int
    /// Randomesque exposure control: pick at random among the this-many best-ranked items.
    public var randomesqueCandidates: Int
    /// How a skill's remaining items are ranked (default: minimum expected posterior variance).
    public var selection: ItemSelectionCriterion

    public init(targetStandardError: Double = 0.40, minimumItemsPerSkill: Int = 3,
                maximumItemsPerSkill: Int = 8, randomesqueCandidates: Int = 3,
                selection: ItemSelectionCriterion = .minimumExpectedPosteriorVariance) {
        self.targetStandardError = targetStandardError
        self.minimumItemsPerSkill = minimumItemsPerSkill
        self.maximumItemsPerSkill = maximumItemsPerSkill
        self.randomesqueCandidates = randomesqueCandidates
        self.selection = selection
    }

    private enum CodingKeys: String, CodingKey {
        case targetStandardError, minimumItemsPerSkill, maximumItemsPerSkill, randomesqueCandidates, selection
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = AdaptiveSettings()
        targetStandardError = try container.decodeIfPresent(Double.self, forKey: .targetStandardError) ?? defaults.targetStandardError
        minimumItemsPerSkill = try container.decodeIfPresent(Int.self, forKey: .minimumItemsPerSkill) ?? defaults.minimumItemsPerSkill
        maximumItemsPerSkill = try container.decodeIfPresent(Int.self, forKey: .maximumItemsPerSkill) ?? defaults.maximumItemsPerSkill
        randomesqueCandidates = try container.decodeIfPresent(Int.self, forKey: .randomesqueCandidates) ?? defaults.randomesqueCandidates
        selection = try container.decodeIfPresent(ItemSelectionCriterion.self, forKey: .selection) ?? defaults.selection
    }
}
