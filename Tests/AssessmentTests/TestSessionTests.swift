import Foundation
import Testing
@testable import Assessment

@Suite("Test session state machine")
struct TestSessionTests {
    let bank = try! Fixtures.smallBank()
    let form = Fixtures.fixedForm(["tw-1", "tw-2", "cl-1"])

    func started(form: Form? = nil, seed: UInt64 = 42) throws -> TestSession {
        var session = Fixtures.newSession(form: form ?? self.form, seed: seed)
        try session.start(at: Fixtures.t0)
        return session
    }

    @Test func legalPathCreatedToScored() throws {
        var session = Fixtures.newSession(form: form)
        #expect(session.state == .created && session.isActive)
        try session.start(at: Fixtures.t0.addingTimeInterval(5))
        #expect(session.state == .inProgress && session.startedAt == Fixtures.t0.addingTimeInterval(5))
        var step = 10.0
        while let next = try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(),
                                              at: Fixtures.t0.addingTimeInterval(step)) {
            try session.answer(next.itemID, ratings: Fixtures.ratings([4, 1, 3, 2]), at: Fixtures.t0.addingTimeInterval(step + 20))
            step += 30
        }
        #expect(session.answers.map(\.itemID) == ["tw-1", "tw-2", "cl-1"])
        #expect(session.progress(in: form) == SessionProgress(answered: 3, maximum: 3, isUpperBound: false))
        try session.submit(at: Fixtures.t0.addingTimeInterval(200))
        #expect(session.state == .submitted && session.submissionReason == .learner && !session.isActive)
        let results = try SessionScorer(bank: bank).score(&session, form: form, at: Fixtures.t0.addingTimeInterval(201))
        #expect(session.state == .scored && session.results == results)
        #expect(session.scoredAt == Fixtures.t0.addingTimeInterval(201))
    }

    @Test func illegalTransitionsAreTypedErrors() throws {
        let t = Fixtures.t0
        var created = Fixtures.newSession(form: form)
        #expect(throws: TestSessionError.notStarted) { try created.answer("tw-1", ratings: Fixtures.ratings([1, 1, 1, 1]), at: t) }
        #expect(throws: TestSessionError.notStarted) { try created.present(bank["tw-1"]!, in: form, at: t) }
        #expect(throws: TestSessionError.illegalTransition(from: .created, action: .submit)) { try created.submit(at: t) }
        let emptyResults = SessionResults(skills: [], award: AwardRule.default.decide([]))
        #expect(throws: TestSessionError.illegalTransition(from: .created, action: .score)) {
            try created.markScored(emptyResults, at: t)
        }

        var inProgress = try started()
        #expect(throws: TestSessionError.illegalTransition(from: .inProgress, action: .start)) { try inProgress.start(at: t) }
        #expect(throws: TestSessionError.illegalTransition(from: .inProgress, action: .score)) {
            try inProgress.markScored(emptyResults, at: t)
        }
        #expect(throws: TestSessionError.itemNotPresented("tw-1")) {
            try inProgress.answer("tw-1", ratings: Fixtures.ratings([1, 1, 1, 1]), at: t)
        }
        #expect(throws: TestSessionError.itemNotInForm("tw-3")) { try inProgress.present(bank["tw-3"]!, in: form, at: t) }

        var submitted = inProgress
        try submitted.submit(at: t)
        #expect(throws: TestSessionError.alreadySubmitted) { try submitted.submit(at: t) }
        #expect(throws: TestSessionError.illegalTransition(from: .submitted, action: .start)) { try submitted.start(at: t) }
        #expect(throws: TestSessionError.alreadySubmitted) { try submitted.present(bank["tw-1"]!, in: form, at: t) }
        #expect(throws: TestSessionError.alreadySubmitted) { try submitted.setLanguage(.el) }

        var scored = submitted
        try scored.markScored(emptyResults, at: t)
        #expect(throws: TestSessionError.illegalTransition(from: .scored, action: .score)) { try scored.markScored(emptyResults, at: t) }
        #expect(throws: TestSessionError.alreadySubmitted) { try scored.submit(at: t) }
        #expect(throws: TestSessionError.illegalTransition(from: .scored, action: .start)) { try scored.start(at: t) }
    }

    @Test func answersAreIdempotentAndReplaceableUntilSubmission() throws {
        var session = try started()
        let item = try #require(try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0))
        let first = Fixtures.ratings([4, 1, 3, 2])
        #expect(try session.answer(item.itemID, ratings: first, at: Fixtures.t0.addingTimeInterval(10)) == .recorded)
        #expect(try session.answer(item.itemID, ratings: first, at: Fixtures.t0.addingTimeInterval(20)) == .unchanged)
        #expect(session.answer(for: item.itemID)?.answeredAt == Fixtures.t0.addingTimeInterval(10))
        #expect(session.answers.count == 1)

        let second = Fixtures.ratings([3, 1, 3, 2])
        #expect(try session.answer(item.itemID, ratings: second, at: Fixtures.t0.addingTimeInterval(30)) == .replaced)
        #expect(session.answer(for: item.itemID)?.ratings == second)
        #expect(session.answer(for: item.itemID)?.answeredAt == Fixtures.t0.addingTimeInterval(30))
        #expect(session.answer(for: item.itemID)?.revisions == 1)
        #expect(session.answers.count == 1)

        try session.submit(at: Fixtures.t0.addingTimeInterval(40))
        #expect(throws: TestSessionError.alreadySubmitted) {
            try session.answer(item.itemID, ratings: first, at: Fixtures.t0.addingTimeInterval(50))
        }
        // Even the same ratings are rejected after submission: the client learns it is closed.
        #expect(throws: TestSessionError.alreadySubmitted) {
            try session.answer(item.itemID, ratings: second, at: Fixtures.t0.addingTimeInterval(50))
        }
        #expect(session.answer(for: item.itemID)?.ratings == second)
    }

    @Test func resumedSessionShowsTheSameScenarioInTheSameOrder() throws {
        var session = try started(seed: 0xDEAD_BEEF_CAFE_F00D)
        let first = try #require(try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0))
        try session.answer(first.itemID, displayedRatings: [1, 2, 3, 4], at: Fixtures.t0.addingTimeInterval(5))
        let second = try #require(try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0.addingTimeInterval(6)))

        // Connection lost: the server stored the value; the learner comes back later.
        let stored = try JSONEncoder().encode(session)
        var resumed = try JSONDecoder().decode(TestSession.self, from: stored)
        #expect(resumed == session)
        #expect(resumed.seed == 0xDEAD_BEEF_CAFE_F00D)
        let again = try #require(try resumed.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0.addingTimeInterval(600)))
        #expect(again == second)  // same item, same response order, same presentedAt
        #expect(resumed.presentation(of: first.itemID)?.displayedRatings(from: resumed.answer(for: first.itemID)!.ratings) == [1, 2, 3, 4])
    }

    @Test func responseOrderIsShuffledPerSessionButStable() throws {
        let item = bank["tw-1"]!
        var orders: Set<[Int]> = []
        for seed in UInt64(0)..<40 {
            var session = try started(seed: seed)
            let presented = try session.present(item, in: form, at: Fixtures.t0)
            #expect(presented.responseOrder.sorted() == [0, 1, 2, 3])
            #expect(try session.present(item, in: form, at: Fixtures.t0.addingTimeInterval(9)) == presented)
            // Recomputing from the same seed gives the same order (a crash before storing is harmless).
            var twin = try started(seed: seed)
            #expect(try twin.present(item, in: form, at: Fixtures.t0).responseOrder == presented.responseOrder)
            orders.insert(presented.responseOrder)
        }
        #expect(orders.count >= 10)  // 24 permutations exist; 40 seeds must not collapse to a few
    }

    @Test func displayOrderRatingsMapToCanonicalOrder() throws {
        let presented = PresentedItem(itemID: "tw-1", skill: .teamwork, responseOrder: [2, 0, 3, 1], presentedAt: Fixtures.t0)
        // Displayed top to bottom: response 2, 0, 3, 1 rated 4, 3, 2, 1.
        let canonical = try presented.canonicalRatings(fromDisplayed: [4, 3, 2, 1])
        #expect(canonical.values == [3, 1, 4, 2])
        #expect(presented.displayedRatings(from: canonical) == [4, 3, 2, 1])
        let translation = ItemTranslation(scenario: "s", responses: ["r0", "r1", "r2", "r3"])
        #expect(presented.displayedResponses(of: translation) == ["r2", "r0", "r3", "r1"])
        #expect(throws: TestSessionError.invalidDisplayOrder) { try presented.canonicalRatings(fromDisplayed: [1, 2]) }
    }

    @Test func timeLimitRejectsLateAnswersAndAutoSubmits() throws {
        let timed = Fixtures.fixedForm(["tw-1", "tw-2"], timeLimit: 600)
        var session = Fixtures.newSession(form: timed)
        try session.start(at: Fixtures.t0)
        #expect(session.deadline == Fixtures.t0.addingTimeInterval(600))
        #expect(session.remainingSeconds(at: Fixtures.t0.addingTimeInterval(100)) == 500)
        let item = try #require(try session.nextItem(form: timed, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0))
        try session.answer(item.itemID, ratings: Fixtures.ratings([4, 1, 3, 2]), at: Fixtures.t0.addingTimeInterval(599))
        let early = session.expireIfNeeded(at: Fixtures.t0.addingTimeInterval(599.9))
        #expect(early == false)

        // Exactly at the deadline the answer is late: rejected, and the session is submitted.
        #expect(throws: TestSessionError.timeExpired) {
            try session.answer(item.itemID, ratings: Fixtures.ratings([1, 1, 1, 1]), at: Fixtures.t0.addingTimeInterval(600))
        }
        #expect(session.state == .submitted)
        #expect(session.submissionReason == .timeExpired)
        #expect(session.submittedAt == Fixtures.t0.addingTimeInterval(600))
        #expect(session.answer(for: item.itemID)?.ratings == Fixtures.ratings([4, 1, 3, 2]))
        #expect(throws: TestSessionError.alreadySubmitted) {
            try session.answer(item.itemID, ratings: Fixtures.ratings([1, 1, 1, 1]), at: Fixtures.t0.addingTimeInterval(601))
        }
    }

    @Test func expiryWithoutAnyRequestSubmitsAtTheDeadline() throws {
        let timed = Fixtures.fixedForm(["tw-1"], timeLimit: 60)
        var session = Fixtures.newSession(form: timed)
        try session.start(at: Fixtures.t0)
        // A background sweep (or the next page load) calls expireIfNeeded.
        let expired = session.expireIfNeeded(at: Fixtures.t0.addingTimeInterval(3600))
        #expect(expired)
        #expect(session.state == .submitted && session.submittedAt == Fixtures.t0.addingTimeInterval(60))
        let expiredAgain = session.expireIfNeeded(at: Fixtures.t0.addingTimeInterval(7200))
        #expect(expiredAgain == false)

        var late = Fixtures.newSession(form: timed)
        try late.start(at: Fixtures.t0)
        #expect(throws: TestSessionError.timeExpired) { try late.submit(at: Fixtures.t0.addingTimeInterval(61)) }
        #expect(late.state == .submitted && late.submissionReason == .timeExpired)
    }

    @Test func untimedSessionsNeverExpire() throws {
        var session = try started()
        #expect(session.deadline == nil && session.remainingSeconds(at: Fixtures.t0) == nil)
        let expired = session.expireIfNeeded(at: Fixtures.t0.addingTimeInterval(1e7))
        #expect(expired == false)
    }

    @Test func languageSwitchIsRecordedPerAnswer() throws {
        var session = try started()
        let first = try #require(try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0))
        try session.answer(first.itemID, ratings: Fixtures.ratings([4, 1, 3, 2]), at: Fixtures.t0)
        try session.setLanguage(.ro)
        let second = try #require(try session.nextItem(form: form, bank: bank, selector: FixedFormSelector(), at: Fixtures.t0))
        try session.answer(second.itemID, ratings: Fixtures.ratings([4, 1, 3, 2]), at: Fixtures.t0)
        #expect(session.answers.map(\.language) == [.en, .ro])
        // An item without a Romanian version falls back to English.
        #expect(bank[second.itemID]!.translation(.ro) == bank[second.itemID]!.translations[.en])
    }

    @Test func oneActiveSessionPerLearnerAndForm() throws {
        let existing = Fixtures.newSession(form: form)
        #expect(throws: TestSessionError.activeSessionExists(existing.id)) {
            try ActiveSessionRule.check(learner: Fixtures.learner, form: form.id, existing: [existing])
        }
        // Other learner, or other form: allowed.
        try ActiveSessionRule.check(learner: Fixtures.otherLearner, form: form.id, existing: [existing])
        try ActiveSessionRule.check(learner: Fixtures.learner, form: "another-form", existing: [existing])
        // A submitted session no longer blocks a new one.
        var finished = existing
        try finished.start(at: Fixtures.t0)
        try finished.submit(at: Fixtures.t0)
        try ActiveSessionRule.check(learner: Fixtures.learner, form: form.id, existing: [finished])
    }
}
