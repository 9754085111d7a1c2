import Foundation
import LinkedData

/// Maps a specification version to an Open Badges 3.0 `Achievement` (JSON, compact form for the
/// VC 2.0 + OB 3.0.3 + EmPass v1 contexts, in that order).
///
/// OB3 carries: id, type, achievementType `MicroCredential`, name, description, criteria.narrative,
/// image, creator, version, inLanguage, creditsAvailable (ECTS), tag, alignment (ESCO transversal
/// skill groups, `targetType` `ext:ESCOSkillGroup`; EQF level `http://data.europa.eu/snb/eqf/N`,
/// `targetType` `ext:EQFLevel`) and one `ResultDescription` per skill (`resultType`
/// `RubricCriterionLevel`, four `RubricCriterionLevel`s, `requiredLevel` pointing at one of them).
/// Everything else the EU Recommendation and CEDEFOP ask for goes into EmPass context terms.
///
/// Ids: the ResultDescription of a skill is `<achievement id>#skill-<skillId>` and its levels are
/// `<achievement id>#skill-<skillId>-level-<n>`, so an issued `Result` sets `resultDescription` and
/// `achievedLevel` to those (see `resultDescriptionID` and `levelID`).
public struct AchievementMapper: Sendable {
    public var framework: SkillsFramework
    public init(framework: SkillsFramework) { self.framework = framework }

    /// The Achievement id convention for a platform at `publicURL` (e.g. `https://empass.example`):
    /// `<publicURL>/catalogue/specs/<id>/v<version>` — a page a person can open.
    public static func achievementID(publicURL: String, spec: SpecReference) -> String {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return "\(base)/catalogue/specs/\(spec.id.rawValue)/v\(spec.version ?? 1)"
    }
    public static func resultDescriptionID(achievementID: String, skill: SkillID) -> String {
        "\(achievementID)#skill-\(skill.rawValue)"
    }
    public static func levelID(achievementID: String, skill: SkillID, level: Int) -> String {
        "\(achievementID)#skill-\(skill.rawValue)-level-\(level)"
    }
    public static func eqfLevelURI(_ level: Int) -> String { "http://data.europa.eu/snb/eqf/\(level)" }

    /// The contexts a credential carrying this Achievement must list, in this order.
    public static let contexts = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        EmPassContext.url,
    ]

    public func achievement(for spec: MicroCredentialSpec, id achievementID: String) throws -> JSONValue {
        let c = spec.content
        let lang = c.defaultLanguage
        func text(_ t: LocalizedText?) -> JSONValue? { t?.text(in: lang).map(JSONValue.string) }
        func languageMap(_ t: LocalizedText?) -> JSONValue? { t.map(JSONValue.languageMap) }

        var a = JSONObject()
        a["id"] = .string(achievementID)
        a["type"] = .strings(["Achievement"])
        a["achievementType"] = .string("MicroCredential")
        a.set("name", text(c.title))
        // OB3 requires a description; fall back to the learning outcomes when none is written.
        a.set("description", text(c.description) ?? .string(c.learningOutcomes.compactMap { $0.text.text(in: lang) }.joined(separator: " ")))
        a["criteria"] = .object(JSONObject([("narrative", text(c.criteria) ?? .string(""))]))
        if let image = c.image { a["image"] = .object(JSONObject([("id", .string(image)), ("type", .string("Image"))])) }
        if let body = c.awardingBodies.first, let bodyID = body.id {
            var creator = JSONObject()
            creator["id"] = .string(bodyID)
            creator["type"] = .strings(["Profile"])
            creator.set("name", text(body.name))
            a["creator"] = .object(creator)
        }
        a["version"] = .string(String(spec.version))
        a["inLanguage"] = .string(lang.rawValue)
        if let ects = c.workload.ects { a["creditsAvailable"] = .decimal(ects) }
        a.set("tag", .strings(c.tags))
        a.set("alignment", .array(try alignments(for: c)))
        a.set("resultDescription", .array(try c.skills.map { try resultDescription($0, achievementID: achievementID, lang: lang) }))

        // EmPass extension terms (https://empass.eu/contexts/v1).
        a["specificationId"] = .string(spec.id.rawValue)
        a["contentHash"] = .string(spec.contentHash)
        a.set("localizedName", languageMap(c.title))
        a.set("localizedDescription", languageMap(c.description))
        a.set("localizedCriteria", languageMap(c.criteria))
        a.set("deliveryLanguage", .strings(c.languages.map(\.rawValue)))
        a.set("issuerCountry", .strings(c.issuerCountries.map(\.rawValue)))
        a.set("awardingBody", .array(c.awardingBodies.map { awardingBody($0, lang: lang) }))
        a.set("learningOutcome", .array(c.learningOutcomes.map(learningOutcome)))
        if let ects = c.workload.ects { a["ectsCredits"] = .decimal(ects) }
        if let hours = c.workload.hours { a["workloadHours"] = .decimal(hours) }
        a["eqfLevel"] = .string(Self.eqfLevelURI(c.level.eqf))
        a["eqfLevelStatus"] = .string(c.level.eqfStatus.rawValue)
        if let nqf = c.level.nqf {
            a["nqfLevel"] = .object(JSONObject([
                ("type", .string("NQFLevel")), ("nqfCountry", .string(nqf.country.rawValue)),
                ("nqfFramework", .string(nqf.framework)), ("nqfLevelCode", .string(nqf.level)),
            ]))
        }
        if let cycle = c.level.qfEhea { a["qfEheaCycle"] = .string(cycle.rawValue) }
        a.set("assessmentType", .strings(c.assessment.types.map(\.rawValue)))
        a.set("assessmentDescription", languageMap(c.assessment.description))
        a["participationForm"] = .string(c.participation.rawValue)
        a.set("qualityAssuranceType", .strings(c.qualityAssurance.map(\.rawValue)))
        a.set("qualityAssuranceDescription", languageMap(c.qualityAssuranceDescription))
        a.set("prerequisites", languageMap(c.access.prerequisites))
        if let s = c.assessment.supervision { a["supervisionAndIdentityVerification"] = .string(s.rawValue) }
        if let g = c.gradeScheme {
            a["gradeScheme"] = .string(g.kind.rawValue)
            a.set("gradeSchemeDescription", languageMap(g.description))
        }
        a.set("stackability", .strings(c.use.stackability.map(\.rawValue)))
        a.set("stackabilityDescription", languageMap(c.use.stackabilityDescription))
        a.set("furtherInformation", languageMap(c.furtherInformation))
        a.set("awardBasis", .strings(c.assessment.awardBasis.map(\.rawValue)))
        a["externalAssessment"] = .bool(c.assessment.externalAssessment)
        a.set("certificationFormat", .strings(c.assessment.certificationFormats.map(\.rawValue)))
        // NACE has no concept URI; only fields with one are mapped (the spec keeps all).
        a.set("occupationalField", .strings(c.occupationalFields.compactMap(\.uri)))
        a.set("occupationalStandards", languageMap(c.occupationalStandards))
        a.set("learningSite", .strings(c.pedagogy.learningSites.map(\.rawValue)))
        if let r = c.pedagogy.teacherRole { a["teacherRole"] = .string(r.rawValue) }
        if let l = c.pedagogy.learningControl { a["learningControl"] = .string(l.rawValue) }
        a.set("durationAndPace", languageMap(c.pedagogy.durationAndPace))
        a.set("targetGroup", languageMap(c.access.targetGroup))
        if let p = c.use.recognitionPotential { a["recognitionPotential"] = .string(p.rawValue) }
        a.set("employerInvolvement", .strings(c.stakeholders.employerInvolvement.map(\.rawValue)))
        a.set("labourMarketRelevance", languageMap(c.stakeholders.labourMarketRelevance))
        a.set("transparency", languageMap(c.stakeholders.transparency))
        if let cost = c.costs.costToLearner {
            a["costToLearner"] = .object(JSONObject([
                ("type", .string("MonetaryAmount")), ("costAmount", .decimal(cost.amount)), ("costCurrency", .string(cost.currency)),
            ]))
        }
        a.set("fundingOptions", languageMap(c.costs.fundingOptions))
        a.set("purpose", .strings(c.purposes.map(\.rawValue)))
        return .object(a)
    }

    // MARK: - Parts

    private func alignments(for c: SpecContent) throws -> [JSONValue] {
        var result: [JSONValue] = []
        var seen = Set<String>()
        for requirement in c.skills {
            let concept = try skill(requirement.skill).esco.preferredConcept
            if seen.insert(concept.uri).inserted { result.append(Self.escoAlignment(concept)) }
        }
        result.append(.object(JSONObject([
            ("type", .strings(["Alignment"])),
            ("targetName", .string("EQF level \(c.level.eqf)")),
            ("targetUrl", .string(Self.eqfLevelURI(c.level.eqf))),
            ("targetDescription", .string(c.level.eqfStatus == .formal
                ? "Formally at EQF level \(c.level.eqf) through the national qualifications framework."
                : "Indicatively positioned at EQF level \(c.level.eqf); not formally levelled.")),
            ("targetFramework", .string("European Qualifications Framework")),
            ("targetCode", .string(String(c.level.eqf))),
            ("targetType", .string("ext:EQFLevel")),
        ])))
        return result
    }

    static func escoAlignment(_ concept: ESCOConcept) -> JSONValue {
        .object(JSONObject([
            ("type", .strings(["Alignment"])),
            ("targetName", .string(concept.label)),
            ("targetUrl", .string(concept.uri)),
            ("targetFramework", .string("ESCO transversal skills and competences")),
            ("targetCode", .string(concept.code)),
            ("targetType", .string("ext:ESCOSkillGroup")),
        ]))
    }

    private func resultDescription(_ requirement: SkillRequirement, achievementID: String, lang: LanguageTag) throws -> JSONValue {
        let skill = try skill(requirement.skill)
        let levels: [JSONValue] = skill.levels.sorted { $0.level < $1.level }.map { level in
            var l = JSONObject()
            l["id"] = .string(Self.levelID(achievementID: achievementID, skill: skill.id, level: level.level))
            l["type"] = .strings(["RubricCriterionLevel"])
            l.set("name", framework.levelName(level.level)?.text(in: lang).map(JSONValue.string) ?? .string("Level \(level.level)"))
            l.set("description", level.descriptor.text(in: lang).map(JSONValue.string))
            l["level"] = .string(String(level.level))
            l["points"] = .string(String(level.level))
            l.set("levelDescriptor", .languageMap(level.descriptor))
            return .object(l)
        }
        var r = JSONObject()
        r["id"] = .string(Self.resultDescriptionID(achievementID: achievementID, skill: skill.id))
        r["type"] = .strings(["ResultDescription"])
        r.set("name", skill.name.text(in: lang).map(JSONValue.string))
        r["alignment"] = .array([
            Self.escoAlignment(skill.esco.preferredConcept),
            .object(JSONObject([
                ("type", .strings(["Alignment"])),
                ("targetName", .string(skill.name.text(in: lang) ?? skill.id.rawValue)),
                ("targetUrl", .string(SkillsFramework.skillURL(skill.id))),
                ("targetFramework", .string(framework.name.text(in: lang) ?? "EmPass skills framework")),
                ("targetCode", .string(skill.id.rawValue)),
                ("targetType", .string("ext:EmPassSkill")),
            ])),
        ])
        r["allowedValue"] = .strings(skill.levels.sorted { $0.level < $1.level }.map { String($0.level) })
        r["requiredLevel"] = .string(Self.levelID(achievementID: achievementID, skill: skill.id, level: requirement.requiredLevel))
        r["resultType"] = .string("RubricCriterionLevel")
        r["rubricCriterionLevel"] = .array(levels)
        r["certifiedSkill"] = .string(SkillsFramework.skillURL(skill.id))
        return .object(r)
    }

    private func awardingBody(_ body: AwardingBody, lang: LanguageTag) -> JSONValue {
        var o = JSONObject()
        if let id = body.id { o["id"] = .string(id) }
        o["type"] = .string("AwardingBody")
        o.set("name", body.name.text(in: lang).map(JSONValue.string))
        o["awardingBodyKind"] = .string(body.kind.rawValue)
        if let country = body.country { o["awardingBodyCountry"] = .string(country.rawValue) }
        return .object(o)
    }

    private func learningOutcome(_ outcome: LearningOutcome) -> JSONValue {
        var o = JSONObject()
        o["type"] = .string("LearningOutcome")
        o.set("outcomeText", .languageMap(outcome.text))
        o["outcomeDomain"] = .string(outcome.domain.rawValue)
        if let skill = outcome.skill { o["certifiedSkill"] = .string(SkillsFramework.skillURL(skill)) }
        return .object(o)
    }

    private func skill(_ id: SkillID) throws -> Skill {
        guard let skill = framework.skill(id) else { throw CatalogueMappingError.unknownSkill(id) }
        return skill
    }
}

public enum CatalogueMappingError: Error, CustomStringConvertible, Equatable {
    case unknownSkill(SkillID)
    public var description: String {
        switch self {
        case .unknownSkill(let id): "skill '\(id)' is not in the skills framework"
        }
    }
}
