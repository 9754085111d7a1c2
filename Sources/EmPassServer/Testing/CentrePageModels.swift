import Foundation
import Storage

/// `/centre`: the centre's cohorts and a form to create one.
struct CentreHomePage {
    struct CohortRow {
        let name: String
        let href: String
        let createdAt: String
    }

    let centreName: String
    let cohorts: [CohortRow]
    let hasCohorts: Bool
}

/// `/centre/cohorts/{id}`: members, CSV enrolment, sittings.
struct CohortPage {
    struct MemberRow {
        let name: String
        let email: String
        let language: String
        let practicalHref: String
    }

    struct SittingRow {
        let href: String
        let form: String
        let code: String
        let openedAt: String
        let open: Bool
    }

    struct FormOption {
        let id: String
        let label: String
    }

    let cohortID: String
    let name: String
    let members: [MemberRow]
    let hasMembers: Bool
    let sittings: [SittingRow]
    let hasSittings: Bool
    let forms: [FormOption]
}

/// The per-row result of a CSV enrolment.
struct EnrolmentReportPage {
    struct Row {
        let line: Int
        let email: String
        let outcome: String
        let reason: String?
        let password: String?
        let rejected: Bool
    }

    let cohortHref: String
    let rows: [Row]
    let summary: String
}

/// `/centre/sittings/{id}`: access code and the progress table (refreshed on reload).
struct SittingPage {
    struct Row {
        let name: String
        let status: String
        let resultsHref: String?
    }

    let sittingID: String
    let cohortHref: String
    let form: String
    let accessCode: String
    let open: Bool
    let openedAt: String
    let closedAt: String?
    let rows: [Row]
    let hasRows: Bool
}

/// `/centre/cohorts/{id}/learners/{learner}/practical`: rubric scoring and the assessor's award.
struct PracticalPage {
    struct Option {
        let value: String
        let label: String
    }

    struct Criterion {
        let id: String
        let label: String
        let options: [Int]
    }

    struct ScoreRow {
        let skill: String
        let task: String
        let total: Int
        let maximum: Int
        let level: Int
        let scoredAt: String
    }

    struct AwardRow {
        let decidedAt: String
        let awarded: Bool
        let decidedBy: String
        let basis: String
    }

    let actionBase: String
    let cohortHref: String
    let learnerName: String
    let skills: [Option]
    let criteria: [Criterion]
    let scores: [ScoreRow]
    let hasScores: Bool
    let awards: [AwardRow]
    let hasAwards: Bool
    let error: String?
}
