import Foundation
import Testing
@testable import Assessment

@Suite("Adaptive delivery over the bundled bank")
struct AdaptiveSelectionTests {
    static let bank = try! ItemBank.bundled()
    let form = Form(id: "empass-adaptive-v1", delivery: .adaptive(AdaptiveSettings()))

    /// Runs a whole adaptive session for a simulated learner with ability `theta` on every skill.
    func simulate(theta: Double, seed: UInt64) throws -> TestSession {
        var session = TestSession(id: Fixtures.sessionID(Int(seed)), learner: Fixtures.learner, form: form, seed: seed, at: Fixtures.t0)
        try session.start(at: Fixtures.t0)
        var responder = SessionRandom(seed: seed &+ 1000)
        let selector = AdaptiveItemSelector()
        var clock = Fixtures.t0
        while let next = try session.nextItem(form: form, bank: Self.bank, selector: selector, at: clock) {
            let item = Self.bank[next.itemID]!
            let category = GRMItem(item.parameters).simulateCategory(at: theta, using: &responder)
            try session.answer(next.itemID, ratings: ratings(for: category, key: item.key), at: clock)
            clock.addTimeInterval(60)
        }
        try session.submit(at: clock)
        return session
    }

    /// Ratings that land in `category` under the standard cut points (a simulated learner's
    /// answer): the first of the 256 possible rating patterns, in a fixed order, that does.
    func ratings(for category: Int, key: ExpertKey) throws -> Ratings {
        for pattern in 0..<256 {
            let values = (0..<4).map { 1 + (pattern >> (2 * $0)) & 3 }
            let ratings = try Ratings(values)
            if ScenarioScoring.standard.category(ratings, key: key) == category { return ratings }
        }
        throw TestSessionError.invalidRatings("no rating pattern reaches category \(category)")
    }

    @Test func ratingsHelperHitsEveryCategory() throws {
        for item in Self.bank.items.prefix(20) {
            for category in 0..<4 {
                #expect(ScenarioScoring.standard.category(try ratings(for: category, key: item.key), key: item.key) == category)
            }
        }
    }

    @Test func stopsPerSkillWithinMinimumAndMaximum() throws {
        let settings = AdaptiveSettings()
        for seed in UInt64(1)...6 {
            let session = try simulate(theta: Double(seed % 3) - 1, seed: seed)
            let administered = session.administered(in: Self.bank, form: form)
            let perSkill = Dictionary(grouping: administered, by: \.skill).mapValues(\.count)
            #expect(Set(perSkill.keys) == Set(SkillID.allCases))
            for (skill, count) in perSkill {
                #expect((settings.minimumItemsPerSkill...settings.maximumItemsPerSkill).contains(count), "\(skill): \(count)")
                let answered = administered.filter { $0.skill == skill }
                let se = GRMQuadratureEstimator().posterior(answered.map { ScoredResponse(parameters: $0.parameters, category: $0.category) }).standardError
                // Stopped early only because the SE target was reached.
                #expect(count == settings.maximumItemsPerSkill || se <= settings.targetStandardError, "\(skill) se \(se)")
            }
        }
    }

    @Test func looserSETargetStopsSkillsEarly() throws {
        // With the provisional bank (a ≈ 0.8–1.6) SE ≤ 0.40 needs about the 8-scenario maximum;
        // a looser target must stop earlier, and every early stop must have met it.
        let settings = AdaptiveSettings(targetStandardError: 0.55, minimumItemsPerSkill: 2, maximumItemsPerSkill: 8)
        let loose = Form(id: "loose", delivery: .adaptive(settings))
        var session = TestSession(id: Fixtures.sessionID(77), learner: Fixtures.learner, form: loose, seed: 77, at: Fixtures.t0)
        try session.start(at: Fixtures.t0)
        var responder = SessionRandom(seed: 770)
        while let next = try session.nextItem(form: loose, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0) {
            let item = Self.bank[next.itemID]!
            try session.answer(next.itemID, ratings: ratings(for: GRMItem(item.parameters).simulateCategory(at: 0.3, using: &responder), key: item.key), at: Fixtures.t0)
        }
        let administered = session.administered(in: Self.bank, form: loose)
        #expect(administered.count < 11 * 8)
        for skill in SkillID.allCases {
            let answered = administered.filter { $0.skill == skill }
            let se = GRMQuadratureEstimator().posterior(answered.map { ScoredResponse(parameters: $0.parameters, category: $0.category) }).standardError
            #expect(answered.count >= 2)
            #expect(answered.count == 8 || se <= 0.55, "\(skill): \(answered.count) items, se \(se)")
            // And it did not stop before it had to: one item fewer would not have reached the target.
            if answered.count > 2 && answered.count < 8 {
                let before = GRMQuadratureEstimator().posterior(answered.dropLast().map { ScoredResponse(parameters: $0.parameters, category: $0.category) }).standardError
                #expect(before > 0.55, "\(skill)")
            }
        }
    }

    @Test func contentBalancingInterleavesSkills() throws {
        let session = try simulate(theta: 0, seed: 11)
        let progress = session.progress(in: form)
        #expect(progress.isUpperBound && progress.maximum == 88 && progress.answered == session.answers.count)
        #expect(progress.fraction > 0 && progress.fraction <= 1)
        // The first 11 scenarios cover all 11 skills once.
        #expect(Set(session.presented.prefix(11).map(\.skill)) == Set(SkillID.allCases))
    }

    @Test func selectionIsReproducibleFromTheStoredSeed() throws {
        let a = try simulate(theta: 0.5, seed: 5)
        let b = try simulate(theta: 0.5, seed: 5)
        #expect(a.presented.map(\.itemID) == b.presented.map(\.itemID))
    }

    @Test func randomesqueSpreadsExposure() throws {
        // Same ability, different sessions: the first (communication) scenario is not always the same one.
        var firsts: Set<ItemID> = []
        for seed in UInt64(20)..<40 {
            var session = TestSession(id: Fixtures.sessionID(Int(seed)), learner: Fixtures.learner, form: form, seed: seed, at: Fixtures.t0)
            try session.start(at: Fixtures.t0)
            firsts.insert(try #require(try session.nextItem(form: form, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0)).itemID)
        }
        #expect(firsts.count == 3)  // the three most informative communication items at θ = 0
    }

    @Test func adaptiveSelectorHonoursFormSkillsAndStatuses() throws {
        let onlyTwo = Form(id: "two", skills: [.teamwork, .decisionMaking], delivery: .adaptive(AdaptiveSettings(minimumItemsPerSkill: 2, maximumItemsPerSkill: 2)),
                           eligibleStatuses: [.operational])
        var session = Fixtures.newSession(form: onlyTwo)
        try session.start(at: Fixtures.t0)
        // The bundled items are all pilot items: an operational-only form has nothing to give.
        #expect(try session.nextItem(form: onlyTwo, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0) == nil)
        let pilot = Form(id: "two-pilot", skills: [.teamwork, .decisionMaking],
                         delivery: .adaptive(AdaptiveSettings(minimumItemsPerSkill: 2, maximumItemsPerSkill: 2)))
        var second = Fixtures.newSession(form: pilot)
        try second.start(at: Fixtures.t0)
        var seen: [SkillID] = []
        while let next = try second.nextItem(form: pilot, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0) {
            seen.append(next.skill)
            try second.answer(next.itemID, ratings: Fixtures.ratings([2, 2, 2, 2]), at: Fixtures.t0)
        }
        #expect(seen.sorted { $0.frameworkIndex < $1.frameworkIndex } == [.teamwork, .teamwork, .decisionMaking, .decisionMaking])
    }
}
