import Psychometrics
import Testing
@testable import Assessment

@Suite("Bridge to Psychometrics")
struct PsychometricsBridgeTests {
    static let bank = try! ItemBank.bundled()

    /// Our posterior (even grid, needed for P(θ ≥ cut)) and Psychometrics' `AbilityScorer` EAP are
    /// the same integral on different quadratures: they must agree closely on real patterns.
    @Test func eapAgreesWithPsychometricsAbilityScorer() {
        let items = Self.bank.items(for: .teamwork)
        let scorer = AbilityScorer(items: items.map { $0.parameters.psychometricItem(id: $0.id, skill: $0.skill) })
        var generator = SessionRandom(seed: 2026)
        for _ in 0..<50 {
            let theta = Double.random(in: -2.5...2.5, using: &generator)
            let count = Int.random(in: 1...items.count, using: &generator)
            let pattern = (0..<count).map { index in
                (item: index, category: GRMItem(items[index].parameters).simulateCategory(at: theta, using: &generator))
            }
            let theirs = scorer.eap(pattern)
            let ours = GRMQuadratureEstimator().posterior(pattern.map {
                ScoredResponse(parameters: items[$0.item].parameters, category: $0.category)
            })
            #expect(abs(ours.theta - theirs.theta) < 2e-3, "θ \(ours.theta) vs \(theirs.theta)")
            #expect(abs(ours.standardError - theirs.standardError) < 2e-3)
        }
    }

    @Test func parametersMapOntoThePsychometricsGRMItem() throws {
        let item = try #require(Self.bank["teamwork-01"])
        let mapped = item.parameters.psychometricItem(id: item.id, skill: item.skill)
        #expect(mapped.id == "teamwork-01" && mapped.skill == "teamwork" && mapped.model == .graded)
        #expect(mapped.a == item.parameters.a && mapped.b == item.parameters.thresholds)
        try mapped.validate()
    }

    /// The calibration export is read by Psychometrics' RESPONSES.csv parser (what `empass
    /// calibrate`, `score` and `dif` use), with the group column kept and empty cells missing.
    @Test func sessionResponsesAreReadableByTheCalibrationParser() throws {
        let form = Form(id: "pilot", skills: [.teamwork], delivery: .adaptive(AdaptiveSettings(minimumItemsPerSkill: 3, maximumItemsPerSkill: 3)))
        var sessions: [TestSession] = []
        for n in 1...5 {
            var session = TestSession(id: Fixtures.sessionID(n), learner: Fixtures.learner, form: form, seed: UInt64(n), at: Fixtures.t0)
            try session.start(at: Fixtures.t0)
            if n.isMultiple(of: 2) { try session.setLanguage(.ro) }
            while let next = try session.nextItem(form: form, bank: Self.bank, selector: AdaptiveItemSelector(), at: Fixtures.t0) {
                try session.answer(next.itemID, ratings: Fixtures.ratings([n % 4 + 1, 2, 3, 1]), at: Fixtures.t0)
            }
            try session.submit(at: Fixtures.t0)
            sessions.append(session)
        }
        let export = SessionResponseMatrix(sessions: sessions, bank: Self.bank, grouping: .language)
        let table = try ResponseCSV.parse(export.csv())
        #expect(table.matrix.personCount == 5)
        #expect(table.matrix.itemIDs == export.itemIDs.map(\.rawValue))
        #expect(table.extraColumns["group"] == ["en", "ro", "en", "ro", "en"])
        for (p, row) in export.rows.enumerated() {
            for (i, id) in export.itemIDs.enumerated() {
                let expected = row.categories[id].map(Int32.init) ?? Psychometrics.ResponseMatrix.missing
                #expect(table.matrix[p, i] == expected)
            }
        }
    }
}
