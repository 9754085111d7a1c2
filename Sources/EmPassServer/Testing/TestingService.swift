import Assessment
import Catalogue
import Foundation
import Storage

/// A learner's test from start to award: loads the stored session into the Assessment state
/// machine, applies one transition, saves it back (optimistic concurrency), and scores it.
struct TestingService: Sendable {
    let services: AppServices
    /// The request being served (its id and address go into the audit events); nil outside requests.
    var context: AppRequestContext? = nil

    var testing: TestingContext { services.testing }
    var catalogue: TestingCatalogue { testing.catalogue }
    private var now: Date { services.clock.now() }

    /// A session loaded for one request.
    struct Loaded: Sendable {
        var stored: StoredTestSession
        var session: TestSession
        let offered: TestingCatalogue.OfferedForm
        var form: Form { offered.form }
    }

    // MARK: Starting

    /// The learner's active session of the form, or a new started one (idempotent: starting twice
    /// resumes; the database's one-active rule settles a race between two starts).
    func startOrResume(learner: User, formID: String, language: Language, sitting: SittingRecord?,
                       organisationID: OrganisationID?) async throws -> TestSessionRecordID {
        guard let offered = catalogue.form(formID) else { throw TestingError.unknownForm(formID) }
        if let active = try await testing.sessions.activeTestSession(learnerID: learner.id, formID: formID) { return active.id }
        let id: TestSessionRecordID = services.newID()
        let seed = services.random.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var session = TestSession(id: TestSessionID(id.uuid), learner: LearnerID(learner.id.uuid), form: offered.form, seed: seed,
                                  language: LanguageCode(rawValue: language.rawValue) ?? .en, at: now)
        try session.start(at: now)
        let record = TestSessionMapping.newRecord(session, organisationID: organisationID, sittingID: sitting?.id)
        do {
            try await testing.sessions.insertTestSession(record)
        } catch StorageError.duplicate {
            if let active = try await testing.sessions.activeTestSession(learnerID: learner.id, formID: formID) { return active.id }
            throw StorageError.duplicate("an active session of form \(formID)")
        }
        return id
    }

    /// Resolves an access code to an open sitting the learner is enrolled in.
    func sitting(accessCode: String, learner: User) async throws -> (SittingRecord, CohortRecord) {
        let code = AccessCode.normalise(accessCode)
        guard !code.isEmpty, let sitting = try await testing.cohorts.sitting(accessCode: code),
              let cohort = try await testing.cohorts.cohort(id: sitting.cohortID) else { throw TestingError.unknownAccessCode }
        guard sitting.isOpen else { throw TestingError.sittingClosed }
        guard try await testing.cohorts.members(cohortID: cohort.id).contains(where: { $0.learnerID == learner.id }) else {
            throw TestingError.notInCohort
        }
        return (sitting, cohort)
    }

    // MARK: Loading and saving

    /// The session if it exists and `context`'s caller may use it. An expired time limit is
    /// applied here, so every page sees the truth: the session is submitted and scored.
    func load(_ id: TestSessionRecordID, context: AppRequestContext) async throws -> Loaded {
        guard let stored = try await testing.sessions.testSession(id: id) else { throw TestingError.sessionNotFound }
        try context.authorize(.useTestSession(owner: stored.record.learnerID))
        return try await loaded(stored)
    }

    /// Loads without an access check (results pages check `viewTestResults` themselves).
    func loaded(_ stored: StoredTestSession) async throws -> Loaded {
        guard let offered = catalogue.form(stored.record.formID) else { throw TestingError.unknownForm(stored.record.formID) }
        var loaded = Loaded(stored: stored, session: try TestSessionMapping.session(stored), offered: offered)
        var session = loaded.session
        if session.expireIfNeeded(at: now) {
            loaded = try await save(loaded, session)
        }
        // Submitted but not scored (the deadline just passed, or an earlier scoring failed): score now.
        if loaded.session.state == .submitted { loaded = try await score(loaded) }
        return loaded
    }

    /// Saves `session` over `loaded` (only changed responses are written).
    func save(_ loaded: Loaded, _ session: TestSession) async throws -> Loaded {
        let record = TestSessionMapping.record(session, base: loaded.stored.record)
        let changed = TestSessionMapping.changedResponses(session, since: loaded.session)
        let revision = try await testing.sessions.saveTestSession(record, responses: changed)
        var next = loaded
        next.stored.record = record
        next.stored.record.revision = revision
        next.session = session
        return next
    }

    // MARK: Taking the test

    /// The scenario to show now (resumed sessions get the same one back), switching the display
    /// language first when the learner changed it. Nil when the form has nothing more to ask.
    func current(_ loaded: Loaded, language: Language) async throws -> (Loaded, PresentedItem?) {
        guard loaded.session.state == .inProgress else { return (loaded, nil) }
        var session = loaded.session
        if let code = LanguageCode(rawValue: language.rawValue), code != session.language { try session.setLanguage(code) }
        let item = try session.nextItem(form: loaded.form, bank: catalogue.bank, selector: AdaptiveItemSelector(), at: now)
        guard session != loaded.session else { return (loaded, item) }
        return (try await save(loaded, session), item)
    }

    /// Records display-order ratings for a presented scenario. A repeat is a no-op (nothing saved).
    /// After the deadline the session is stored as submitted (as of the deadline), scored, and
    /// `TestSessionError.timeExpired` is thrown.
    func answer(_ loaded: Loaded, itemID: String, displayed: [Int?], language: Language) async throws -> Loaded {
        let now = self.now
        var session = loaded.session
        if session.expireIfNeeded(at: now) {
            _ = try await score(try await save(loaded, session))
            throw TestSessionError.timeExpired
        }
        guard let presentation = session.presentation(of: ItemID(itemID)) else { throw TestingError.unknownItem(itemID) }
        let missing = displayed.enumerated().filter { $0.element == nil }.map(\.offset)
        guard missing.isEmpty, displayed.count == presentation.responseOrder.count else {
            throw TestingError.missingRatings(missing.isEmpty ? Array(0..<presentation.responseOrder.count) : missing)
        }
        if let code = LanguageCode(rawValue: language.rawValue), code != session.language, session.isActive {
            try session.setLanguage(code)
        }
        try session.answer(presentation.itemID, displayedRatings: displayed.compactMap { $0 }, at: now)
        guard session != loaded.session else { return loaded }
        return try await save(loaded, session)
    }

    /// The learner hands in the test (or the deadline did); it is scored and the award decided at once.
    func submit(_ loaded: Loaded) async throws -> Loaded {
        let now = self.now
        var session = loaded.session
        if !session.expireIfNeeded(at: now) { try session.submit(at: now) }
        return try await score(try await save(loaded, session))
    }

    // MARK: Scoring and award

    /// The flagship specification's latest published version (what the award is made against).
    func awardSpecification() async throws -> MicroCredentialSpec {
        let published = try await SpecCatalogue(services: services).latestPublished()
        guard let spec = published.first(where: { $0.spec.id == MicroCredentialSpec.flagshipID })?.spec else {
            throw TestingError.noSpecification
        }
        return spec
    }

    /// Scores a submitted session, stores per-skill results and the automatic award decision in
    /// one transaction, and audits the decision.
    func score(_ loaded: Loaded) async throws -> Loaded {
        guard loaded.session.state == .submitted else { return loaded }
        let spec = try await awardSpecification()
        let rule = AwardBuilder.rule(for: spec, form: loaded.form)
        let scorer = SessionScorer(bank: catalogue.bank, awardRule: rule)
        var session = loaded.session
        let results = try scorer.score(&session, form: loaded.form, at: now)
        var record = TestSessionMapping.record(session, base: loaded.stored.record)
        let award = AwardBuilder.automatic(id: services.newID(), record: record, results: results, spec: spec,
                                           bankVersion: catalogue.bankVersion, at: now)
        record.revision = try await testing.sessions.completeScoring(record, results: TestSessionMapping.skillResults(results), award: award)
        try await services.audit.record(.awardDecided, actor: nil, target: "award:\(award.id)", context: context, details: [
            "learner": award.learnerID.description, "session": record.id.description, "awarded": String(award.awarded),
            "spec": "\(award.specID)@\(award.specVersion)", "decidedBy": award.decidedBy.rawValue, "basis": award.basis.rawValue,
        ])
        await AwardCredentialIssuer(services: services).issueReportingFailure(for: award)
        var next = loaded
        next.stored.record = record
        next.session = session
        return next
    }
}

/// Sitting access codes: 8 characters from an alphabet without look-alikes, shown as `XXXX-XXXX`.
enum AccessCode {
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    static func make(_ random: any RandomSource) -> String {
        let characters = random.bytes(8).map { alphabet[Int($0) % alphabet.count] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// Upper case, spaces removed, the hyphen put back where it belongs.
    static func normalise(_ text: String) -> String {
        let letters = text.uppercased().filter { alphabet.contains($0) || $0.isLetter || $0.isNumber }
        guard letters.count == 8 else { return letters.isEmpty ? "" : String(letters) }
        return String(letters.prefix(4)) + "-" + String(letters.suffix(4))
    }
}
