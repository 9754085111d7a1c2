import Assessment
import Catalogue
import Foundation
import Hummingbird
import Storage

/// Test-centre pages for assessors (and the centre's administrators): cohorts, CSV enrolment,
/// sittings with access codes, live-enough progress, practical rubric scores and awards on
/// practical evidence. Every route checks `manageTesting` against the cohort's own centre.
struct CentrePages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("centre", use: home)
        router.post("centre/cohorts", use: createCohort)
        router.get("centre/cohorts/{cohort}", use: cohort)
        router.post("centre/cohorts/{cohort}/enrol", use: enrol)
        router.post("centre/cohorts/{cohort}/sittings", use: openSitting)
        router.get("centre/sittings/{sitting}", use: sitting)
        router.post("centre/sittings/{sitting}/close", use: closeSitting)
        router.get("centre/cohorts/{cohort}/learners/{learner}/practical", use: practical)
        router.post("centre/cohorts/{cohort}/learners/{learner}/practical", use: scorePractical)
        router.post("centre/cohorts/{cohort}/learners/{learner}/award", use: awardOnPractical)
    }

    private var cohorts: any CohortStore { services.testing.cohorts }

    private func t(_ context: AppRequestContext) -> (String, [String: String]) -> String {
        let catalogue = services.pages.catalogue
        let language = context.language
        return { key, arguments in catalogue.text(key, language, arguments) }
    }

    /// The caller's own test centre, if they may manage it.
    private func ownCentre(_ context: AppRequestContext) async throws -> (User, Organisation) {
        let principal = try context.requirePrincipal()
        guard let id = principal.user.organisationID, let centre = try await services.organisations.organisation(id: id) else {
            throw AppError.forbidden("this needs an assessor of a test centre")
        }
        try context.authorize(.manageTesting(centre: centre))
        return (principal.user, centre)
    }

    /// The cohort named in the path, if the caller may manage its centre.
    private func ownCohort(_ context: AppRequestContext) async throws -> (User, CohortRecord) {
        let principal = try context.requirePrincipal()
        guard let text = context.parameters.get("cohort"), let id = CohortID(text), let cohort = try await cohorts.cohort(id: id),
              let centre = try await services.organisations.organisation(id: cohort.organisationID) else {
            throw AppError.notFound("this cohort")
        }
        try context.authorize(.manageTesting(centre: centre))
        return (principal.user, cohort)
    }

    private func ownSitting(_ context: AppRequestContext) async throws -> (User, SittingRecord, CohortRecord) {
        let principal = try context.requirePrincipal()
        guard let text = context.parameters.get("sitting"), let id = SittingID(text), let sitting = try await cohorts.sitting(id: id),
              let cohort = try await cohorts.cohort(id: sitting.cohortID),
              let centre = try await services.organisations.organisation(id: cohort.organisationID) else {
            throw AppError.notFound("this sitting")
        }
        try context.authorize(.manageTesting(centre: centre))
        return (principal.user, sitting, cohort)
    }

    private func formLabel(_ id: String, _ t: (String, [String: String]) -> String) -> String {
        let offered = services.testing.catalogue.form(id)
        return offered.map { t($0.isDemo ? "test_form_demo" : "test_form_full", [:]) } ?? id
    }

    // MARK: Cohorts

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, centre) = try await ownCentre(context)
        let rows = try await cohorts.cohorts(organisationID: centre.id).map {
            CentreHomePage.CohortRow(name: $0.name, href: "/centre/cohorts/\($0.id)", createdAt: Timestamp.format($0.createdAt))
        }
        return try services.pages.render("centre", page: CentreHomePage(centreName: centre.name, cohorts: rows, hasCohorts: !rows.isEmpty),
                                         title: t(context)("centre_title", [:]), context: context, path: "/centre")
    }

    @Sendable func createCohort(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let (user, centre) = try await ownCentre(context)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else { throw AppError.invalidInput("a cohort name is 1–120 characters") }
        let cohort = CohortRecord(id: services.newID(), organisationID: centre.id, name: name, createdBy: user.id, createdAt: services.clock.now())
        try await cohorts.insertCohort(cohort)
        try await services.audit.record(.cohortCreated, actor: user.id, target: "cohort:\(cohort.id)", context: context, details: ["name": name])
        return Response.redirect(to: "/centre/cohorts/\(cohort.id)", type: .normal)
    }

    @Sendable func cohort(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, cohort) = try await ownCohort(context)
        let t = t(context)
        var members: [CohortPage.MemberRow] = []
        for member in try await cohorts.members(cohortID: cohort.id) {
            guard let user = try await services.users.user(id: member.learnerID) else { continue }
            members.append(.init(name: user.displayName, email: user.email, language: Language(code: member.language)?.nativeName ?? member.language,
                                 practicalHref: "/centre/cohorts/\(cohort.id)/learners/\(user.id)/practical"))
        }
        let sittings = try await cohorts.sittings(cohortID: cohort.id).map {
            CohortPage.SittingRow(href: "/centre/sittings/\($0.id)", form: formLabel($0.formID, t), code: $0.accessCode,
                                  openedAt: Timestamp.format($0.openedAt), open: $0.isOpen)
        }
        let forms = services.testing.catalogue.forms.map { CohortPage.FormOption(id: $0.form.id.rawValue, label: formLabel($0.form.id.rawValue, t)) }
        let page = CohortPage(cohortID: cohort.id.description, name: cohort.name, members: members, hasMembers: !members.isEmpty,
                              sittings: sittings, hasSittings: !sittings.isEmpty, forms: forms)
        return try services.pages.render("centre-cohort", page: page, title: cohort.name, context: context, path: "/centre/cohorts/\(cohort.id)")
    }

    @Sendable func enrol(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let (user, cohort) = try await ownCohort(context)
        let reports = try await CohortEnrolment(services: services).enrol(csv: form["csv"] ?? "", cohort: cohort, actor: user, context: context)
        let t = t(context)
        let rows = reports.map {
            EnrolmentReportPage.Row(line: $0.line, email: $0.email, outcome: t("centre_enrol_\($0.outcome.rawValue)", [:]), reason: $0.reason,
                                    password: $0.password, rejected: $0.outcome == .rejected)
        }
        let counts = Dictionary(grouping: reports, by: \.outcome).mapValues(\.count)
        let summary = t("centre_enrol_summary", ["created": String(counts[.created] ?? 0), "enrolled": String(counts[.enrolled] ?? 0),
                                                 "already": String(counts[.alreadyEnrolled] ?? 0), "rejected": String(counts[.rejected] ?? 0)])
        let page = EnrolmentReportPage(cohortHref: "/centre/cohorts/\(cohort.id)", rows: rows, summary: summary)
        return try services.pages.render("centre-enrol-report", page: page, title: t("centre_enrol_report_title", [:]), context: context,
                                         path: "/centre/cohorts/\(cohort.id)")
    }

    // MARK: Sittings

    @Sendable func openSitting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let (user, cohort) = try await ownCohort(context)
        let formID = form["form"] ?? ""
        guard services.testing.catalogue.form(formID) != nil else { throw AppError.invalidInput("unknown test form '\(formID)'") }
        var sitting: SittingRecord?
        for _ in 0..<5 where sitting == nil {
            let candidate = SittingRecord(id: services.newID(), cohortID: cohort.id, formID: formID, accessCode: AccessCode.make(services.random),
                                          openedBy: user.id, openedAt: services.clock.now())
            do {
                try await cohorts.insertSitting(candidate)
                sitting = candidate
            } catch StorageError.duplicate {
                continue  // a code already in use (1 in 2⁴⁰ per pair): draw another
            }
        }
        guard let sitting else { throw AppError.conflict("could not find a free access code; try again") }
        try await services.audit.record(.sittingOpened, actor: user.id, target: "sitting:\(sitting.id)", context: context,
                                        details: ["cohort": cohort.id.description, "form": formID])
        return Response.redirect(to: "/centre/sittings/\(sitting.id)", type: .normal)
    }

    @Sendable func sitting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, sitting, cohort) = try await ownSitting(context)
        let t = t(context)
        let sessions = try await services.testing.sessions.testSessions(sittingID: sitting.id)
        let form = services.testing.catalogue.form(sitting.formID)?.form
        var rows: [SittingPage.Row] = []
        for member in try await cohorts.members(cohortID: cohort.id) {
            guard let user = try await services.users.user(id: member.learnerID) else { continue }
            let session = sessions.last { $0.record.learnerID == user.id }
            let status: String
            var href: String?
            switch session?.record.state {
            case nil, .created?: status = t("centre_progress_not_started", [:])
            case .inProgress?:
                let maximum = form.map { form -> Int in
                    if case .adaptive(let settings) = form.delivery { return form.skills.count * settings.maximumItemsPerSkill }
                    if case .fixed(let ids) = form.delivery { return ids.count }
                    return 0
                } ?? 0
                status = t("centre_progress_in_progress", ["n": String(session?.responses.count ?? 0), "max": String(maximum)])
            case .submitted?: status = t("test_state_submitted", [:])
            case .scored?:
                let award = try await services.testing.awards.award(forSession: session!.record.id)
                status = t("test_state_scored", [:]) + " · " + t(award?.awarded == true ? "centre_progress_awarded" : "centre_progress_not_awarded", [:])
                href = "/test/sessions/\(session!.record.id)/results"
            }
            rows.append(.init(name: user.displayName, status: status, resultsHref: href))
        }
        let page = SittingPage(sittingID: sitting.id.description, cohortHref: "/centre/cohorts/\(cohort.id)", form: formLabel(sitting.formID, t),
                               accessCode: sitting.accessCode, open: sitting.isOpen, openedAt: Timestamp.format(sitting.openedAt),
                               closedAt: sitting.closedAt.map(Timestamp.format), rows: rows, hasRows: !rows.isEmpty)
        return try services.pages.render("centre-sitting", page: page, title: t("centre_sitting_title", [:]), context: context,
                                         path: "/centre/sittings/\(sitting.id)")
    }

    @Sendable func closeSitting(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await request.formFields(context: context)
        let (user, sitting, cohort) = try await ownSitting(context)
        if sitting.isOpen {
            try await cohorts.closeSitting(id: sitting.id, at: services.clock.now())
            try await services.audit.record(.sittingClosed, actor: user.id, target: "sitting:\(sitting.id)", context: context,
                                            details: ["cohort": cohort.id.description])
        }
        return Response.redirect(to: "/centre/sittings/\(sitting.id)", type: .normal)
    }

    // MARK: Practical evidence

    private func member(_ context: AppRequestContext, cohort: CohortRecord) async throws -> User {
        guard let text = context.parameters.get("learner"), let id = UserID(text),
              try await cohorts.members(cohortID: cohort.id).contains(where: { $0.learnerID == id }),
              let learner = try await services.users.user(id: id) else { throw AppError.notFound("this learner in the cohort") }
        return learner
    }

    @Sendable func practical(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, cohort) = try await ownCohort(context)
        let learner = try await member(context, cohort: cohort)
        return try await renderPractical(cohort: cohort, learner: learner, context: context, error: nil, status: .ok)
    }

    private func renderPractical(cohort: CohortRecord, learner: User, context: AppRequestContext, error: String?,
                                 status: HTTPResponse.Status) async throws -> Response {
        let t = t(context)
        let names = SkillNames(framework: services.skills, language: context.language)
        let scores = try await cohorts.practicalScores(learnerID: learner.id).map {
            PracticalPage.ScoreRow(skill: names.skill($0.skill), task: $0.task, total: $0.total, maximum: $0.maximum,
                                   level: PracticalEvidence.level(total: $0.total, maximum: $0.maximum), scoredAt: Timestamp.format($0.scoredAt))
        }
        let awards = try await services.testing.awards.awards(forLearner: learner.id).map {
            PracticalPage.AwardRow(decidedAt: Timestamp.format($0.decidedAt), awarded: $0.awarded,
                                   decidedBy: t("centre_decided_\($0.decidedBy.rawValue)", [:]), basis: t("centre_basis_\($0.basis.rawValue)", [:]))
        }
        let base = "/centre/cohorts/\(cohort.id)/learners/\(learner.id)"
        let page = PracticalPage(
            actionBase: base, cohortHref: "/centre/cohorts/\(cohort.id)", learnerName: learner.displayName,
            skills: Assessment.SkillID.allCases.map { .init(value: $0.rawValue, label: names.skill($0.rawValue)) },
            criteria: PracticalEvidence.criteria.map { .init(id: $0, label: t("practical_criterion_\($0)", [:]), options: Array(PracticalEvidence.scoreRange)) },
            scores: scores, hasScores: !scores.isEmpty, awards: awards, hasAwards: !awards.isEmpty, error: error)
        return try services.pages.render("centre-practical", page: page, title: t("practical_title", [:]), status: status,
                                         context: context, path: base + "/practical")
    }

    @Sendable func scorePractical(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let (user, cohort) = try await ownCohort(context)
        let learner = try await member(context, cohort: cohort)
        guard let skill = form["skill"], Assessment.SkillID(rawValue: skill) != nil else {
            throw AppError.invalidInput("choose one of the 11 skills")
        }
        let task = (form["task"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !task.isEmpty, task.count <= 500 else { throw AppError.invalidInput("describe the task in 1–500 characters") }
        var criteria: [PracticalScoreRecord.Criterion] = []
        for criterion in PracticalEvidence.criteria {
            guard let value = Int(form["c_\(criterion)"] ?? ""), PracticalEvidence.scoreRange.contains(value) else {
                throw AppError.invalidInput("score criterion '\(criterion)' from 0 to 3")
            }
            criteria.append(.init(name: criterion, score: value))
        }
        let score = PracticalScoreRecord(id: services.newID(), learnerID: learner.id, assessorID: user.id, organisationID: cohort.organisationID,
                                         skill: skill, task: task, criteria: criteria, scoredAt: services.clock.now())
        try await cohorts.insertPracticalScore(score)
        try await services.audit.record(.practicalScored, actor: user.id, target: "user:\(learner.id)", context: context,
                                        details: ["skill": skill, "total": String(score.total), "maximum": String(score.maximum)])
        return Response.redirect(to: "/centre/cohorts/\(cohort.id)/learners/\(learner.id)/practical", type: .normal)
    }

    @Sendable func awardOnPractical(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await request.formFields(context: context)
        let (user, cohort) = try await ownCohort(context)
        let learner = try await member(context, cohort: cohort)
        let spec = try await TestingService(services: services).awardSpecification()
        let previous = try await services.testing.awards.awards(forLearner: learner.id)
        let testAward = previous.first { $0.decidedBy == .automatic && $0.formID != TestingCatalogue.demoFormID.rawValue }
        do {
            let award = try PracticalEvidence.assessorAward(
                id: services.newID(), learner: learner, assessor: user, centre: cohort.organisationID, spec: spec,
                practical: try await cohorts.practicalScores(learnerID: learner.id), testAward: testAward, at: services.clock.now())
            try await services.testing.awards.insertAward(award)
            try await services.audit.record(.awardDecided, actor: user.id, target: "award:\(award.id)", context: context, details: [
                "learner": learner.id.description, "awarded": "true", "spec": "\(award.specID)@\(award.specVersion)",
                "decidedBy": award.decidedBy.rawValue, "basis": award.basis.rawValue,
            ])
            await AwardCredentialIssuer(services: services).issueReportingFailure(for: award)
        } catch TestingError.awardNotJustified(let skills) {
            let names = SkillNames(framework: services.skills, language: context.language)
            let message = t(context)("practical_award_refused", ["skills": skills.map(names.skill).joined(separator: ", ")])
            return try await renderPractical(cohort: cohort, learner: learner, context: context, error: message, status: .unprocessableContent)
        }
        return Response.redirect(to: "/centre/cohorts/\(cohort.id)/learners/\(learner.id)/practical", type: .normal)
    }
}
