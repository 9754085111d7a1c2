import Catalogue
import Foundation

/// `/catalogue`: the latest published version of each specification, with filters.
struct CatalogueListPage {
    struct Row {
        let title: String
        let summary: String
        let href: String
        let eqf: Int
        let version: Int
        let languages: String
        /// The provider organisation that owns the specification; nil when the platform itself does.
        let provider: RowProvider?
    }

    /// A row's provider, linked to its page, and whether it is quality-assured for the specification today.
    struct RowProvider {
        let name: String
        let href: String
        let assured: Bool
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let rows: [Row]
    let hasRows: Bool
    let eqfOptions: [Option]
    let languageOptions: [Option]
    /// The occupational fields of the published specifications (`sector` filter).
    let sectorOptions: [Option]
    /// `qa=assured` is set.
    let onlyAssured: Bool

    init(specs: [MicroCredentialSpec], allSpecs: [MicroCredentialSpec], filter: CatalogueFilter, language: Language,
         providers: [RowProvider?] = []) {
        let tag = LanguageTag(language.rawValue)
        let providers = providers + Array(repeating: nil, count: max(0, specs.count - providers.count))
        self.rows = zip(specs, providers).map { spec, provider in
            Row(title: spec.content.title.text(in: tag) ?? spec.id.rawValue,
                summary: spec.content.description?.text(in: tag) ?? "",
                href: "/catalogue/specs/\(spec.id.rawValue)/v\(spec.version)?lang=\(language.rawValue)",
                eqf: spec.content.level.eqf, version: spec.version,
                languages: spec.content.languages.map { Self.languageName($0.rawValue) }.joined(separator: ", "),
                provider: provider)
        }
        var sectors: [String: String] = [:]
        for field in allSpecs.flatMap(\.content.occupationalFields) {
            sectors[field.code] = [field.code, field.label].compactMap { $0 }.joined(separator: " ")
        }
        self.sectorOptions = sectors.keys.sorted().map { Option(value: $0, label: sectors[$0]!, selected: filter.sector == $0) }
        self.onlyAssured = filter.qa == .assured
        self.hasRows = !rows.isEmpty
        self.eqfOptions = (1...8).map { Option(value: String($0), label: String($0), selected: filter.eqf == $0) }
        let offered = Set(allSpecs.flatMap { $0.content.languages.map { $0.rawValue.lowercased() } })
        self.languageOptions = offered.sorted().map { Option(value: $0, label: Self.languageName($0), selected: filter.language == $0) }
    }

    /// The language's name in itself when the site speaks it, else its tag.
    static func languageName(_ tag: String) -> String {
        Language(code: tag)?.nativeName ?? tag
    }
}

/// `/catalogue/specs/{id}/v{n}`: every element of one version, each with a plain-language
/// explanation of what the EU Recommendation or CEDEFOP means by it.
struct SpecDetailPage {
    struct Element {
        let label: String
        let help: String
        let values: [String]
    }

    struct Section {
        let heading: String
        let elements: [Element]
    }

    struct SkillRow {
        let name: String
        let requiredLevel: Int
        let levelName: String
    }

    let title: String
    let description: String
    let specID: String
    let version: Int
    let status: String
    let publishedAt: String?
    let contentHash: String
    let jsonHref: String
    let achievementHref: String
    let sections: [Section]
    let skills: [SkillRow]
    let hasSkills: Bool
    /// Whether the provider is quality-assured for this version today (set by the route).
    var quality: SpecQualitySection?

    /// `t` gives the message for a key in the page language (English where one is missing).
    init(spec: MicroCredentialSpec, framework: SkillsFramework, language: Language, t: (String) -> String?) {
        let tag = LanguageTag(language.rawValue)
        let c = spec.content
        func text(_ value: LocalizedText?) -> [String] { value?.text(in: tag).map { [$0] } ?? [] }
        /// A vocabulary value's label (`term_<raw>` when translated, else the code made readable).
        func term(_ raw: String) -> String { t("term_\(raw)") ?? Self.readable(raw) }
        func element(_ key: String, _ values: [String]) -> Element {
            Element(label: t("spec_el_\(key)") ?? key, help: t("spec_help_\(key)") ?? "",
                    values: values.isEmpty ? [t("spec_not_stated") ?? "—"] : values)
        }
        let decimal: (Decimal) -> String = { NSDecimalNumber(decimal: $0).stringValue }

        var workload: [String] = []
        if let ects = c.workload.ects { workload.append("\(decimal(ects)) \(t("spec_unit_ects") ?? "ECTS")") }
        if let hours = c.workload.hours { workload.append("\(decimal(hours)) \(t("spec_unit_hours") ?? "hours")") }
        var level = ["\(t("catalogue_eqf") ?? "EQF") \(c.level.eqf) (\(term(c.level.eqfStatus.rawValue)))"]
        if let nqf = c.level.nqf { level.append("\(nqf.framework) (\(nqf.country.rawValue)): \(nqf.level)") }
        if let cycle = c.level.qfEhea { level.append("QF-EHEA: \(term(cycle.rawValue))") }
        let cost = c.costs.costToLearner.map { "\(decimal($0.amount)) \($0.currency)" }

        self.title = c.title.text(in: tag) ?? spec.id.rawValue
        self.description = c.description?.text(in: tag) ?? ""
        self.specID = spec.id.rawValue
        self.version = spec.version
        self.status = term(spec.status.rawValue)
        self.publishedAt = spec.publishedAt.map { ISO8601DateFormatter().string(from: $0) }
        self.contentHash = spec.contentHash
        self.jsonHref = "/api/v1/catalogue/specs/\(spec.id.rawValue)/versions/\(spec.version)"
        self.achievementHref = jsonHref + "/achievement"
        self.sections = [
            Section(heading: t("spec_section_mandatory") ?? "", elements: [
                element("title", text(c.title)),
                element("issuer_country", c.issuerCountries.map(\.rawValue)),
                element("awarding_body", c.awardingBodies.compactMap { $0.name.text(in: tag) }),
                element("learning_outcomes", c.learningOutcomes.compactMap { $0.text.text(in: tag) }),
                element("workload", workload),
                element("level", level),
                element("assessment_type", c.assessment.types.map { term($0.rawValue) } + text(c.assessment.description)),
                element("participation", [term(c.participation.rawValue)]),
                element("quality_assurance", c.qualityAssurance.map { term($0.rawValue) } + text(c.qualityAssuranceDescription)),
            ]),
            Section(heading: t("spec_section_optional") ?? "", elements: [
                element("prerequisites", text(c.access.prerequisites)),
                element("supervision", c.assessment.supervision.map { [term($0.rawValue)] } ?? []),
                element("grade", c.gradeScheme.map { [term($0.kind.rawValue)] + text($0.description) } ?? []),
                element("stackability", c.use.stackability.map { term($0.rawValue) } + text(c.use.stackabilityDescription)),
                element("further_information", text(c.furtherInformation)),
            ]),
            Section(heading: t("spec_section_cedefop") ?? "", elements: [
                element("languages", c.languages.map { CatalogueListPage.languageName($0.rawValue) }),
                element("occupational_field", c.occupationalFields.map { [$0.code, $0.label].compactMap { $0 }.joined(separator: " ") }
                        + text(c.occupationalStandards)),
                element("award_basis", c.assessment.awardBasis.map { term($0.rawValue) }),
                element("external_assessment", [t(c.assessment.externalAssessment ? "spec_external_yes" : "spec_external_no") ?? ""]),
                element("learning_site", c.pedagogy.learningSites.map { term($0.rawValue) } + text(c.pedagogy.durationAndPace)),
                element("target_group", text(c.access.targetGroup)),
                element("employer_involvement", c.stakeholders.employerInvolvement.map { term($0.rawValue) }
                        + text(c.stakeholders.labourMarketRelevance)),
                element("cost", (cost.map { [$0] } ?? []) + text(c.costs.fundingOptions)),
            ]),
        ]
        self.skills = c.skills.map { requirement in
            let skill = framework.skill(requirement.skill)
            return SkillRow(name: skill?.name.text(in: tag) ?? requirement.skill.rawValue, requiredLevel: requirement.requiredLevel,
                            levelName: framework.levelName(requirement.requiredLevel)?.text(in: tag) ?? "")
        }
        self.hasSkills = !skills.isEmpty
    }

    /// `situationalJudgementTest` → `situational judgement test` (for codes without a translation).
    static func readable(_ code: String) -> String {
        var words = ""
        for character in code {
            if character.isUppercase, !words.isEmpty { words.append(" ") }
            words.append(Character(character.lowercased()))
        }
        return words
    }
}
