import Foundation
import Psychometrics
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
        #expect(firsts.count == 3)  // the three best-ranked communication items before any answer
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

    /// The served selector is Psychometrics' `AdaptiveTest`: driven directly with the same bank (the
    /// form's skills in order), settings, scorer grid, per-step generators and responses, the engine
    /// makes every choice the served test makes, and stops when it stops.
    @Test(arguments: [
        AdaptiveSettings(),
        AdaptiveSettings(maximumItemsPerSkill: 6, selection: .maximumInformation),
        AdaptiveSettings(targetStandardError: 0.5, minimumItemsPerSkill: 2, randomesqueCandidates: 1,
                         selection: .posteriorWeightedInformation),
    ])
    func servedChoicesAreTheEnginesChoices(_ settings: AdaptiveSettings) throws {
        let form = Form(id: "served", delivery: .adaptive(settings))
        for (seed, theta) in [(UInt64(3), -0.8), (4, 0.4), (5, 1.6)] {
            let items = form.skills.flatMap { Self.bank.items(for: $0) }
            var engine = try AdaptiveTest(
                bank: items.map { $0.parameters.psychometricItem(id: $0.id, skill: $0.skill) },
                configuration: AdaptiveTestConfiguration(
                    standardErrorTarget: settings.targetStandardError, minItemsPerSkill: settings.minimumItemsPerSkill,
                    maxItemsPerSkill: settings.maximumItemsPerSkill, selection: settings.selection,
                    randomesque: settings.randomesqueCandidates,
                    quadrature: try Quadrature(.grid(points: 121, lower: -6, upper: 6))))
            var session = TestSession(id: Fixtures.sessionID(Int(seed)), learner: Fixtures.learner, form: form, seed: seed, at: Fixtures.t0)
            try session.start(at: Fixtures.t0)
            var responder = SessionRandom(seed: seed &+ 500)
            while true {
                var generator = SessionRandom.derived(from: seed, purpose: "select:\(session.presented.count)")
                let expected = engine.nextItem(using: &generator).map { items[$0].id }
                let served = try session.nextItem(form: form, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0)
                #expect(served?.itemID == expected, "seed \(seed), step \(session.presented.count)")
                guard let served, served.itemID == expected else { break }
                let item = Self.bank[served.itemID]!
                let category = GRMItem(item.parameters).simulateCategory(at: theta, using: &responder)
                try session.answer(served.itemID, ratings: ratings(for: category, key: item.key), at: Fixtures.t0)
                try engine.record(category: category)
            }
            #expect(engine.isFinished)
            #expect(session.answers.count >= 11 * settings.minimumItemsPerSkill)
        }
    }

    /// A session reloaded from storage (encoded and decoded, a new selector) before any of its
    /// selections is shown the scenario the uninterrupted session was shown there.
    @Test func resumedSessionGetsTheSameNextScenario() throws {
        let settings = AdaptiveSettings(maximumItemsPerSkill: 6)
        let form = Form(id: "resume", delivery: .adaptive(settings))
        var session = TestSession(id: Fixtures.sessionID(9), learner: Fixtures.learner, form: form, seed: 9, at: Fixtures.t0)
        try session.start(at: Fixtures.t0)
        var responder = SessionRandom(seed: 90)
        var stored: [Data] = []
        while true {
            stored.append(try JSONEncoder().encode(session))
            guard let next = try session.nextItem(form: form, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0) else { break }
            let item = Self.bank[next.itemID]!
            let category = GRMItem(item.parameters).simulateCategory(at: 0.2, using: &responder)
            try session.answer(next.itemID, ratings: ratings(for: category, key: item.key), at: Fixtures.t0)
        }
        let uninterrupted = session.presented.map(\.itemID)
        #expect(uninterrupted.count > 33 && stored.count == uninterrupted.count + 1)
        let reloadedBank = try ItemBank.bundled()
        for (step, data) in stored.enumerated() {
            var resumed = try JSONDecoder().decode(TestSession.self, from: data)
            let next = try resumed.nextItem(form: form, bank: reloadedBank, selector: AdaptiveItemSelector(), at: Fixtures.t0)
            #expect(next?.itemID == (step < uninterrupted.count ? uninterrupted[step] : nil), "step \(step)")
        }
    }

    /// The selector's interim EAPs are on the scorer's grid: the θ and SE a skill stops on are the θ and
    /// SE its result reports (not merely close).
    @Test func selectorEstimatesAreTheScorersEstimates() throws {
        #expect(AdaptiveItemSelector().quadrature.nodes == GRMQuadratureEstimator().nodes)
        let settings = AdaptiveSettings()
        for seed in UInt64(1)...3 {
            let session = try simulate(theta: Double(seed) - 2, seed: seed)
            let administered = session.administered(in: Self.bank, form: form)
            let context = SelectionContext(form: form, bank: Self.bank, administered: administered)
            let test = try AdaptiveItemSelector().test(context, settings: settings).test
            #expect(test.isFinished)
            for state in test.skills {
                let scored = GRMQuadratureEstimator().posterior(administered.filter { $0.skill.rawValue == state.skill }
                    .map { ScoredResponse(parameters: $0.parameters, category: $0.category) })
                #expect(state.administered.count == administered.filter { $0.skill.rawValue == state.skill }.count)
                #expect(abs(state.estimate.theta - scored.theta) < 1e-9, "\(state.skill)")
                #expect(abs(state.estimate.standardError - scored.standardError) < 1e-9, "\(state.skill)")
            }
        }
    }

    /// Answered scenarios that the form no longer offers still count for their skill (as in scoring)
    /// and are not shown again; one deleted from the bank is dropped. Neither stops the session.
    @Test func answeredScenariosLeavingTheFormOrBank() throws {
        let settings = AdaptiveSettings(minimumItemsPerSkill: 3, maximumItemsPerSkill: 3)
        let form = Form(id: "two", skills: [.teamwork, .decisionMaking], delivery: .adaptive(settings))
        var session = Fixtures.newSession(form: form)
        try session.start(at: Fixtures.t0)
        for _ in 0..<2 {
            let next = try #require(try session.nextItem(form: form, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0))
            try session.answer(next.itemID, ratings: Fixtures.ratings([2, 3, 2, 1]), at: Fixtures.t0)
        }
        let first = session.presented[0]
        #expect(first.skill == .teamwork)
        var withdrawn = try #require(Self.bank[first.itemID])
        withdrawn.status = .draft  // not among the form's statuses any more
        let changed = try Self.bank.replacing(withdrawn)
        var kept = session
        let context = SelectionContext(form: form, bank: changed, administered: kept.administered(in: changed, form: form))
        let test = try AdaptiveItemSelector().test(context, settings: settings).test
        #expect(test.skills.map(\.administered.count) == [1, 1])
        var shown = session.presented.map(\.itemID)
        while let next = try kept.nextItem(form: form, bank: changed, selector: AdaptiveItemSelector(), at: Fixtures.t0) {
            shown.append(next.itemID)
            try kept.answer(next.itemID, ratings: Fixtures.ratings([2, 2, 3, 3]), at: Fixtures.t0)
        }
        #expect(Set(shown).count == shown.count && shown.count == 6)

        let deleted = try ItemBank(items: Self.bank.items.filter { $0.id != first.itemID })
        var lost = session
        #expect(lost.administered(in: deleted, form: form).count == 1)
        var count = 0
        while let next = try lost.nextItem(form: form, bank: deleted, selector: AdaptiveItemSelector(), at: Fixtures.t0) {
            #expect(next.itemID != first.itemID)
            try lost.answer(next.itemID, ratings: Fixtures.ratings([2, 2, 3, 3]), at: Fixtures.t0)
            count += 1
        }
        #expect(count == 5)  // three per skill among the answers the bank still knows
    }

    /// Forms stored before `selection` existed decode with its default; the setting round-trips.
    @Test func settingsWrittenBeforeSelectionDecode() throws {
        let old = #"{"targetStandardError":0.4,"minimumItemsPerSkill":3,"maximumItemsPerSkill":6,"randomesqueCandidates":3}"#
        let decoded = try JSONDecoder().decode(AdaptiveSettings.self, from: Data(old.utf8))
        #expect(decoded == AdaptiveSettings(maximumItemsPerSkill: 6))
        #expect(decoded.selection == .minimumExpectedPosteriorVariance)
        let oldForm = #"{"id":"f","skills":["teamwork"],"delivery":{"adaptive":{"_0":\#(old)}},"eligibleStatuses":["pilot"],"scoring":\#(String(decoding: try JSONEncoder().encode(ScenarioScoring.standard), as: UTF8.self))}"#
        let form = try JSONDecoder().decode(Form.self, from: Data(oldForm.utf8))
        #expect(form.delivery == .adaptive(AdaptiveSettings(maximumItemsPerSkill: 6)))
        let mfi = AdaptiveSettings(targetStandardError: 0.3, selection: .maximumInformation)
        let json = String(decoding: try JSONEncoder().encode(mfi), as: UTF8.self)
        #expect(json.contains(#""selection":"mfi""#))
        #expect(try JSONDecoder().decode(AdaptiveSettings.self, from: Data(json.utf8)) == mfi)
    }
}
