import Assessment
import Foundation
import HummingbirdTesting
import Storage
@testable import EmPassServer

/// A learner of known ability θ taking a test through the real pages: for each scenario it draws
/// a GRM category at θ, picks four ratings that score into that category, and posts them in the
/// order the page displays the responses (read from the stored presentation).
struct SimulatedLearner {
    let theta: Double
    var generator: SessionRandom
    let bank: ItemBank

    init(theta: Double, seed: UInt64, bank: ItemBank) {
        self.theta = theta
        self.generator = SessionRandom(seed: seed)
        self.bank = bank
    }

    /// Canonical-order ratings whose category (standard scoring) is the one drawn at θ.
    mutating func ratings(for item: Item) -> [Int] {
        let category = GRMItem(item.parameters).simulateCategory(at: theta, using: &generator)
        var candidates: [[Int]] = []
        for a in 1...4 { for b in 1...4 { for c in 1...4 { for d in 1...4 {
            let ratings = try! Ratings([a, b, c, d])
            if ScenarioScoring.standard.category(ratings, key: item.key) == category { candidates.append([a, b, c, d]) }
        } } } }
        return candidates.randomElement(using: &generator) ?? [1, 1, 1, 1]
    }

    /// The item id the page shows (`<input type="hidden" name="item" value="…">`), if any.
    static func itemID(in html: String) -> String? {
        guard let range = html.range(of: #"name="item" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="item" value=""#.count).dropLast())
    }

    /// Display-order form fields for `item` in `session`.
    mutating func answerFields(item: Item, session: StoredTestSession, csrf: String) -> [(String, String)] {
        let canonical = ratings(for: item)
        let order = session.record.presented.first { $0.itemID == item.id.rawValue }!.responseOrder
        return [("csrf_token", csrf), ("item", item.id.rawValue)]
            + order.enumerated().map { ("r\($0.offset)", String(canonical[$0.element])) }
    }
}
