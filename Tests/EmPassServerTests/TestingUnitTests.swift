import Assessment
import Catalogue
import Foundation
import Storage
import Testing
@testable import EmPassServer

/// The pure parts of the testing feature: access codes, the award rule taken from the
/// specification, the automatic award record, the practical rubric's levels, the session mapping.
@Suite("Testing: pure parts")
struct TestingUnitTests {
    @Test("access codes: 8 characters without look-alikes, typed loosely still match")
    func accessCodes() {
        let random = SeededRandomSource(seed: 1)
        var seen = Set<String>()
        for _ in 0..<200 {
            let code = AccessCode.make(random)
            #expect(code.count == 9 && code.dropFirst(4).first == "-")
            #expect(code.replacingOccurrences(of: "-", with: "").allSatisfy { AccessCode.alphabet.contains($0) })
            #expect(!code.contains("O") && !code.contains("0") && !code.contains("I") && !code.contains("1"))
            #expect(AccessCode.normalise(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
            seen.insert(code)
        }
        #expect(seen.count == 200)
        #expect(AccessCode.normalise("  ") == "")
    }

    @Test("the award rule comes from the specification: its skills, its level, 80 %")
    func ruleFromSpec() throws {
        let spec = try MicroCredentialSpec.flagship()
        let form = Form(id: "f", delivery: .adaptive(AdaptiveSettings()))
        let rule = AwardBuilder.rule(for: spec, form: form)
        #expect(rule.skills == Assessment.SkillID.allCases)
        #expect(rule.requiredLevel == .entry && rule.minimumProbability == 0.8)
        var content = spec.content
        content.skills[0].requiredLevel = 3
        let harder = MicroCredentialSpec.draft(id: "harder", content: content)
        #expect(AwardBuilder.rule(for: harder, form: form).requiredLevel == .proficient)
        let twoSkills = Form(id: "g", skills: [.teamwork, .communication], delivery: .adaptive(AdaptiveSettings()))
        #expect(Set(AwardBuilder.rule(for: spec, form: twoSkills).skills) == [.teamwork, .communication])
    }

    @Test("an automatic award copies each skill's outcome and states the supervision actually used")
    func automaticAward() throws {
        let spec = try MicroCredentialSpec.flagship()
        let results = SessionResults(
            skills: [SkillResult(skill: .communication, theta: 0.9, standardError: 0.35, level: .proficient, itemCount: 4,
                                 probabilityAtLeast: [0.99, 0.7, 0.1])],
            award: try AwardRule(skills: [.communication, .teamwork]).decide(
                [SkillResult(skill: .communication, theta: 0.9, standardError: 0.35, level: .proficient, itemCount: 4,
                             probabilityAtLeast: [0.99, 0.7, 0.1])]))
        let learner = UserID(UUID()), sitting = SittingID(UUID())
        var record = TestSessionRecord(id: .init(UUID()), learnerID: learner, formID: "empass-adaptive-v1", language: "ro", state: .scored,
                                       seed: 1, timeLimitSeconds: nil, organisationID: nil, sittingID: sitting, createdAt: Date())
        let award = AwardBuilder.automatic(id: .init(UUID()), record: record, results: results, spec: spec, bankVersion: "sha256:x", at: Date())
        #expect(award.awarded == false)
        #expect(award.skills.map(\.status) == [.met, .notAssessed])
        #expect(award.skills[0].probability == 0.99 && award.skills[0].level == 3 && award.skills[0].theta == 0.9)
        #expect(award.skills[1].level == nil && award.skills[1].theta == nil)
        #expect(award.supervision == "supervisedOnSiteWithIdentityVerification")
        #expect(award.specContentHash == spec.contentHash && award.model == "GRM")
        record.sittingID = nil
        #expect(AwardBuilder.automatic(id: .init(UUID()), record: record, results: results, spec: spec, bankVersion: "", at: Date())
                .supervision == "unsupervisedNoIdentityVerification")
    }

    @Test("rubric levels from the mean criterion score", arguments: [(9, 9, 4), (8, 9, 4), (7, 9, 3), (6, 9, 3), (5, 9, 2), (4, 9, 1), (0, 9, 1), (0, 0, 1)])
    func rubricLevels(total: Int, maximum: Int, level: Int) {
        #expect(PracticalEvidence.level(total: total, maximum: maximum) == level)
    }

    @Test("a session survives the trip through its stored rows unchanged")
    func mappingRoundTrip() throws {
        let catalogue = try TestingCatalogue.bundled()
        let form = try #require(catalogue.form("empass-demo-v1")).form
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var session = TestSession(id: TestSessionID(UUID()), learner: LearnerID(UUID()), form: form, seed: .max, language: .es, at: t0)
        try session.start(at: t0)
        for step in 0..<3 {
            let item = try #require(try session.nextItem(form: form, bank: catalogue.bank, selector: AdaptiveItemSelector(), at: t0 + Double(step)))
            try session.answer(item.itemID, ratings: try Ratings([1 + step, 2, 3, 4]), at: t0 + Double(step) + 0.5)
        }
        _ = try session.nextItem(form: form, bank: catalogue.bank, selector: AdaptiveItemSelector(), at: t0 + 10)
        let record = TestSessionMapping.newRecord(session, organisationID: nil, sittingID: nil)
        let responses = TestSessionMapping.changedResponses(session, since: TestSession(
            id: session.id, learner: session.learner, form: form, seed: session.seed, at: t0))
        #expect(responses.count == 3)
        let restored = try TestSessionMapping.session(StoredTestSession(record: record, responses: responses.reversed()))
        #expect(restored == session)
        #expect(catalogue.bankVersion.hasPrefix("sha256:") && catalogue.bankVersion.count == 71)
    }
}

/// How long the offered forms are for simulated learners with θ ~ N(0, 1) (printed for the record).
@Suite("Testing: form lengths")
struct FormLengthTests {
    static func simulate(_ offered: TestingCatalogue.OfferedForm, bank: ItemBank, persons: Int, seed: UInt64) throws -> (mean: Double, max: Int, awarded: Int) {
        var generator = SessionRandom(seed: seed)
        var lengths: [Int] = []
        var awarded = 0
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        for person in 0..<persons {
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator), u2 = Double.random(in: 0..<1, using: &generator)
            let theta = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            var learner = SimulatedLearner(theta: theta, seed: generator.next(), bank: bank)
            var session = TestSession(id: TestSessionID(UUID()), learner: LearnerID(UUID()), form: offered.form, seed: UInt64(person), at: t0)
            try session.start(at: t0)
            while let item = try session.nextItem(form: offered.form, bank: bank, selector: AdaptiveItemSelector(), at: t0) {
                try session.answer(item.itemID, ratings: try Ratings(learner.ratings(for: try #require(bank[item.itemID]))), at: t0)
            }
            try session.submit(at: t0)
            let results = try SessionScorer(bank: bank).results(for: session, form: offered.form)
            if results.award.awarded { awarded += 1 }
            lengths.append(session.answers.count)
        }
        return (Double(lengths.reduce(0, +)) / Double(persons), lengths.max() ?? 0, awarded)
    }

    @Test("the demo form takes about a dozen scenarios; the real test stays within its bounds")
    func lengths() throws {
        let catalogue = try TestingCatalogue.bundled()
        let demo = try Self.simulate(try #require(catalogue.form("empass-demo-v1")), bank: catalogue.bank, persons: 200, seed: 1)
        print("demo form: mean \(demo.mean) scenarios, max \(demo.max), awarded \(demo.awarded)/200")
        #expect(demo.mean >= 11 && demo.mean <= 16)
        #expect(demo.max <= 22)
        let full = try Self.simulate(try #require(catalogue.form("empass-adaptive-v1")), bank: catalogue.bank, persons: 10, seed: 2)
        print("full form: mean \(full.mean) scenarios, max \(full.max), awarded \(full.awarded)/10")
        #expect(full.mean >= 33 && full.max <= 66)
    }
}
