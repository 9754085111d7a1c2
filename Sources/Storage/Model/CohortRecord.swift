import Foundation

public typealias CohortID = EntityID<CohortRecord>
public typealias SittingID = EntityID<SittingRecord>
public typealias PracticalScoreID = EntityID<PracticalScoreRecord>

/// A group of learners at a test centre.
public struct CohortRecord: Sendable, Hashable {
    public var id: CohortID
    public var organisationID: OrganisationID
    public var name: String
    public var createdBy: UserID?
    public var createdAt: Date

    public init(id: CohortID, organisationID: OrganisationID, name: String, createdBy: UserID?, createdAt: Date) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// A learner in a cohort, with the language they take the test in.
public struct CohortMember: Sendable, Hashable {
    public var cohortID: CohortID
    public var learnerID: UserID
    public var language: String
    public var addedAt: Date

    public init(cohortID: CohortID, learnerID: UserID, language: String, addedAt: Date) {
        self.cohortID = cohortID
        self.learnerID = learnerID
        self.language = language
        self.addedAt = addedAt
    }
}

/// A form opened for a cohort behind an access code; open until `closedAt`.
public struct SittingRecord: Sendable, Hashable {
    public var id: SittingID
    public var cohortID: CohortID
    public var formID: String
    public var accessCode: String
    public var openedBy: UserID?
    public var openedAt: Date
    public var closedAt: Date?

    public var isOpen: Bool { closedAt == nil }

    public init(id: SittingID, cohortID: CohortID, formID: String, accessCode: String, openedBy: UserID?,
                openedAt: Date, closedAt: Date? = nil) {
        self.id = id
        self.cohortID = cohortID
        self.formID = formID
        self.accessCode = accessCode
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.closedAt = closedAt
    }
}

/// An assessor's rubric scores (0–3 per criterion) of one learner's practical task for one skill.
public struct PracticalScoreRecord: Sendable, Hashable {
    public struct Criterion: Sendable, Codable, Hashable {
        public var name: String
        public var score: Int
        public init(name: String, score: Int) {
            self.name = name
            self.score = score
        }
    }

    public var id: PracticalScoreID
    public var learnerID: UserID
    public var assessorID: UserID
    public var organisationID: OrganisationID
    public var skill: String
    /// What the learner did (e.g. "customer phone call role play").
    public var task: String
    public var criteria: [Criterion]
    public var scoredAt: Date

    public var total: Int { criteria.reduce(0) { $0 + $1.score } }
    public var maximum: Int { criteria.count * 3 }

    public init(id: PracticalScoreID, learnerID: UserID, assessorID: UserID, organisationID: OrganisationID, skill: String,
                task: String, criteria: [Criterion], scoredAt: Date) {
        self.id = id
        self.learnerID = learnerID
        self.assessorID = assessorID
        self.organisationID = organisationID
        self.skill = skill
        self.task = task
        self.criteria = criteria
        self.scoredAt = scoredAt
    }
}
