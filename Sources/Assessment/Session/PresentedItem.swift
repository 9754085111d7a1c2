import Foundation

/// A scenario as shown in one session: which item, in which response order, and when.
/// Stored with the session so a resumed session shows exactly the same screen.
public struct PresentedItem: Codable, Hashable, Sendable {
    public var itemID: ItemID
    public var skill: SkillID
    /// `responseOrder[p]` is the canonical response index shown at display position `p`.
    public var responseOrder: [Int]
    public var presentedAt: Date

    /// Display-order ratings (what the learner clicked, top to bottom) → canonical-order ratings.
    public func canonicalRatings(fromDisplayed displayed: [Int]) throws(TestSessionError) -> Ratings {
        guard displayed.count == responseOrder.count else { throw .invalidDisplayOrder }
        var canonical = Array(repeating: 0, count: responseOrder.count)
        for (position, response) in responseOrder.enumerated() { canonical[response] = displayed[position] }
        return try Ratings(canonical)
    }

    /// Canonical-order ratings → display order (to re-fill the page when a learner comes back).
    public func displayedRatings(from ratings: Ratings) -> [Int] {
        responseOrder.map { ratings.values[$0] }
    }

    /// The responses of `translation` in display order.
    public func displayedResponses(of translation: ItemTranslation) -> [String] {
        responseOrder.map { translation.responses[$0] }
    }
}

/// A learner's answer to one scenario.
public struct Answer: Codable, Hashable, Sendable {
    public var itemID: ItemID
    public var ratings: Ratings
    /// When the current ratings were recorded (a replacement moves it; a repeat does not).
    public var answeredAt: Date
    /// Language the scenario was shown in when answered (kept for DIF analysis).
    public var language: LanguageCode
    /// How many times the answer was replaced before submission.
    public var revisions: Int
}
