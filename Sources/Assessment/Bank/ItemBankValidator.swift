/// Checks the rules every bank must keep before it can be used or saved. It collects all issues
/// rather than stopping at the first, so an expert editing the bank sees everything at once.
public struct ItemBankValidator: Sendable {
    public var scoring: ScenarioScoring

    public init(scoring: ScenarioScoring = .standard) { self.scoring = scoring }

    public func issues(in items: [Item]) -> [ItemBankIssue] {
        var issues: [ItemBankIssue] = []
        var seen: Set<ItemID> = []
        for item in items {
            if !seen.insert(item.id).inserted {
                issues.append(.init(itemID: item.id, field: "id", message: "duplicate item id"))
            }
            issues += self.issues(in: item)
        }
        return issues
    }

    public func issues(in item: Item) -> [ItemBankIssue] {
        var issues: [ItemBankIssue] = []
        func add(_ field: String, _ message: String) {
            issues.append(.init(itemID: item.id, field: field, message: message))
        }
        if !item.id.isWellFormed {
            add("id", "must be 1–64 characters of letters, digits, '-', '_' or '.'")
        }
        if item.exposureCount < 0 { add("exposureCount", "must not be negative") }
        if item.key.tenths.count != ScenarioScoring.responsesPerScenario {
            add("key", "needs \(ScenarioScoring.responsesPerScenario) values, one per response, got \(item.key.tenths.count)")
        }
        for (index, tenths) in item.key.tenths.enumerated() where !(10...40).contains(tenths) {
            add("key[\(index + 1)]", "expert mean rating \(Double(tenths) / 10) is outside 1.0–4.0")
        }
        if item.key.isValid {
            // Every GRM category must be reachable, or the item's top (or bottom) threshold is
            // unidentifiable: two keys ending in .5 cap the sum at 10, below the top category.
            let best = item.key.tenths.map { key in ScenarioScoring.ratingScale.map { ScenarioScoring.ratingScore(rating: $0, keyTenths: key) }.max()! }
            let worst = item.key.tenths.map { key in ScenarioScoring.ratingScale.map { ScenarioScoring.ratingScore(rating: $0, keyTenths: key) }.min()! }
            let bestSum = best.reduce(0, +), worstSum = worst.reduce(0, +)
            if scoring.category(summedScore: bestSum) < scoring.categoryCount - 1 {
                add("key", "no set of ratings reaches the top category (best possible sum \(bestSum)); move a key off .5")
            }
            if scoring.category(summedScore: worstSum) > 0 {
                add("key", "no set of ratings falls into the lowest category (worst possible sum \(worstSum))")
            }
        }
        issues += parameterIssues(item.parameters).map { .init(itemID: item.id, field: $0.field, message: $0.message) }
        if item.translations[.source] == nil {
            add("translations.\(LanguageCode.source)", "the English source version is required")
        }
        for language in item.languages {
            let translation = item.translations[language]!
            if translation.scenario.isBlank { add("translations.\(language).scenario", "is empty") }
            if translation.responses.count != ScenarioScoring.responsesPerScenario {
                add("translations.\(language).responses",
                    "needs \(ScenarioScoring.responsesPerScenario) responses, got \(translation.responses.count)")
            }
            for (index, response) in translation.responses.enumerated() where response.isBlank {
                add("translations.\(language).responses[\(index + 1)]", "is empty")
            }
        }
        return issues
    }

    func parameterIssues(_ parameters: ScenarioParameters) -> [(field: String, message: String)] {
        var issues: [(String, String)] = []
        if parameters.categoryCount != scoring.categoryCount {
            issues.append(("parameters.thresholds",
                           "needs \(scoring.categoryCount - 1) thresholds for \(scoring.categoryCount) categories, got \(parameters.thresholds.count)"))
        }
        if !parameters.thresholdsAreOrdered {
            issues.append(("parameters.thresholds", "must be strictly increasing"))
        }
        if !ScenarioParameters.usableDiscrimination.contains(parameters.a) || !parameters.a.isFinite {
            issues.append(("parameters.a", "discrimination \(parameters.a) is outside the usable range 0.2–4.0"))
        }
        for (index, b) in parameters.thresholds.enumerated()
        where !ScenarioParameters.usableThreshold.contains(b) || !b.isFinite {
            issues.append(("parameters.thresholds[\(index + 1)]", "threshold \(b) is outside −5…5"))
        }
        switch parameters.provenance {
        case .provisional:
            if !ScenarioParameters.plausibleProvisionalDiscrimination.contains(parameters.a) {
                issues.append(("parameters.a", "provisional discrimination must lie in 0.8–2.0, got \(parameters.a)"))
            }
        case .calibrated(let record):
            if record.sample.isBlank { issues.append(("parameters.provenance.sample", "describe the calibration sample")) }
            if record.sampleSize <= 0 { issues.append(("parameters.provenance.sampleSize", "must be positive")) }
            if !record.hasValidDate {
                issues.append(("parameters.provenance.calibratedOn", "must be a date YYYY-MM-DD, got \(record.calibratedOn)"))
            }
        }
        return issues
    }
}
