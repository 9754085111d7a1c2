/// One language version of a scenario: the situation and its four responses, in the item's
/// canonical response order (the order the expert key refers to).
public struct ItemTranslation: Codable, Hashable, Sendable {
    public var scenario: String
    public var responses: [String]

    public init(scenario: String, responses: [String]) {
        self.scenario = scenario
        self.responses = responses
    }

    /// Every text present and non-blank, exactly four responses.
    public var isComplete: Bool {
        !scenario.isBlank && responses.count == ScenarioScoring.responsesPerScenario
            && responses.allSatisfy { !$0.isBlank }
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
