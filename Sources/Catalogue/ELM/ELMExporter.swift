import Foundation
import LinkedData

/// Exports a specification as a European Learning Model (ELM 3) `LearningAchievementSpecification`
/// in the JSON-LD shape European Digital Credentials (EDC) use.
///
/// Best effort, stated plainly: the ELM 3 context and SHACL shapes were not available offline,
/// so this follows the property names and controlled-vocabulary URIs seen in published EDC
/// examples and tools: `title`/`description` as language maps; `learningOutcome` (type
/// `LearningOutcome`, `title`, `relatedESCOSkill`); `creditPoint` (type `CreditPoint`, `framework`
/// ECTS = `http://data.europa.eu/snb/education-credit/6fcec5c5af`, `point` as a string);
/// `volumeOfLearning` as an ISO 8601 duration; `EQFLevel` (`http://data.europa.eu/snb/eqf/N`);
/// `mode` from the "mode of learning and assessment" vocabulary (online `920fbb3cbe`, presential
/// `9191af2ed9`, blended `e92d221e4d`); `language` from the Publications Office language table;
/// `ISCEDFCode`; `entryRequirement` and `additionalNote` as `Note`s with `noteLiteral`.
/// Not exported: NQF levels as concepts (no national concept URIs here; given as a note), target
/// group concepts (a note), and awarding bodies (ELM puts them on the awarding process, not here).
public struct ELMExporter: Sendable {
    public static let context = "http://data.europa.eu/snb/model/context/edc-ap"

    public init() {}

    public static func defaultID(for spec: MicroCredentialSpec) -> String {
        "urn:empass:learningAchievementSpecification:\(spec.id.rawValue):v\(spec.version)"
    }

    public func export(_ spec: MicroCredentialSpec, id: String? = nil, framework: SkillsFramework? = nil) -> JSONValue {
        let c = spec.content
        let base = id ?? Self.defaultID(for: spec)
        var o = JSONObject()
        o["@context"] = .string(Self.context)
        o["id"] = .string(base)
        o["type"] = .string("LearningAchievementSpecification")
        o["title"] = .languageMap(c.title)
        if let d = c.description { o.set("description", .languageMap(d)) }

        o.set("learningOutcome", .array(c.learningOutcomes.enumerated().map { i, outcome in
            var lo = JSONObject()
            lo["id"] = .string("\(base):learningOutcome:\(i + 1)")
            lo["type"] = .string("LearningOutcome")
            lo["title"] = .languageMap(outcome.text)
            if let skill = outcome.skill, let concept = framework?.skill(skill)?.esco.preferredConcept {
                lo["relatedESCOSkill"] = .array([Self.concept(concept.uri, label: [("en", concept.label)])])
            }
            return .object(lo)
        }))

        if let ects = c.workload.ects {
            o["creditPoint"] = .array([.object(JSONObject([
                ("id", .string("\(base):creditPoint:1")),
                ("type", .string("CreditPoint")),
                ("framework", Self.concept(
                    "http://data.europa.eu/snb/education-credit/6fcec5c5af",
                    scheme: "http://data.europa.eu/snb/education-credit/25831c2",
                    label: [("en", "European Credit Transfer System")])),
                ("point", .string(ects.jsonText)),
            ]))])
        }
        if let hours = c.workload.hours { o["volumeOfLearning"] = .string("PT\(hours.jsonText)H") }
        o["EQFLevel"] = Self.concept(
            "http://data.europa.eu/snb/eqf/\(c.level.eqf)", scheme: "http://data.europa.eu/snb/eqf/25831c2",
            label: [("en", "Level \(c.level.eqf)")])
        o["mode"] = .array([Self.mode(c.participation)])
        o.set("language", .array(c.languages.compactMap { tag in
            tag.publicationsOfficeCode.map {
                Self.concept(
                    "http://publications.europa.eu/resource/authority/language/\($0)",
                    scheme: "http://publications.europa.eu/resource/authority/language", notation: tag.rawValue)
            }
        }))
        o.set("ISCEDFCode", .array(c.occupationalFields.filter { $0.scheme == .iscedF }.map {
            Self.concept("http://data.europa.eu/snb/isced-f/\($0.code)", scheme: "http://data.europa.eu/snb/isced-f/25831c2", notation: $0.code)
        }))
        if let prerequisites = c.access.prerequisites {
            o["entryRequirement"] = Self.note("\(base):entryRequirement", prerequisites)
        }

        var notes: [JSONValue] = []
        var n = 0
        func addNote(_ text: LocalizedText?) {
            guard let text, !text.isEmpty else { return }
            n += 1
            notes.append(Self.note("\(base):note:\(n)", text))
        }
        if let nqf = c.level.nqf {
            addNote(LocalizedText(.english, "NQF: \(nqf.framework) (\(nqf.country)) level \(nqf.level)"))
        }
        addNote(LocalizedText(.english, "EQF level status: \(c.level.eqfStatus.rawValue)"))
        if let supervision = c.assessment.supervision {
            addNote(LocalizedText(.english, "Supervision and identity verification during assessment: \(supervision.rawValue) (case \(supervision.recommendationCase) of the EU Recommendation)"))
        }
        addNote(LocalizedText(.english, "Type of assessment: \(c.assessment.types.map(\.rawValue).joined(separator: ", "))"))
        addNote(LocalizedText(.english, "Type of quality assurance: \(c.qualityAssurance.map(\.rawValue).joined(separator: ", "))"))
        addNote(c.access.targetGroup)
        addNote(c.furtherInformation)
        o.set("additionalNote", .array(notes))
        return .object(o)
    }

    static func mode(_ form: ParticipationForm) -> JSONValue {
        let (code, label) =
            switch form {
            case .online: ("920fbb3cbe", "Online")
            case .onSite: ("9191af2ed9", "Presential")
            case .blended: ("e92d221e4d", "Blended")
            }
        return concept(
            "http://data.europa.eu/snb/learning-assessment/\(code)",
            scheme: "http://data.europa.eu/snb/learning-assessment/25831c2", label: [("en", label)])
    }

    static func concept(_ id: String, scheme: String? = nil, label: [(String, String)] = [], notation: String? = nil) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["type"] = .string("Concept")
        if let scheme { o["inScheme"] = .object(JSONObject([("id", .string(scheme)), ("type", .string("ConceptScheme"))])) }
        if !label.isEmpty { o["prefLabel"] = .object(JSONObject(label.map { ($0.0, JSONValue.string($0.1)) })) }
        if let notation { o["notation"] = .string(notation) }
        return .object(o)
    }

    static func note(_ id: String, _ text: LocalizedText) -> JSONValue {
        .object(JSONObject([("id", .string(id)), ("type", .string("Note")), ("noteLiteral", .languageMap(text))]))
    }
}
