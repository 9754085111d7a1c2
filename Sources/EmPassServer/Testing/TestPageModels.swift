import Assessment
import Catalogue
import Foundation
import Storage

/// Localised names of skills and levels for the testing pages.
struct SkillNames {
    let framework: SkillsFramework
    let language: Language

    func skill(_ raw: String) -> String {
        framework.skill(Catalogue.SkillID(rawValue: raw))?.name.text(in: LanguageTag(language.rawValue)) ?? raw
    }

    func level(_ level: Int) -> String {
        framework.levelName(level)?.text(in: LanguageTag(language.rawValue)) ?? String(level)
    }
}

/// `/test`: start the demo, enter an access code, resume or review sessions.
struct TestHomePage {
    struct SessionLink {
        let href: String
        let form: String
        let state: String
        let date: String
        let isDemo: Bool
    }

    let canTakeTests: Bool
    let demoFormID: String
    let demoMinutes: Int
    let active: [SessionLink]
    let hasActive: Bool
    let past: [SessionLink]
    let hasPast: Bool
    let accessCode: String
    let error: String?
}

/// `/test/sessions/{id}`: one scenario, its four responses each rated 1–4.
struct TestItemPage {
    struct Option {
        let name: String
        let value: Int
        let label: String
        let id: String
        let checked: Bool
    }

    struct Response {
        let position: Int
        let legendID: String
        let text: String
        let options: [Option]
    }

    let sessionID: String
    let itemID: String
    let isDemo: Bool
    let skillName: String
    let scenario: String
    let responses: [Response]
    let progressValue: Int
    let progressMax: Int
    let progressText: String
    let remainingText: String?
    let error: String?

    init(sessionID: TestSessionRecordID, session: TestSession, form: Form, isDemo: Bool, item: Item, presentation: PresentedItem,
         language: Language, names: SkillNames, t: (String, [String: String]) -> String, now: Date, error: String?,
         submitted: [Int?]? = nil) {
        self.sessionID = sessionID.description
        self.itemID = item.id.rawValue
        self.isDemo = isDemo
        self.skillName = names.skill(item.skill.rawValue)
        let translation = item.translation(LanguageCode(rawValue: language.rawValue) ?? .en)
        self.scenario = translation?.scenario ?? ""
        let texts = translation.map { presentation.displayedResponses(of: $0) } ?? []
        let previous: [Int?] = submitted ?? session.answer(for: item.id).map { presentation.displayedRatings(from: $0.ratings).map { Optional($0) } }
            ?? Array(repeating: nil, count: texts.count)
        let labels = (1...4).map { t("test_rating_\($0)", [:]) }
        self.responses = texts.enumerated().map { position, text in
            Response(position: position + 1, legendID: "response-\(position)", text: text, options: (1...4).map { value in
                Option(name: "r\(position)", value: value, label: labels[value - 1], id: "r\(position)-\(value)",
                       checked: previous.indices.contains(position) && previous[position] == value)
            })
        }
        let progress = session.progress(in: form)
        let answered = session.answers.count
        self.progressValue = answered
        self.progressMax = progress.maximum
        self.progressText = progress.isUpperBound
            ? t("test_progress_adaptive", ["n": String(answered + 1), "max": String(progress.maximum)])
            : t("test_progress_fixed", ["n": String(answered + 1), "max": String(progress.maximum)])
        self.remainingText = session.remainingSeconds(at: now).map { seconds in
            t("test_time_left", ["minutes": String(Int((seconds / 60).rounded(.up)))])
        }
        self.error = error
    }
}

/// Shown when the form has nothing more to ask: hand in the test.
struct TestFinishPage {
    let sessionID: String
    let isDemo: Bool
    let answered: Int
}

/// `/test/sessions/{id}/results`: the profile — per-skill chart (θ ± SE on the level scale), a
/// table with the same numbers (the chart's text alternative), and the award decision.
struct TestResultsPage {
    struct Row {
        let skill: String
        let level: Int
        let levelName: String
        let theta: String
        let standardError: String
        let items: Int
        let status: String
        let met: Bool
    }

    struct ChartRow {
        let label: String
        let y: String
        let textY: String
        let x: String
        let low: String
        let high: String
        let summary: String
    }

    struct Cut {
        let x: String
        var hasLine = false
        let label: String
        let labelX: String
    }

    let isDemo: Bool
    let awarded: Bool
    let hasAward: Bool
    /// The wallet download of the credential the award became (nil until issued).
    let credentialURL: String?
    let reason: String
    let submittedByTime: Bool
    let rows: [Row]
    let chart: [ChartRow]
    let cuts: [Cut]
    let chartHeight: Int
    let axisY: String
    let tickY: String
    let ticks: [Cut]
    let chartDescription: String
    let specLabel: String
    let supervision: String
    let decidedAt: String

    /// θ range drawn; estimates outside are clamped to the edge.
    static let thetaRange: ClosedRange<Double> = -3...3
    /// Drawn in a 400-wide box, each skill's name on its own line above its bar, so the chart
    /// stays legible when a phone scales it down.
    static let width = 400.0, left = 12.0, right = 388.0, rowHeight = 46.0, top = 28.0

    static func x(_ theta: Double) -> Double {
        let t = min(thetaRange.upperBound, max(thetaRange.lowerBound, theta))
        return left + (t - thetaRange.lowerBound) / (thetaRange.upperBound - thetaRange.lowerBound) * (right - left)
    }

    static func format(_ value: Double, digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

    init(isDemo: Bool, results: [SkillResultRecord], award: AwardRecord?, submittedByTime: Bool, names: SkillNames,
         t: (String, [String: String]) -> String) {
        self.isDemo = isDemo
        self.awarded = award?.awarded ?? false
        self.hasAward = award != nil
        self.credentialURL = award?.credentialID.map { "/wallet/credentials/\($0)/credential.json" }
        self.submittedByTime = submittedByTime
        let outcomes = Dictionary(uniqueKeysWithValues: (award?.skills ?? []).map { ($0.skill, $0) })
        self.rows = results.map { result in
            let outcome = outcomes[result.skill]
            return Row(skill: names.skill(result.skill), level: result.level, levelName: names.level(result.level),
                       theta: Self.format(result.theta), standardError: Self.format(result.standardError), items: result.itemCount,
                       status: t("test_status_\(outcome?.status.rawValue ?? SkillAwardStatus.notAssessed.rawValue)", [:]),
                       met: outcome?.status == .met)
        }
        self.chart = results.enumerated().map { index, result in
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let y = rowTop + 30
            return ChartRow(label: names.skill(result.skill), y: Self.format(y, digits: 1), textY: Self.format(rowTop + 14, digits: 1),
                            x: Self.format(Self.x(result.theta), digits: 1),
                            low: Self.format(Self.x(result.theta - result.standardError), digits: 1),
                            high: Self.format(Self.x(result.theta + result.standardError), digits: 1),
                            summary: t("test_chart_row", ["skill": names.skill(result.skill), "level": String(result.level),
                                                           "theta": Self.format(result.theta), "se": Self.format(result.standardError)]))
        }
        let cutScores = ProficiencyCutScores.defaults.cuts
        var cuts: [Cut] = []
        let bounds = [Self.thetaRange.lowerBound] + cutScores + [Self.thetaRange.upperBound]
        for level in 1...4 {
            let middle = (Self.x(bounds[level - 1]) + Self.x(bounds[level])) / 2
            cuts.append(Cut(x: Self.format(Self.x(bounds[level]), digits: 1), hasLine: level < 4,
                            label: t("test_level_short", ["level": String(level)]), labelX: Self.format(middle, digits: 1)))
        }
        self.cuts = cuts
        let height = Self.top + Double(results.count) * Self.rowHeight + 24
        self.chartHeight = Int(height)
        self.axisY = Self.format(height - 20, digits: 1)
        self.tickY = Self.format(height - 4, digits: 1)
        self.ticks = stride(from: -3, through: 3, by: 1).map { value in
            Cut(x: Self.format(Self.x(Double(value)), digits: 1), label: String(value), labelX: Self.format(Self.x(Double(value)), digits: 1))
        }
        self.chartDescription = t("test_chart_description", [:])
        if let award {
            self.reason = award.awarded ? t("test_award_yes", [:])
                : t("test_award_no", ["skills": award.skills.filter { $0.status != .met }.map { names.skill($0.skill) }.joined(separator: ", ")])
            self.specLabel = "\(award.specID) v\(award.specVersion)"
            self.supervision = t("term_\(award.supervision ?? "unsupervisedNoIdentityVerification")", [:])
            self.decidedAt = Timestamp.format(award.decidedAt)
        } else {
            self.reason = ""
            self.specLabel = ""
            self.supervision = ""
            self.decidedAt = ""
        }
    }
}
