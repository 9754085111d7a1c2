import Assessment
import Foundation
import Psychometrics
import Storage

/// Classical and IRT statistics of the stored responses, for assessment experts. Pure: built from
/// the export rows, the bank and the stored per-skill results.
struct ItemStatistics {
    enum Grouping: String, Sendable, CaseIterable {
        /// The language a session answered most scenarios in.
        case language
        /// The country of the test centre.
        case country
    }

    struct ItemRow: Sendable {
        let itemID: String
        let skill: Assessment.SkillID
        let count: Int
        /// Mean GRM category (0–3).
        let meanScore: Double
        /// Pearson correlation of the item's category with the mean category of the other
        /// scenarios of the same skill in the same session (corrected item–total; nil below 3 pairs).
        let itemRest: Double?
        /// Share of sessions that answered the item.
        let exposure: Double
    }

    struct ReliabilityRow: Sendable {
        let skill: Assessment.SkillID
        /// Model-based marginal reliability of the bank's scenarios for the skill (all of them given).
        let bankMarginal: Double
        /// Empirical reliability of the stored EAP results, Var(θ̂) / (Var(θ̂) + mean SE²).
        let empirical: Double?
        let sessions: Int
    }

    struct DIFRow: Sendable {
        let result: DIFResult
        let skill: Assessment.SkillID
        /// Persons sharing the same scenarios of the skill (MH needs a common matching score).
        let booklet: Int
    }

    let sessionCount: Int
    let items: [ItemRow]
    let reliability: [ReliabilityRow]
    let dif: [DIFRow]
    /// Why DIF could not be computed where it could not (e.g. no shared booklet with both groups).
    let difNotes: [String]
    let matrix: SessionResponseMatrix

    /// Minimum persons per group within a booklet before MH DIF is attempted.
    static let minimumGroupSize = 5

    init(rows: [ResponseExportRow], results: [TestSessionRecordID: [SkillResultRecord]], bank: ItemBank, grouping: Grouping,
         reference: String) {
        let scoring = ScenarioScoring.standard
        // Per session: item → category, and its group.
        var categories: [TestSessionRecordID: [ItemID: Int]] = [:]
        var languages: [TestSessionRecordID: [String: Int]] = [:]
        var countries: [TestSessionRecordID: String] = [:]
        for row in rows {
            guard let item = bank[ItemID(row.itemID)], let ratings = try? Ratings(row.ratings) else { continue }
            categories[row.sessionID, default: [:]][item.id] = scoring.category(ratings, key: item.key)
            languages[row.sessionID, default: [:]][row.language, default: 0] += 1
            if let country = row.country { countries[row.sessionID] = country }
        }
        func group(_ session: TestSessionRecordID) -> String {
            switch grouping {
            case .language: languages[session]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
            case .country: countries[session] ?? ""
            }
        }
        let sessions = categories.keys.sorted()
        sessionCount = sessions.count
        matrix = SessionResponseMatrix(rows: sessions.map {
            SessionResponseMatrix.Row(person: $0.description, group: group($0), categories: categories[$0] ?? [:])
        })

        // Items.
        var itemRows: [ItemRow] = []
        for item in bank.items {
            let answered = sessions.filter { categories[$0]?[item.id] != nil }
            guard !answered.isEmpty else { continue }
            let scores = answered.map { Double(categories[$0]![item.id]!) }
            var pairs: [(Double, Double)] = []
            for session in answered {
                let others = categories[session]!.filter { $0.key != item.id && bank[$0.key]?.skill == item.skill }.map { Double($0.value) }
                if !others.isEmpty { pairs.append((Double(categories[session]![item.id]!), others.reduce(0, +) / Double(others.count))) }
            }
            itemRows.append(ItemRow(itemID: item.id.rawValue, skill: item.skill, count: answered.count,
                                    meanScore: scores.reduce(0, +) / Double(scores.count), itemRest: Self.correlation(pairs),
                                    exposure: Double(answered.count) / Double(max(1, sessionCount))))
        }
        items = itemRows

        // Reliability per skill.
        reliability = bank.skills.map { skill in
            let parameters = bank.items(for: skill).map { $0.parameters.psychometricItem(id: $0.id, skill: $0.skill) }
            let estimates = results.values.compactMap { $0.first { $0.skill == skill.rawValue && $0.itemCount > 0 } }
                .map { AbilityEstimate.stored(theta: $0.theta, standardError: $0.standardError) }
            return ReliabilityRow(skill: skill, bankMarginal: TestInformation.marginalReliability(parameters),
                                  empirical: estimates.count >= 2 ? TestInformation.empiricalReliability(estimates) : nil,
                                  sessions: estimates.count)
        }

        // Mantel–Haenszel DIF, per skill and booklet (the exact set of the skill's scenarios a
        // person answered), so every person in an analysis has the same matching total.
        var difRows: [DIFRow] = []
        var notes: [String] = []
        for skill in bank.skills {
            let ids = Set(bank.items(for: skill).map(\.id))
            var booklets: [[ItemID]: [TestSessionRecordID]] = [:]
            for session in sessions {
                let answered = categories[session]!.keys.filter { ids.contains($0) }.sorted()
                if !answered.isEmpty { booklets[answered, default: []].append(session) }
            }
            var analysed = false
            for (booklet, persons) in booklets.sorted(by: { $0.value.count > $1.value.count }) {
                let groups = persons.map(group)
                let referenceCount = groups.count { $0 == reference }
                let focalCounts = Dictionary(grouping: groups.filter { !$0.isEmpty && $0 != reference }, by: { $0 }).mapValues(\.count)
                guard referenceCount >= Self.minimumGroupSize, focalCounts.values.contains(where: { $0 >= Self.minimumGroupSize }) else { continue }
                let parameters = booklet.compactMap { id in bank[id].map { $0.parameters.psychometricItem(id: $0.id, skill: $0.skill) } }
                let cells = persons.flatMap { person in booklet.map { Int32(categories[person]![$0]!) } }
                guard let matrix = try? ResponseMatrix(personIDs: persons.map(\.description), itemIDs: booklet.map(\.rawValue), responses: cells),
                      let results = try? MantelHaenszelDIF.analyse(items: parameters, matrix: matrix, groups: groups, reference: reference)
                else { continue }
                analysed = true
                difRows += results.map { DIFRow(result: $0, skill: skill, booklet: persons.count) }
            }
            if !analysed {
                notes.append(skill.rawValue)
            }
        }
        dif = difRows
        difNotes = notes
    }

    static func correlation(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs {
            sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
