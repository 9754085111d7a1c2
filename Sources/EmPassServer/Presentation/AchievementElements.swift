import Foundation
import LinkedData

/// Reads the EU micro-credential elements back out of a credential's embedded Achievement (the
/// OB 3.0 terms plus the EmPass extension terms the catalogue writes) and words them for people,
/// with the catalogue's labels, explanations and vocabulary (`spec_el_*`, `spec_help_*`,
/// `term_*`). What was signed is what is shown: nothing is looked up elsewhere.
struct AchievementElements {
    struct Element: Sendable {
        let label: String
        let help: String
        let values: [String]
    }

    struct Section: Sendable {
        let heading: String
        let elements: [Element]
    }

    let achievement: JSONObject
    let language: String
    let t: (String) -> String?

    /// Text in the page language from a string or a JSON-LD language map (then English, then any).
    func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: return s.isEmpty ? nil : s
        case .object(let map)?:
            for key in [language, "en"] { if let s = map[key]?.stringValue, !s.isEmpty { return s } }
            return map.first { $0.value.stringValue?.isEmpty == false }?.value.stringValue
        default: return nil
        }
    }

    private func texts(_ key: String) -> [String] { text(achievement[key]).map { [$0] } ?? [] }

    private func strings(_ key: String) -> [String] {
        switch achievement[key] {
        case .string(let s)?: return [s]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }

    private func terms(_ key: String) -> [String] { strings(key).map(term) }

    func term(_ raw: String) -> String { t("term_\(raw)") ?? SpecDetailPage.readable(raw) }

    private func number(_ key: String) -> String? {
        if case .number(let n)? = achievement[key] { return n.text }
        return achievement[key]?.stringValue
    }

    private func element(_ key: String, _ values: [String]) -> Element {
        Element(label: t("spec_el_\(key)") ?? key, help: t("spec_help_\(key)") ?? "",
                values: values.isEmpty ? [t("spec_not_stated") ?? "—"] : values)
    }

    var name: String { text(achievement["localizedName"]) ?? text(achievement["name"]) ?? "" }
    var description: String { text(achievement["localizedDescription"]) ?? text(achievement["description"]) ?? "" }
    var criteria: String { text(achievement["localizedCriteria"]) ?? text(achievement["criteria"]?["narrative"]) ?? "" }

    var sections: [Section] {
        var workload: [String] = []
        if let ects = number("ectsCredits") ?? number("creditsAvailable") { workload.append("\(ects) \(t("spec_unit_ects") ?? "ECTS")") }
        if let hours = number("workloadHours") { workload.append("\(hours) \(t("spec_unit_hours") ?? "hours")") }

        var level: [String] = []
        if let uri = achievement["eqfLevel"]?.stringValue, let eqf = uri.split(separator: "/").last {
            let status = achievement["eqfLevelStatus"]?.stringValue.map { " (\(term($0)))" } ?? ""
            level.append("\(t("catalogue_eqf") ?? "EQF") \(eqf)\(status)")
        }
        if let nqf = achievement["nqfLevel"]?.objectValue {
            let framework = nqf["nqfFramework"]?.stringValue ?? "NQF", country = nqf["nqfCountry"]?.stringValue ?? ""
            level.append("\(framework) (\(country)): \(nqf["nqfLevelCode"]?.stringValue ?? "")")
        }
        if let cycle = achievement["qfEheaCycle"]?.stringValue { level.append("QF-EHEA: \(term(cycle))") }

        let awardingBodies = (achievement["awardingBody"]?.arrayValue ?? []).compactMap { body -> String? in
            guard let name = text(body["name"]) else { return nil }
            return body["awardingBodyCountry"]?.stringValue.map { "\(name) (\($0))" } ?? name
        }
        let outcomes = (achievement["learningOutcome"]?.arrayValue ?? []).compactMap { text($0["outcomeText"]) }
        var cost: [String] = []
        if let amount = achievement["costToLearner"]?["costAmount"], case .number(let n) = amount {
            cost.append("\(n.text) \(achievement["costToLearner"]?["costCurrency"]?.stringValue ?? "")")
        }
        let external: [String]
        switch achievement["externalAssessment"] {
        case .bool(let yes)?: external = [t(yes ? "spec_external_yes" : "spec_external_no") ?? (yes ? "yes" : "no")]
        default: external = []
        }
        return [
            Section(heading: t("spec_section_mandatory") ?? "", elements: [
                element("title", [name].filter { !$0.isEmpty }),
                element("issuer_country", strings("issuerCountry")),
                element("awarding_body", awardingBodies),
                element("learning_outcomes", outcomes),
                element("workload", workload),
                element("level", level),
                element("assessment_type", terms("assessmentType") + texts("assessmentDescription")),
                element("participation", terms("participationForm")),
                element("quality_assurance", terms("qualityAssuranceType") + texts("qualityAssuranceDescription")),
            ]),
            Section(heading: t("spec_section_optional") ?? "", elements: [
                element("prerequisites", texts("prerequisites")),
                element("supervision", terms("supervisionAndIdentityVerification")),
                element("grade", terms("gradeScheme") + texts("gradeSchemeDescription")),
                element("stackability", terms("stackability") + texts("stackabilityDescription")),
                element("further_information", texts("furtherInformation")),
            ]),
            Section(heading: t("spec_section_cedefop") ?? "", elements: [
                element("languages", strings("deliveryLanguage").map(CatalogueListPage.languageName)),
                element("occupational_field", strings("occupationalField") + texts("occupationalStandards")),
                element("award_basis", terms("awardBasis")),
                element("external_assessment", external),
                element("learning_site", terms("learningSite") + texts("durationAndPace")),
                element("target_group", texts("targetGroup")),
                element("employer_involvement", terms("employerInvolvement") + texts("labourMarketRelevance")),
                element("cost", cost + texts("fundingOptions")),
            ]),
        ]
    }

    struct SkillLevel: Sendable {
        let skill: String
        let level: String
        let requiredLevel: String
        let status: String
    }

    /// One row per Result in the subject, joined to the Achievement's ResultDescription (skill
    /// name, required level) and its RubricCriterionLevel (achieved level's name).
    func skillLevels(results: [JSONValue]) -> [SkillLevel] {
        let descriptions = achievement["resultDescription"]?.arrayValue ?? []
        func levelName(_ description: JSONValue?, _ id: String?) -> String? {
            guard let id else { return nil }
            let level = description?["rubricCriterionLevel"]?.arrayValue?.first { $0["id"]?.stringValue == id }
            guard let level else { return nil }
            let number = level["level"]?.stringValue.map { "\($0) – " } ?? ""
            return number + (text(level["name"]) ?? "")
        }
        return results.compactMap { result in
            let descriptionID = result["resultDescription"]?.stringValue
            let description = descriptions.first { $0["id"]?.stringValue == descriptionID }
            guard let skill = text(description?["name"]) ?? descriptionID else { return nil }
            let achieved = levelName(description, result["achievedLevel"]?.stringValue) ?? result["value"]?.stringValue ?? "—"
            let required = levelName(description, description?["requiredLevel"]?.stringValue) ?? ""
            return SkillLevel(skill: skill, level: achieved, requiredLevel: required,
                              status: result["status"]?.stringValue.map(term) ?? "")
        }
    }
}
