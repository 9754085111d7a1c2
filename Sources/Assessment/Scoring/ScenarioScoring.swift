/// Turns a learner's four ratings of one scenario into the scenario's GRM category.
///
/// The exact rule:
/// 1. Each response is rated 1–4 (1 = very ineffective … 4 = very effective).
/// 2. Each rating scores `3 − min(3, round(|rating − key|))`, where `key` is the expert mean rating
///    of that response and `round` rounds halves up (|3 − 3.5| = 0.5 → 1 → score 2). Computed on
///    tenths: `3 − min(3, (|10·rating − keyTenths| + 5) / 10)` with integer division.
/// 3. The scenario's summed score is 0–12.
/// 4. The sum is collapsed into ordered categories by fixed lower bounds; the standard bounds
///    `[7, 9, 11]` give 0–6 → 0, 7–8 → 1, 9–10 → 2, 11–12 → 3. Random rating expects about
///    5–6 points, so category 0 is "no better than chance"; 11–12 allows one small disagreement.
///
/// The category — one polytomous observation per scenario — is what the GRM models, so the four
/// ratings of a scenario (which share its context) are never treated as independent items.
public struct ScenarioScoring: Codable, Hashable, Sendable {
    public static let responsesPerScenario = 4
    public static let ratingScale: ClosedRange<Int> = 1...4
    public static let maximumRatingScore = 3
    public static let maximumSummedScore = responsesPerScenario * maximumRatingScore

    /// Lowest summed score of categories 1, 2, … (category 0 starts at 0). Strictly increasing.
    public var categoryLowerBounds: [Int]

    public init(categoryLowerBounds: [Int]) { self.categoryLowerBounds = categoryLowerBounds }

    public static let standard = ScenarioScoring(categoryLowerBounds: [7, 9, 11])

    public var categoryCount: Int { categoryLowerBounds.count + 1 }

    /// 0–3 points for one rating against the key (in tenths).
    public static func ratingScore(rating: Int, keyTenths: Int) -> Int {
        let distanceTenths = abs(rating * 10 - keyTenths)
        let roundedDistance = (distanceTenths + 5) / 10  // halves round up
        return maximumRatingScore - min(maximumRatingScore, roundedDistance)
    }

    /// 0–12 for the four ratings (canonical response order) against the expert key.
    public static func summedScore(_ ratings: Ratings, key: ExpertKey) -> Int {
        zip(ratings.values, key.tenths).reduce(0) { $0 + ratingScore(rating: $1.0, keyTenths: $1.1) }
    }

    /// The ordered category (0-based) of a summed score.
    public func category(summedScore: Int) -> Int {
        categoryLowerBounds.count { summedScore >= $0 }
    }

    public func category(_ ratings: Ratings, key: ExpertKey) -> Int {
        category(summedScore: Self.summedScore(ratings, key: key))
    }
}

/// A learner's four ratings of one scenario, in the item's canonical response order (not the
/// shuffled order they were displayed in; see `PresentedItem.canonicalRatings(fromDisplayed:)`).
public struct Ratings: Codable, Hashable, Sendable {
    public let values: [Int]

    public init(_ values: [Int]) throws(TestSessionError) {
        guard values.count == ScenarioScoring.responsesPerScenario else {
            throw .invalidRatings("expected \(ScenarioScoring.responsesPerScenario) ratings, got \(values.count)")
        }
        guard values.allSatisfy(ScenarioScoring.ratingScale.contains) else {
            throw .invalidRatings("ratings must be 1–4, got \(values)")
        }
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.singleValueContainer().decode([Int].self)
        do { self = try Ratings(values) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
