import Foundation

/// Keeps test sessions, their responses and per-skill results.
public protocol TestSessionStore: Sendable {
    /// Adds a new session. Throws `StorageError.duplicate` when the learner already has an active
    /// (created or in-progress) session of the same form — the database's partial unique index
    /// decides, so two concurrent starts cannot both succeed.
    func insertTestSession(_ record: TestSessionRecord) async throws
    func testSession(id: TestSessionRecordID) async throws -> StoredTestSession?
    /// The learner's sessions, newest first.
    func testSessions(learnerID: UserID) async throws -> [TestSessionRecord]
    /// Sessions started through one sitting.
    func testSessions(sittingID: SittingID) async throws -> [StoredTestSession]
    func activeTestSession(learnerID: UserID, formID: String) async throws -> TestSessionRecord?
    /// Saves the session's scalar state and presented items, and upserts `responses` by
    /// (session, item), in one transaction. `record.revision` must be the revision that was read;
    /// throws `StorageError.concurrentUpdate` when another save came first. Returns the new revision.
    @discardableResult
    func saveTestSession(_ record: TestSessionRecord, responses: [ResponseRecord]) async throws -> Int
    /// Marks the session scored (saving `record` as above), stores its skill results and, when
    /// given, the award decision — all or nothing.
    @discardableResult
    func completeScoring(_ record: TestSessionRecord, results: [SkillResultRecord], award: AwardRecord?) async throws -> Int
    /// A scored session's results in framework order.
    func skillResults(sessionID: TestSessionRecordID) async throws -> [SkillResultRecord]
    /// Responses of submitted and scored sessions (of one form, or all), for calibration and DIF.
    func responsesForExport(formID: String?) async throws -> [ResponseExportRow]
    func countTestSessions() async throws -> Int
}

/// Keeps award decisions.
public protocol AwardStore: Sendable {
    /// Throws `StorageError.duplicate` when the session already has an award.
    func insertAward(_ award: AwardRecord) async throws
    func award(id: AwardID) async throws -> AwardRecord?
    func award(forSession sessionID: TestSessionRecordID) async throws -> AwardRecord?
    /// Newest first.
    func awards(forLearner learnerID: UserID) async throws -> [AwardRecord]
    /// Positive decisions with no credential yet, oldest first (what issuance still has to do).
    func awardsAwaitingCredential(limit: Int) async throws -> [AwardRecord]
    /// Records the issued credential's id, once. Throws `notFound`, or `immutable` when another
    /// id is already recorded (the same id again is a no-op).
    func setCredentialID(_ credentialID: String, forAward id: AwardID) async throws
}

/// Keeps cohorts, their members, sittings and practical-task scores.
public protocol CohortStore: Sendable {
    func insertCohort(_ cohort: CohortRecord) async throws
    func cohort(id: CohortID) async throws -> CohortRecord?
    func cohorts(organisationID: OrganisationID) async throws -> [CohortRecord]
    /// Adds a learner; returns false (and changes nothing) when they are already a member.
    @discardableResult func addMember(_ member: CohortMember) async throws -> Bool
    func members(cohortID: CohortID) async throws -> [CohortMember]
    /// Throws `StorageError.duplicate` when the access code is taken.
    func insertSitting(_ sitting: SittingRecord) async throws
    func sitting(id: SittingID) async throws -> SittingRecord?
    func sitting(accessCode: String) async throws -> SittingRecord?
    func sittings(cohortID: CohortID) async throws -> [SittingRecord]
    /// Closes an open sitting (idempotent: the first closing time is kept).
    func closeSitting(id: SittingID, at: Date) async throws
    func insertPracticalScore(_ score: PracticalScoreRecord) async throws
    /// Newest first.
    func practicalScores(learnerID: UserID) async throws -> [PracticalScoreRecord]
}
