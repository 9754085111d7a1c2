import Foundation

/// A learner's sitting of one form, as a pure state machine:
///
///     created ──start──▶ inProgress ──submit / time limit──▶ submitted ──markScored──▶ scored
///
/// The whole state is this value (Codable): the store saves it after every step, and a learner who
/// lost the connection gets the stored value back — the same current scenario in the same response
/// order, the same answers, the same deadline. Time is passed in (`at:`), randomness comes from
/// the stored `seed`, so every transition is deterministic and testable.
public struct TestSession: Codable, Hashable, Sendable, Identifiable {
    public enum State: String, Codable, Hashable, Sendable, CustomStringConvertible {
        case created, inProgress, submitted, scored
        public var description: String { rawValue }
    }

    public enum Action: String, Codable, Hashable, Sendable, CustomStringConvertible {
        case start, present, answer, submit, score
        public var description: String { rawValue }
    }

    public enum SubmissionReason: String, Codable, Hashable, Sendable {
        case learner, timeExpired
    }

    public enum AnswerOutcome: Hashable, Sendable {
        case recorded, unchanged, replaced
    }

    public let id: TestSessionID
    public let learner: LearnerID
    public let formID: FormID
    /// Seed for response orders and adaptive tie-breaking; stored so a reload reproduces both.
    public let seed: UInt64
    public let timeLimitSeconds: Int?
    public let createdAt: Date

    public private(set) var state: State
    public private(set) var language: LanguageCode
    public private(set) var startedAt: Date?
    public private(set) var deadline: Date?
    public private(set) var submittedAt: Date?
    public private(set) var submissionReason: SubmissionReason?
    public private(set) var scoredAt: Date?
    public private(set) var presented: [PresentedItem]
    public private(set) var answers: [Answer]
    public private(set) var results: SessionResults?

    public init(id: TestSessionID, learner: LearnerID, form: Form, seed: UInt64, language: LanguageCode = .en, at now: Date) {
        self.id = id
        self.learner = learner
        self.formID = form.id
        self.seed = seed
        self.timeLimitSeconds = form.timeLimitSeconds
        self.createdAt = now
        self.state = .created
        self.language = language
        self.presented = []
        self.answers = []
    }

    /// Created or in progress: counts against "one active session per learner and form".
    public var isActive: Bool { state == .created || state == .inProgress }

    /// The presented scenario still waiting for an answer (what a resumed page shows).
    public var currentItem: PresentedItem? {
        presented.first { item in !answers.contains { $0.itemID == item.itemID } }
    }

    public func answer(for itemID: ItemID) -> Answer? { answers.first { $0.itemID == itemID } }
    public func presentation(of itemID: ItemID) -> PresentedItem? { presented.first { $0.itemID == itemID } }

    /// Seconds left at `now` (nil when untimed, 0 once expired).
    public func remainingSeconds(at now: Date) -> Double? {
        deadline.map { max(0, $0.timeIntervalSince(now)) }
    }

    // MARK: Transitions

    public mutating func start(at now: Date) throws(TestSessionError) {
        guard state == .created else { throw .illegalTransition(from: state, action: .start) }
        state = .inProgress
        startedAt = now
        deadline = timeLimitSeconds.map { now.addingTimeInterval(TimeInterval($0)) }
    }

    /// Switches the language of the remaining scenarios (allowed until submission).
    public mutating func setLanguage(_ language: LanguageCode) throws(TestSessionError) {
        guard state == .created || state == .inProgress else { throw .alreadySubmitted }
        self.language = language
    }

    /// If the time limit has passed, submits the session (as of the deadline) and returns true.
    @discardableResult
    public mutating func expireIfNeeded(at now: Date) -> Bool {
        guard state == .inProgress, let deadline, now >= deadline else { return false }
        state = .submitted
        submittedAt = deadline
        submissionReason = .timeExpired
        return true
    }

    /// Shows `item` (idempotent: presenting it again returns the stored presentation, same order).
    @discardableResult
    public mutating func present(_ item: Item, in form: Form, at now: Date) throws(TestSessionError) -> PresentedItem {
        try requireInProgress(for: .present, at: now)
        if let existing = presentation(of: item.id) { return existing }
        guard Self.formAllows(item, form) else { throw .itemNotInForm(item.id) }
        var generator = SessionRandom.derived(from: seed, purpose: "order:\(item.id.rawValue)")
        let order = Array(0..<ScenarioScoring.responsesPerScenario).shuffled(using: &generator)
        let presentation = PresentedItem(itemID: item.id, skill: item.skill, responseOrder: order, presentedAt: now)
        presented.append(presentation)
        return presentation
    }

    /// The scenario to show now: the unanswered one if any (a resumed session), otherwise the
    /// selector's next choice, presented and stored. Nil when the selector has nothing left.
    public mutating func nextItem(
        form: Form, bank: ItemBank, selector: some ItemSelector, at now: Date
    ) throws(TestSessionError) -> PresentedItem? {
        try requireInProgress(for: .present, at: now)
        if let current = currentItem { return current }
        let context = SelectionContext(form: form, bank: bank, administered: administered(in: bank, form: form))
        var generator = SessionRandom.derived(from: seed, purpose: "select:\(presented.count)")
        guard let next = try selector.nextItem(context, using: &generator), let item = bank[next] else { return nil }
        return try present(item, in: form, at: now)
    }

    /// Records ratings (canonical response order) for a presented scenario.
    /// Same ratings again: `.unchanged` (no-op, timestamp kept). Different ratings before
    /// submission: `.replaced`. After submission: `.alreadySubmitted`. At or after the deadline the
    /// session is submitted and `.timeExpired` is thrown.
    @discardableResult
    public mutating func answer(_ itemID: ItemID, ratings: Ratings, at now: Date) throws(TestSessionError) -> AnswerOutcome {
        try requireInProgress(for: .answer, at: now)
        guard presentation(of: itemID) != nil else { throw .itemNotPresented(itemID) }
        if let index = answers.firstIndex(where: { $0.itemID == itemID }) {
            if answers[index].ratings == ratings { return .unchanged }
            answers[index].ratings = ratings
            answers[index].answeredAt = now
            answers[index].language = language
            answers[index].revisions += 1
            return .replaced
        }
        answers.append(Answer(itemID: itemID, ratings: ratings, answeredAt: now, language: language, revisions: 0))
        return .recorded
    }

    /// Records ratings given in display order (top to bottom as shown).
    @discardableResult
    public mutating func answer(_ itemID: ItemID, displayedRatings: [Int], at now: Date) throws(TestSessionError) -> AnswerOutcome {
        guard let presentation = presentation(of: itemID) else {
            try requireInProgress(for: .answer, at: now)
            throw .itemNotPresented(itemID)
        }
        return try answer(itemID, ratings: presentation.canonicalRatings(fromDisplayed: displayedRatings), at: now)
    }

    /// The learner hands in the test. A second submit is an error, so a client retry learns the
    /// session is already submitted rather than silently succeeding twice.
    public mutating func submit(at now: Date) throws(TestSessionError) {
        if expireIfNeeded(at: now) { throw .timeExpired }
        switch state {
        case .inProgress:
            state = .submitted
            submittedAt = now
            submissionReason = .learner
        case .created: throw .illegalTransition(from: state, action: .submit)
        case .submitted, .scored: throw .alreadySubmitted
        }
    }

    /// Stores the scoring outcome; only a submitted session can be scored, and only once.
    public mutating func markScored(_ results: SessionResults, at now: Date) throws(TestSessionError) {
        guard state == .submitted else { throw .illegalTransition(from: state, action: .score) }
        self.results = results
        state = .scored
        scoredAt = now
    }

    private mutating func requireInProgress(for action: Action, at now: Date) throws(TestSessionError) {
        if expireIfNeeded(at: now) { throw .timeExpired }
        switch state {
        case .inProgress: return
        case .created: throw .notStarted
        case .submitted, .scored:
            if action == .answer || action == .present { throw .alreadySubmitted }
            throw .illegalTransition(from: state, action: action)
        }
    }

    static func formAllows(_ item: Item, _ form: Form) -> Bool {
        guard form.eligibleStatuses.contains(item.status), form.skills.contains(item.skill) else { return false }
        if case .fixed(let ids) = form.delivery { return ids.contains(item.id) }
        return true
    }

    /// Answered scenarios with their categories, in presentation order.
    public func administered(in bank: ItemBank, form: Form) -> [AdministeredItem] {
        presented.compactMap { presentation in
            guard let answer = answer(for: presentation.itemID), let item = bank[presentation.itemID] else { return nil }
            return AdministeredItem(itemID: item.id, skill: item.skill, parameters: item.parameters,
                                    category: form.scoring.category(answer.ratings, key: item.key))
        }
    }
}

/// An answered scenario as selection and scoring see it.
public struct AdministeredItem: Hashable, Sendable {
    public var itemID: ItemID
    public var skill: SkillID
    public var parameters: ScenarioParameters
    public var category: Int
}

/// The domain rule "one active session per learner and form". The store calls this inside the
/// transaction that creates a session (and should back it with a partial unique index).
public enum ActiveSessionRule {
    public static func check(learner: LearnerID, form: FormID, existing: some Sequence<TestSession>) throws(TestSessionError) {
        if let active = existing.first(where: { $0.learner == learner && $0.formID == form && $0.isActive }) {
            throw .activeSessionExists(active.id)
        }
    }
}

// In this file because the state's setters are private to it.
extension TestSession {
    /// Rebuilds a session from stored parts (the store keeps columns and rows, not this value).
    /// No transition is replayed: the caller vouches that the parts came from a valid session.
    public init(
        restoring id: TestSessionID, learner: LearnerID, formID: FormID, seed: UInt64, timeLimitSeconds: Int?,
        createdAt: Date, state: State, language: LanguageCode, startedAt: Date?, deadline: Date?, submittedAt: Date?,
        submissionReason: SubmissionReason?, scoredAt: Date?, presented: [PresentedItem], answers: [Answer],
        results: SessionResults?
    ) {
        self.id = id
        self.learner = learner
        self.formID = formID
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
        self.createdAt = createdAt
        self.state = state
        self.language = language
        self.startedAt = startedAt
        self.deadline = deadline
        self.submittedAt = submittedAt
        self.submissionReason = submissionReason
        self.scoredAt = scoredAt
        self.presented = presented
        self.answers = answers
        self.results = results
    }
}
