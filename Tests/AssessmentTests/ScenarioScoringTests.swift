import Testing
@testable import Assessment

@Suite("Scenario scoring rule")
struct ScenarioScoringTests {
    /// (rating, key in tenths, expected score) — worked examples of 3 − min(3, round(|r − key|)).
    @Test(arguments: [
        (4, 40, 3), (4, 36, 3), (3, 36, 2), (4, 35, 2), (3, 35, 2), (3, 34, 3), (2, 36, 1),
        (1, 36, 0), (1, 14, 3), (2, 14, 2), (1, 15, 2), (2, 25, 2), (3, 25, 2), (4, 10, 0), (1, 40, 0),
        (3, 15, 1), (3, 16, 2),
    ])
    func ratingScore(rating: Int, keyTenths: Int, expected: Int) {
        #expect(ScenarioScoring.ratingScore(rating: rating, keyTenths: keyTenths) == expected)
    }

    @Test func scoreIsNeverOutsideZeroToThree() {
        for rating in 1...4 {
            for key in 10...40 {
                let score = ScenarioScoring.ratingScore(rating: rating, keyTenths: key)
                #expect((0...3).contains(score))
                // Matches the real-number rule with halves rounded up.
                let distance = abs(Double(rating) - Double(key) / 10)
                let expected = 3 - min(3, Int((distance + 0.5 + 1e-9).rounded(.down)))
                #expect(score == expected, "rating \(rating) key \(key)")
            }
        }
    }

    @Test func summedScoreAndCategories() throws {
        let key = ExpertKey(tenths: [36, 14, 25, 20])
        // Perfect-ish: 4→3 (0.4), 1→3 (0.4), 3→2 (0.5 rounds up), 2→3 → 11 → category 3.
        #expect(ScenarioScoring.summedScore(Fixtures.ratings([4, 1, 3, 2]), key: key) == 11)
        #expect(ScenarioScoring.standard.category(Fixtures.ratings([4, 1, 3, 2]), key: key) == 3)
        // Reversed judgement: 1→0, 4→0, 2→2, 3→2 → 4 → category 0.
        #expect(ScenarioScoring.summedScore(Fixtures.ratings([1, 4, 2, 3]), key: key) == 4)
        #expect(ScenarioScoring.standard.category(Fixtures.ratings([1, 4, 2, 3]), key: key) == 0)
    }

    @Test(arguments: [(0, 0), (6, 0), (7, 1), (8, 1), (9, 2), (10, 2), (11, 3), (12, 3)])
    func standardCutPoints(sum: Int, category: Int) {
        #expect(ScenarioScoring.standard.category(summedScore: sum) == category)
        #expect(ScenarioScoring.standard.categoryCount == 4)
    }

    @Test func ratingsValidateScaleAndCount() {
        #expect(throws: TestSessionError.self) { try Ratings([1, 2, 3]) }
        #expect(throws: TestSessionError.self) { try Ratings([0, 2, 3, 4]) }
        #expect(throws: TestSessionError.self) { try Ratings([1, 2, 3, 5]) }
    }

    /// Random rating lands mostly in category 0 or 1 — the cut points leave chance behind.
    @Test func chanceRespondingRarelyReachesTheTopCategory() throws {
        let bank = try ItemBank.bundled()
        var generator = SessionRandom(seed: 7)
        var counts = [0, 0, 0, 0]
        for item in bank.items {
            for _ in 0..<50 {
                let ratings = try Ratings((0..<4).map { _ in Int.random(in: 1...4, using: &generator) })
                counts[ScenarioScoring.standard.category(ratings, key: item.key)] += 1
            }
        }
        let total = Double(counts.reduce(0, +))
        #expect(Double(counts[0] + counts[1]) / total > 0.75)
        #expect(Double(counts[3]) / total < 0.08)
    }
}
