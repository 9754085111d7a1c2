import Foundation

public typealias TestSessionRecordID = EntityID<TestSessionRecord>

/// Where a stored test session is (mirrors `Assessment.TestSession.State`; Storage does not depend
/// on the Assessment library, the server maps between the two).
public enum TestSessionState: String, Sendable, Codable, CaseIterable {
    case created, inProgress, submitted, scored

    /// Created or in progress: at most one such session per learner and form (the database enforces it).
    public var isActive: Bool { self == .created || self == .inProgress }
}

/// A scenario as shown in a session: item, skill, response order (display position → canonical
/// response index) and when it was first shown.
public struct PresentedItemRecord: Sendable, Codable, Hashable {
    public var itemID: String
    public var skill: String
    public var responseOrder: [Int]
    public var presentedAt: Date

    public init(itemID: String, skill: String, responseOrder: [Int], presentedAt: Date) {
        self.itemID = itemID
        self.skill = skill
        self.responseOrder = responseOrder
        self.presentedAt = presentedAt
    }
}

/// One learner's sitting of one form: the row of `test_sessions`.
public struct TestSessionRecord: Sendable, Hashable {
    public var id: TestSessionRecordID
    public var learnerID: UserID
    public var formID: String
    /// Current display language (a language switch mid-test changes it; answers keep their own).
    public var language: String
    public var state: TestSessionState
    /// Seed of the session's response orders and adaptive tie-breaks.
    public var seed: UInt64
    public var timeLimitSeconds: Int?
    /// The test centre the session was taken at (nil: self-service demo).
    public var organisationID: OrganisationID?
    /// The sitting whose access code started it (nil: started from the learner's account).
    public var sittingID: SittingID?
    public var createdAt: Date
    public var startedAt: Date?
    public var deadline: Date?
    public var submittedAt: Date?
    /// `learner` or `timeExpired`.
    public var submissionReason: String?
    public var scoredAt: Date?
    /// Scenarios in the order shown.
    public var presented: [PresentedItemRecord]
    /// Save counter for optimistic concurrency (0 on insert; each save adds one).
    public var revision: Int

    public init(id: TestSessionRecordID, learnerID: UserID, formID: String, language: String, state: TestSessionState,
                seed: UInt64, timeLimitSeconds: Int?, organisationID: OrganisationID?, sittingID: SittingID?,
                createdAt: Date, startedAt: Date? = nil, deadline: Date? = nil, submittedAt: Date? = nil,
                submissionReason: String? = nil, scoredAt: Date? = nil, presented: [PresentedItemRecord] = [],
                revision: Int = 0) {
        self.id = id
        self.learnerID = learnerID
        self.formID = formID
        self.language = language
        self.state = state
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
        self.organisationID = organisationID
        self.sittingID = sittingID
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.deadline = deadline
        self.submittedAt = submittedAt
        self.submissionReason = submissionReason
        self.scoredAt = scoredAt
        self.presented = presented
        self.revision = revision
    }
}

/// One answered scenario: the four ratings (1–4) in the item's canonical response order.
public struct ResponseRecord: Sendable, Hashable {
    public var itemID: String
    public var ratings: [Int]
    public var answeredAt: Date
    /// The language the scenario was shown in when answered (kept for DIF).
    public var language: String
    /// How many times the answer was replaced before submission.
    public var revisions: Int

    public init(itemID: String, ratings: [Int], answeredAt: Date, language: String, revisions: Int = 0) {
        self.itemID = itemID
        self.ratings = ratings
        self.answeredAt = answeredAt
        self.language = language
        self.revisions = revisions
    }
}

/// A session with its responses, as read back (responses in answer order).
public struct StoredTestSession: Sendable, Hashable {
    public var record: TestSessionRecord
    public var responses: [ResponseRecord]

    public init(record: TestSessionRecord, responses: [ResponseRecord]) {
        self.record = record
        self.responses = responses
    }
}

/// One skill's result of a scored session.
public struct SkillResultRecord: Sendable, Hashable, Codable {
    public var skill: String
    /// Position of the skill in the framework (results are listed in this order).
    public var frameworkIndex: Int
    public var theta: Double
    public var standardError: Double
    public var level: Int
    public var itemCount: Int
    /// P(θ ≥ lower bound of level 2, 3, 4 | responses).
    public var probabilityAtLeast: [Double]

    public init(skill: String, frameworkIndex: Int, theta: Double, standardError: Double, level: Int, itemCount: Int,
                probabilityAtLeast: [Double]) {
        self.skill = skill
        self.frameworkIndex = frameworkIndex
        self.theta = theta
        self.standardError = standardError
        self.level = level
        self.itemCount = itemCount
        self.probabilityAtLeast = probabilityAtLeast
    }
}

/// One response with what calibration and DIF need about its session (no names, no emails).
public struct ResponseExportRow: Sendable, Hashable {
    public var sessionID: TestSessionRecordID
    public var formID: String
    public var itemID: String
    public var ratings: [Int]
    public var language: String
    /// Country of the test centre (ISO 3166-1 alpha-2), nil for sessions taken outside a centre.
    public var country: String?

    public init(sessionID: TestSessionRecordID, formID: String, itemID: String, ratings: [Int], language: String, country: String?) {
        self.sessionID = sessionID
        self.formID = formID
        self.itemID = itemID
        self.ratings = ratings
        self.language = language
        self.country = country
    }
}
