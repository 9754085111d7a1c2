import Foundation

/// Checks a specification's content and returns every problem at once, each with its field path.
/// Validation never stops at the first problem: an editor fixes a form in one pass.
public struct SpecValidator: Sendable {
    /// When given, skill ids are checked against it; otherwise against the 11 EmPass ids.
    public var framework: SkillsFramework?
    public init(framework: SkillsFramework? = nil) { self.framework = framework }

    /// Hours per ECTS credit: the ECTS Users' Guide range of 25–30 hours of work per credit.
    static let hoursPerECTS: ClosedRange<Decimal> = 25...30

    public func validate(_ c: SpecContent) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ path: String, _ code: ValidationIssue.Code, _ message: String, _ severity: ValidationIssue.Severity = .error) {
            issues.append(ValidationIssue(path, code, message, severity: severity))
        }

        // Default language and languages of delivery.
        if let problem = c.defaultLanguage.problem { add("defaultLanguage", .unknownLanguage, problem) }
        if c.languages.isEmpty { add("languages", .empty, "at least one language of learning and assessment is required") }
        for (i, tag) in c.languages.enumerated() {
            if let problem = tag.problem { add("languages[\(i)]", .unknownLanguage, problem) }
        }
        if Set(c.languages).count != c.languages.count { add("languages", .duplicate, "a language is listed twice") }

        // Texts: the title is mandatory in the default language; other texts, when present, must be too.
        checkText(c.title, path: "title", required: true, defaultLanguage: c.defaultLanguage, into: &issues)
        checkText(c.criteria, path: "criteria", required: true, defaultLanguage: c.defaultLanguage, into: &issues)
        let optionalTexts: [(String, LocalizedText?)] = [
            ("description", c.description), ("qualityAssuranceDescription", c.qualityAssuranceDescription),
            ("furtherInformation", c.furtherInformation), ("occupationalStandards", c.occupationalStandards),
            ("assessment.description", c.assessment.description), ("gradeScheme.description", c.gradeScheme?.description),
            ("pedagogy.durationAndPace", c.pedagogy.durationAndPace), ("access.prerequisites", c.access.prerequisites),
            ("access.targetGroup", c.access.targetGroup), ("use.stackabilityDescription", c.use.stackabilityDescription),
            ("stakeholders.labourMarketRelevance", c.stakeholders.labourMarketRelevance),
            ("stakeholders.transparency", c.stakeholders.transparency), ("costs.fundingOptions", c.costs.fundingOptions),
        ]
        for (path, text) in optionalTexts {
            if let text { checkText(text, path: path, required: false, defaultLanguage: c.defaultLanguage, into: &issues) }
        }

        // Issuer countries or regions (ISO 3166).
        if c.issuerCountries.isEmpty { add("issuerCountries", .empty, "at least one country or region of the issuer is required") }
        for (i, code) in c.issuerCountries.enumerated() {
            if let problem = code.problem { add("issuerCountries[\(i)]", .unknownCountry, problem) }
        }

        // Awarding bodies.
        if c.awardingBodies.isEmpty { add("awardingBodies", .empty, "at least one awarding body is required") }
        for (i, body) in c.awardingBodies.enumerated() {
            checkText(body.name, path: "awardingBodies[\(i)].name", required: true, defaultLanguage: c.defaultLanguage, into: &issues)
            if let country = body.country, let problem = country.problem {
                add("awardingBodies[\(i)].country", .unknownCountry, problem)
            }
            if let id = body.id, !Self.looksLikeIRI(id) {
                add("awardingBodies[\(i)].id", .malformed, "'\(id)' is not an absolute URL or DID")
            }
        }

        // Learning outcomes: non-empty, each in the default language.
        if c.learningOutcomes.isEmpty { add("learningOutcomes", .empty, "at least one learning outcome is required") }
        for (i, outcome) in c.learningOutcomes.enumerated() {
            checkText(outcome.text, path: "learningOutcomes[\(i)].text", required: true, defaultLanguage: c.defaultLanguage, into: &issues)
            if let skill = outcome.skill, !knownSkills.contains(skill) {
                add("learningOutcomes[\(i)].skill", .unknownSkill, "'\(skill)' is not a skill of the framework")
            }
        }

        // Notional workload: ECTS where possible, else hours; both positive.
        switch (c.workload.ects, c.workload.hours) {
        case (nil, nil): add("workload", .missing, "give the notional workload in ECTS credits or in hours")
        default: break
        }
        if let ects = c.workload.ects, ects <= 0 { add("workload.ects", .outOfRange, "ECTS credits must be positive (got \(ects))") }
        if let hours = c.workload.hours, hours <= 0 { add("workload.hours", .outOfRange, "workload hours must be positive (got \(hours))") }
        if let ects = c.workload.ects, let hours = c.workload.hours, ects > 0, hours > 0 {
            let perCredit = hours / ects
            if !Self.hoursPerECTS.contains(perCredit) {
                add("workload", .inconsistent,
                    "\(hours) hours for \(ects) ECTS is \(perCredit) hours per credit; ECTS assumes 25–30", .warning)
            }
        }

        // Level: EQF 1–8, NQF framework and level when given, QF-EHEA cycle matching the EQF level.
        if !(1...8).contains(c.level.eqf) { add("level.eqf", .outOfRange, "EQF levels run from 1 to 8 (got \(c.level.eqf))") }
        if let nqf = c.level.nqf {
            if let problem = nqf.country.problem { add("level.nqf.country", .unknownCountry, problem) }
            if nqf.framework.trimmed.isEmpty { add("level.nqf.framework", .empty, "name the national qualifications framework") }
            if nqf.level.trimmed.isEmpty { add("level.nqf.level", .empty, "give the level in the national framework") }
        }
        if let cycle = c.level.qfEhea, (1...8).contains(c.level.eqf), cycle.eqfLevel != c.level.eqf {
            add("level.qfEhea", .inconsistent, "the \(cycle.rawValue) cycle corresponds to EQF \(cycle.eqfLevel), not \(c.level.eqf)")
        }
        if c.level.eqfStatus == .formal, c.level.nqf == nil {
            add("level.nqf", .missing, "a formal EQF level is obtained through a national framework; give the NQF level or mark the EQF level indicative")
        }

        // Assessment, participation, quality assurance.
        if c.assessment.types.isEmpty { add("assessment.types", .empty, "state at least one type of assessment") }
        if c.assessment.awardBasis.isEmpty { add("assessment.awardBasis", .empty, "state the basis for awarding the credential", .warning) }
        if c.assessment.certificationFormats.isEmpty {
            add("assessment.certificationFormats", .empty, "state the format of certification")
        }
        if c.qualityAssurance.isEmpty { add("qualityAssurance", .empty, "state the type of quality assurance") }
        if let supervision = c.assessment.supervision, c.participation == .online,
            [.supervisedOnSiteNoIdentityVerification, .supervisedOnSiteWithIdentityVerification].contains(supervision)
        {
            add("assessment.supervision", .inconsistent, "on-site supervision stated for a fully online micro-credential", .warning)
        }
        if let grade = c.gradeScheme, grade.kind == .proficiencyLevels, c.skills.isEmpty {
            add("gradeScheme.kind", .inconsistent, "proficiency-level grading needs the skills and levels it grades", .warning)
        }

        // Occupational fields.
        for (i, field) in c.occupationalFields.enumerated() {
            if let problem = field.problem { add("occupationalFields[\(i)].code", .malformed, problem) }
        }

        // Costs.
        if let cost = c.costs.costToLearner {
            if cost.amount < 0 { add("costs.costToLearner.amount", .outOfRange, "a cost cannot be negative") }
            if !Money.knownCurrencies.contains(cost.currency) {
                add("costs.costToLearner.currency", .unknownCurrency, "'\(cost.currency)' is not a known ISO 4217 currency code")
            }
        }

        // Skills certified and their required levels.
        var seen = Set<SkillID>()
        for (i, requirement) in c.skills.enumerated() {
            if !knownSkills.contains(requirement.skill) {
                add("skills[\(i)].skill", .unknownSkill, "'\(requirement.skill)' is not a skill of the framework")
            }
            if !seen.insert(requirement.skill).inserted { add("skills[\(i)].skill", .duplicate, "'\(requirement.skill)' is listed twice") }
            if !(1...4).contains(requirement.requiredLevel) {
                add("skills[\(i)].requiredLevel", .outOfRange, "proficiency levels run from 1 to 4 (got \(requirement.requiredLevel))")
            }
        }

        if let image = c.image, !Self.looksLikeIRI(image) { add("image", .malformed, "'\(image)' is not an absolute URL") }
        for (i, tag) in c.tags.enumerated() where tag.trimmed.isEmpty { add("tags[\(i)]", .empty, "empty tag") }
        return issues
    }

    private var knownSkills: Set<SkillID> { framework?.skillIDs ?? Set(SkillID.empassSkills) }

    /// Every language tag valid, no empty text, and (when required or present) the default language there.
    private func checkText(
        _ text: LocalizedText, path: String, required: Bool, defaultLanguage: LanguageTag, into issues: inout [ValidationIssue]
    ) {
        if text.values.isEmpty {
            if required { issues.append(ValidationIssue(path, .missing, "required text is missing")) }
            return
        }
        for key in text.values.keys.sorted() {
            let tag = LanguageTag(key)
            if let problem = tag.problem { issues.append(ValidationIssue("\(path).\(key)", .unknownLanguage, problem)) }
            if text.values[key]?.trimmed.isEmpty ?? true {
                issues.append(ValidationIssue("\(path).\(key)", .empty, "text is empty"))
            }
        }
        if text.values[defaultLanguage.rawValue] == nil {
            issues.append(ValidationIssue(
                "\(path).\(defaultLanguage.rawValue)", .missingDefaultLanguage,
                "missing in the default language '\(defaultLanguage)'"))
        }
    }

    static func looksLikeIRI(_ s: String) -> Bool {
        if s.hasPrefix("did:") { return s.split(separator: ":").count >= 3 }
        guard let url = URL(string: s), let scheme = url.scheme, ["http", "https", "urn"].contains(scheme) else { return false }
        return scheme == "urn" || url.host != nil
    }
}

extension StringProtocol {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
