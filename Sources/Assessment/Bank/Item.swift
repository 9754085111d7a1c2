/// A situational-judgement item: one scenario, four responses the learner rates 1–4, the expert
/// key, and the scenario's GRM parameters. The scenario — not each rating — is the unit of
/// measurement (see `ScenarioScoring`).
public struct Item: Codable, Hashable, Sendable, Identifiable {
    public var id: ItemID
    public var skill: SkillID
    public var status: ItemStatus
    /// How many sessions have been shown this item; kept for exposure control and bank upkeep.
    public var exposureCount: Int
    public var key: ExpertKey
    public var parameters: ScenarioParameters
    /// Language versions; English (the source) is required, the others are claimed by presence.
    public var translations: [LanguageCode: ItemTranslation]

    public init(
        id: ItemID, skill: SkillID, status: ItemStatus, exposureCount: Int = 0, key: ExpertKey,
        parameters: ScenarioParameters, translations: [LanguageCode: ItemTranslation]
    ) {
        self.id = id
        self.skill = skill
        self.status = status
        self.exposureCount = exposureCount
        self.key = key
        self.parameters = parameters
        self.translations = translations
    }

    /// Languages this item claims, in the canonical order.
    public var languages: [LanguageCode] { LanguageCode.allCases.filter { translations[$0] != nil } }

    /// The text in `language`, falling back to English when that version does not exist.
    public func translation(_ language: LanguageCode) -> ItemTranslation? {
        translations[language] ?? translations[.source]
    }
}
