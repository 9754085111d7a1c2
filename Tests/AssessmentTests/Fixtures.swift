import Foundation
@testable import Assessment

/// Small helpers shared by the suites: a fixed clock origin, a tiny hand-built bank, forms.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T…Z
    static let learner = LearnerID(UUID(uuidString: "0190C9A2-0000-7000-8000-000000000001")!)
    static let otherLearner = LearnerID(UUID(uuidString: "0190C9A2-0000-7000-8000-000000000002")!)

    static func sessionID(_ n: Int) -> TestSessionID {
        TestSessionID(UUID(uuidString: String(format: "0190C9A2-0000-7000-8000-%012d", n))!)
    }

    static func item(_ id: String, skill: SkillID = .teamwork, key: [Int] = [36, 14, 25, 20], a: Double = 1.2,
                     thresholds: [Double] = [-1.5, -0.3, 1.0], status: ItemStatus = .pilot,
                     languages: [LanguageCode] = [.en]) -> Item {
        var translations: [LanguageCode: ItemTranslation] = [:]
        for language in languages {
            translations[language] = ItemTranslation(
                scenario: "Scenario \(id) (\(language)), with a comma and \"quotes\".",
                responses: (1...4).map { "Response \($0) of \(id) (\(language))" })
        }
        return Item(id: ItemID(id), skill: skill, status: status, key: ExpertKey(tenths: key),
                    parameters: ScenarioParameters(a: a, thresholds: thresholds, provenance: .provisional(note: "test")),
                    translations: translations)
    }

    static func smallBank() throws -> ItemBank {
        try ItemBank(items: [
            item("tw-1"), item("tw-2", key: [12, 38, 22, 30]), item("tw-3", a: 0.9, thresholds: [-1, 0, 1]),
            item("cl-1", skill: .continuousLearning), item("cl-2", skill: .continuousLearning, a: 1.8),
        ])
    }

    static func fixedForm(_ ids: [String], timeLimit: Int? = nil) -> Form {
        Form(id: "fixed-test", skills: [.teamwork, .continuousLearning], delivery: .fixed(ids.map { ItemID($0) }),
             timeLimitSeconds: timeLimit)
    }

    static func newSession(form: Form, seed: UInt64 = 42, n: Int = 1) -> TestSession {
        TestSession(id: sessionID(n), learner: learner, form: form, seed: seed, at: t0)
    }

    static func ratings(_ values: [Int]) -> Ratings { try! Ratings(values) }
}
