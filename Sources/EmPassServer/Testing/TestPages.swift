import Assessment
import Foundation
import Hummingbird
import Storage

/// The learner's test pages (no JavaScript; every step is a GET page and a POST form):
///
/// - `GET /test`: start the demo, enter a sitting's access code, resume or review sessions.
/// - `POST /test/demo`, `POST /test/code`: start (or resume) a session → 303 to the session.
/// - `GET /test/sessions/{id}`: the current scenario (a reload or a lost connection gets the same
///   one back, same response order), or the hand-in page when the form has nothing more to ask.
///   `?lang=` switches the language of the remaining scenarios; answers are kept.
/// - `POST /test/sessions/{id}/answers`: ratings for one scenario (idempotent) → 303 back.
/// - `POST /test/sessions/{id}/submit`: hand in → scored → 303 to the results.
/// - `GET /test/sessions/{id}/results`: the profile with the per-skill chart and the award.
struct TestPages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("test", use: home)
        router.post("test/demo", use: startDemo)
        router.post("test/code", use: startWithCode)
        router.get("test/sessions/{id}", use: show)
        router.post("test/sessions/{id}/answers", use: answer)
        router.post("test/sessions/{id}/submit", use: submit)
        router.get("test/sessions/{id}/results", use: results)
    }


    private func testing(_ context: AppRequestContext) -> TestingService { TestingService(services: services, context: context) }

    private func t(_ context: AppRequestContext) -> (String, [String: String]) -> String {
        let catalogue = services.pages.catalogue
        let language = context.language
        return { key, arguments in catalogue.text(key, language, arguments) }
    }

    static func sessionID(_ context: AppRequestContext) throws -> TestSessionRecordID {
        guard let text = context.parameters.get("id"), let id = TestSessionRecordID(text) else { throw TestingError.sessionNotFound }
        return id
    }

    // MARK: Home and starting

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderHome(context: context, code: "", error: nil, status: .ok)
    }

    private func renderHome(context: AppRequestContext, code: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let principal = try context.requirePrincipal()
        let t = t(context)
        let canTake = AccessPolicy.decide(principal.user, .takeTest) == .allow
        let sessions = canTake ? try await services.testing.sessions.testSessions(learnerID: principal.user.id) : []
        let catalogue = services.testing.catalogue
        func link(_ record: TestSessionRecord) -> TestHomePage.SessionLink {
            let isDemo = catalogue.form(record.formID)?.isDemo ?? false
            let href = record.state.isActive ? "/test/sessions/\(record.id)" : "/test/sessions/\(record.id)/results"
            return .init(href: href, form: t(isDemo ? "test_form_demo" : "test_form_full", [:]), state: t("test_state_\(record.state.rawValue)", [:]),
                         date: Timestamp.format(record.createdAt), isDemo: isDemo)
        }
        let active = sessions.filter(\.state.isActive).map(link)
        let past = sessions.filter { !$0.state.isActive }.map(link)
        let demo = catalogue.form(TestingCatalogue.demoFormID.rawValue)
        let page = TestHomePage(canTakeTests: canTake, demoFormID: TestingCatalogue.demoFormID.rawValue,
                                demoMinutes: (demo?.form.timeLimitSeconds ?? 0) / 60, active: active, hasActive: !active.isEmpty,
                                past: past, hasPast: !past.isEmpty, accessCode: code, error: error)
        return try services.pages.render("test-home", page: page, title: t("test_home_title", [:]), status: status,
                                         context: context, path: "/test")
    }

    @Sendable func startDemo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(.takeTest)
        let user = principal.user
        let id = try await testing(context).startOrResume(learner: user, formID: TestingCatalogue.demoFormID.rawValue, language: context.language,
                                                 sitting: nil, organisationID: user.organisationID)
        return Response.redirect(to: "/test/sessions/\(id)", type: .normal)
    }

    @Sendable func startWithCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let principal = try context.authorize(.takeTest)
        let code = form["access_code"] ?? ""
        do {
            let (sitting, cohort) = try await testing(context).sitting(accessCode: code, learner: principal.user)
            let id = try await testing(context).startOrResume(learner: principal.user, formID: sitting.formID, language: context.language,
                                                     sitting: sitting, organisationID: cohort.organisationID)
            return Response.redirect(to: "/test/sessions/\(id)", type: .normal)
        } catch let error as TestingError {
            // The page again with the reason, keeping what was typed.
            let problem = ErrorMapping.problem(for: error)
            return try await renderHome(context: context, code: code, error: t(context)("test_code_error_\(Self.codeErrorKey(error))", [:]),
                                        status: problem.status)
        }
    }

    static func codeErrorKey(_ error: TestingError) -> String {
        switch error {
        case .sittingClosed: "closed"
        case .notInCohort: "not_enrolled"
        default: "unknown"
        }
    }

    // MARK: The test

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await testing(context).load(try Self.sessionID(context), context: context)
        return try await renderCurrent(loaded, context: context, error: nil, submitted: nil, status: .ok)
    }

    private func renderCurrent(_ loaded: TestingService.Loaded, context: AppRequestContext, error: String?, submitted: [Int?]?,
                               status: HTTPResponse.Status) async throws -> Response {
        let id = loaded.stored.record.id
        guard loaded.session.state == .inProgress else { return Response.redirect(to: "/test/sessions/\(id)/results", type: .normal) }
        let (current, presentation) = try await testing(context).current(loaded, language: context.language)
        let t = t(context)
        let path = "/test/sessions/\(id)"
        guard let presentation, let item = services.testing.catalogue.bank[presentation.itemID] else {
            let page = TestFinishPage(sessionID: id.description, isDemo: current.offered.isDemo, answered: current.session.answers.count)
            return try services.pages.render("test-finish", page: page, title: t("test_finish_title", [:]), status: status,
                                             context: context, path: path)
        }
        let page = TestItemPage(sessionID: id, session: current.session, form: current.form, isDemo: current.offered.isDemo, item: item,
                                presentation: presentation, language: context.language,
                                names: SkillNames(framework: services.skills, language: context.language), t: t,
                                now: services.clock.now(), error: error, submitted: submitted)
        return try services.pages.render("test-item", page: page, title: t("test_item_title", [:]), status: status,
                                         context: context, path: path)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields(context: context)
        let loaded = try await testing(context).load(try Self.sessionID(context), context: context)
        let id = loaded.stored.record.id
        guard let itemID = form["item"], !itemID.isEmpty else { throw AppError.malformedForm("the form must name its scenario (item)") }
        // Handed in already (or the time ran out while this page was open): the results say which.
        guard loaded.session.state == .inProgress else { return Response.redirect(to: "/test/sessions/\(id)/results", type: .normal) }
        var displayed: [Int?] = []
        for position in 0..<ScenarioScoring.responsesPerScenario {
            let text = form["r\(position)"] ?? ""
            if text.isEmpty { displayed.append(nil); continue }
            guard let value = Int(text), ScenarioScoring.ratingScale.contains(value) else {
                throw AppError.invalidInput("rating r\(position) must be a whole number from 1 to 4, got '\(text)'")
            }
            displayed.append(value)
        }
        do {
            _ = try await testing(context).answer(loaded, itemID: itemID, displayed: displayed, language: context.language)
        } catch TestingError.missingRatings(let missing) where loaded.session.currentItem?.itemID.rawValue == itemID {
            // Re-show the same scenario with what was chosen and which responses still need a rating.
            let message = t(context)("test_error_missing", ["positions": missing.map { String($0 + 1) }.joined(separator: ", ")])
            return try await renderCurrent(loaded, context: context, error: message, submitted: displayed, status: .unprocessableContent)
        } catch TestSessionError.timeExpired {
            // Stored, submitted as of the deadline and scored; the results page says the time ran out.
            return Response.redirect(to: "/test/sessions/\(id)/results", type: .normal)
        }
        return Response.redirect(to: "/test/sessions/\(id)", type: .normal)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await request.formFields(context: context)
        let loaded = try await testing(context).load(try Self.sessionID(context), context: context)
        let id = loaded.stored.record.id
        if loaded.session.state == .inProgress { _ = try await testing(context).submit(loaded) }
        return Response.redirect(to: "/test/sessions/\(id)/results", type: .normal)
    }

    // MARK: Results

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try Self.sessionID(context)
        guard let stored = try await services.testing.sessions.testSession(id: id) else { throw TestingError.sessionNotFound }
        guard let learner = try await services.users.user(id: stored.record.learnerID) else { throw TestingError.sessionNotFound }
        try context.authorize(.viewTestResults(learner: learner))
        let loaded = try await testing(context).loaded(stored)
        if loaded.session.isActive {
            // Not handed in yet: the learner goes back to the test; others get a clear refusal.
            if principal.user.id == learner.id { return Response.redirect(to: "/test/sessions/\(id)", type: .normal) }
            throw AppError.conflict("this test has not been submitted yet")
        }
        let results = try await services.testing.sessions.skillResults(sessionID: id)
        let award = try await services.testing.awards.award(forSession: id)
        let page = TestResultsPage(isDemo: loaded.offered.isDemo, results: results, award: award,
                                   submittedByTime: loaded.session.submissionReason == .timeExpired,
                                   names: SkillNames(framework: services.skills, language: context.language), t: t(context))
        return try services.pages.render("test-results", page: page, title: t(context)("test_results_title", [:]),
                                         context: context, path: "/test/sessions/\(id)/results")
    }
}
