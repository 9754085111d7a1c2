import Assessment
import Foundation
import Storage

/// Converts between the Assessment library's `TestSession` value and the rows Storage keeps.
enum TestSessionMapping {
    static func session(_ stored: StoredTestSession) throws -> TestSession {
        let r = stored.record
        guard let language = LanguageCode(rawValue: r.language) else { throw StorageError.corruptRow("language=\(r.language)") }
        guard let state = TestSession.State(rawValue: r.state.rawValue) else { throw StorageError.corruptRow("state=\(r.state)") }
        let reason = try r.submissionReason.map { text in
            guard let reason = TestSession.SubmissionReason(rawValue: text) else { throw StorageError.corruptRow("submission_reason=\(text)") }
            return reason
        }
        let presented = try r.presented.map { item in
            guard let skill = Assessment.SkillID(rawValue: item.skill) else { throw StorageError.corruptRow("skill=\(item.skill)") }
            return PresentedItem.restored(itemID: ItemID(item.itemID), skill: skill, responseOrder: item.responseOrder,
                                          presentedAt: item.presentedAt)
        }
        let answers = try stored.responses.map { response in
            guard let answerLanguage = LanguageCode(rawValue: response.language) else {
                throw StorageError.corruptRow("response language=\(response.language)")
            }
            let ratings: Ratings
            do { ratings = try Ratings(response.ratings) } catch { throw StorageError.corruptRow("ratings=\(response.ratings)") }
            return Answer.restored(itemID: ItemID(response.itemID), ratings: ratings, answeredAt: response.answeredAt,
                                   language: answerLanguage, revisions: response.revisions)
        }
        // Answers in presentation order, as the library keeps them.
        let order = Dictionary(uniqueKeysWithValues: presented.enumerated().map { ($1.itemID, $0) })
        let sortedAnswers = answers.sorted { (order[$0.itemID] ?? .max) < (order[$1.itemID] ?? .max) }
        return TestSession(
            restoring: TestSessionID(r.id.uuid), learner: LearnerID(r.learnerID.uuid), formID: FormID(rawValue: r.formID),
            seed: r.seed, timeLimitSeconds: r.timeLimitSeconds, createdAt: r.createdAt, state: state, language: language,
            startedAt: r.startedAt, deadline: r.deadline, submittedAt: r.submittedAt, submissionReason: reason,
            scoredAt: r.scoredAt, presented: presented, answers: sortedAnswers, results: nil)
    }

    /// The row for `session`, keeping the stored row's placement (centre, sitting) and revision.
    static func record(_ session: TestSession, base: TestSessionRecord) -> TestSessionRecord {
        var record = base
        record.language = session.language.rawValue
        record.state = TestSessionState(rawValue: session.state.rawValue) ?? record.state
        record.startedAt = session.startedAt
        record.deadline = session.deadline
        record.submittedAt = session.submittedAt
        record.submissionReason = session.submissionReason?.rawValue
        record.scoredAt = session.scoredAt
        record.presented = session.presented.map {
            PresentedItemRecord(itemID: $0.itemID.rawValue, skill: $0.skill.rawValue, responseOrder: $0.responseOrder,
                                presentedAt: $0.presentedAt)
        }
        return record
    }

    /// A fresh row for a newly created session.
    static func newRecord(_ session: TestSession, organisationID: OrganisationID?, sittingID: SittingID?) -> TestSessionRecord {
        let base = TestSessionRecord(
            id: TestSessionRecordID(session.id.rawValue), learnerID: UserID(session.learner.rawValue),
            formID: session.formID.rawValue, language: session.language.rawValue, state: .created, seed: session.seed,
            timeLimitSeconds: session.timeLimitSeconds, organisationID: organisationID, sittingID: sittingID,
            createdAt: session.createdAt)
        return record(session, base: base)
    }

    /// Answers that are new or changed compared with `before` (what a save must upsert).
    static func changedResponses(_ session: TestSession, since before: TestSession) -> [ResponseRecord] {
        session.answers.filter { before.answer(for: $0.itemID) != $0 }.map {
            ResponseRecord(itemID: $0.itemID.rawValue, ratings: $0.ratings.values, answeredAt: $0.answeredAt,
                           language: $0.language.rawValue, revisions: $0.revisions)
        }
    }

    static func skillResults(_ results: SessionResults) -> [SkillResultRecord] {
        results.skills.map {
            SkillResultRecord(skill: $0.skill.rawValue, frameworkIndex: $0.skill.frameworkIndex, theta: $0.theta,
                              standardError: $0.standardError, level: $0.level.rawValue, itemCount: $0.itemCount,
                              probabilityAtLeast: $0.probabilityAtLeast)
        }
    }
}
