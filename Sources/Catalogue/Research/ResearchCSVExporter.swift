import Foundation

/// Writes specifications as CSV with CEDEFOP's template columns (a)–(q) plus the two EmPass
/// identity columns, one row per specification version, RFC 4180 quoting, CRLF line ends.
/// Cells use the `CellLines` grammar, so `ResearchCSVImporter` reads the file back.
public struct ResearchCSVExporter: Sendable {
    public init() {}

    public func export(_ specs: [MicroCredentialSpec]) -> String {
        RFC4180.write([ResearchColumn.allCases.map(\.header)] + specs.map(row))
    }

    public func row(_ spec: MicroCredentialSpec) -> [String] {
        let c = spec.content
        func lines(_ parts: [String?]) -> String { parts.compactMap { $0 }.joined(separator: "\n") }
        func list<T: RawRepresentable>(_ values: [T]) -> String? where T.RawValue == String {
            values.isEmpty ? nil : values.map(\.rawValue).joined(separator: ",")
        }
        let cells: [ResearchColumn: String] = [
            .a: lines(CellLines.textLines(c.title)),
            .b: lines(c.awardingBodies.enumerated().flatMap { i, body -> [String?] in
                [CellLines.pairLine([("kind", body.kind.rawValue), ("country", body.country?.rawValue), ("id", body.id)]).map { "\(i + 1). \($0)" }]
                    + CellLines.textLines(body.name).map { "\(i + 1). \($0)" }
            }),
            .c: lines(c.learningOutcomes.enumerated().flatMap { i, outcome -> [String?] in
                CellLines.textLines(outcome.text).map { "\(i + 1). \($0)" }
                    + [CellLines.pairLine([("skill", outcome.skill?.rawValue), ("domain", outcome.domain.rawValue)]).map { "\(i + 1). \($0)" }]
            }),
            .d: lines(CellLines.textLines(c.pedagogy.durationAndPace)),
            .e: lines([CellLines.pairLine([("ects", c.workload.ects?.jsonText), ("hours", c.workload.hours?.jsonText)])]),
            .f: lines(
                [
                    CellLines.pairLine([
                        ("types", list(c.assessment.types)), ("basis", list(c.assessment.awardBasis)),
                        ("external", c.assessment.externalAssessment ? "yes" : "no"),
                        ("supervision", c.assessment.supervision?.rawValue),
                    ]),
                    CellLines.pairLine([("grade", c.gradeScheme?.kind.rawValue)]),
                ] + CellLines.textLines(c.assessment.description) + CellLines.textLines(c.gradeScheme?.description, label: "grade")),
            .g: lines(
                [CellLines.pairLine([("stackability", list(c.use.stackability)), ("recognition", c.use.recognitionPotential?.rawValue)])]
                    + CellLines.textLines(c.use.stackabilityDescription)),
            .h: lines([
                CellLines.pairLine([
                    ("eqf", String(c.level.eqf)), ("status", c.level.eqfStatus.rawValue),
                    ("nqfCountry", c.level.nqf?.country.rawValue), ("nqfFramework", c.level.nqf?.framework),
                    ("nqfLevel", c.level.nqf?.level), ("qfEhea", c.level.qfEhea?.rawValue),
                ])
            ]),
            .i: lines(
                [CellLines.pairLine([("fields", c.occupationalFields.isEmpty ? nil : c.occupationalFields.map { "\($0.scheme.rawValue):\($0.code)" }.joined(separator: ","))])]
                    + CellLines.textLines(c.occupationalStandards)),
            .j: lines([
                CellLines.pairLine([
                    ("participation", c.participation.rawValue), ("sites", list(c.pedagogy.learningSites)),
                    ("teacher", c.pedagogy.teacherRole?.rawValue), ("control", c.pedagogy.learningControl?.rawValue),
                ])
            ]),
            .k: lines([CellLines.pairLine([("formats", list(c.assessment.certificationFormats))])]),
            .l: lines(CellLines.textLines(c.access.prerequisites)),
            .m: lines(CellLines.textLines(c.access.targetGroup)),
            .n: c.issuerCountries.map(\.rawValue).joined(separator: ", "),
            .o: c.purposes.map(\.rawValue).joined(separator: ", "),
            .p: lines(
                [CellLines.pairLine([("cost", c.costs.costToLearner?.amount.jsonText), ("currency", c.costs.costToLearner?.currency)])]
                    + CellLines.textLines(c.costs.fundingOptions)),
            .q: lines(
                [
                    CellLines.pairLine([("default", c.defaultLanguage.rawValue), ("languages", c.languages.map(\.rawValue).joined(separator: ","))]),
                    CellLines.pairLine([("qa", list(c.qualityAssurance)), ("employers", list(c.stakeholders.employerInvolvement))]),
                    CellLines.pairLine([("skills", c.skills.isEmpty ? nil : c.skills.map { "\($0.skill.rawValue):\($0.requiredLevel)" }.joined(separator: ","))]),
                    CellLines.pairLine([("tags", c.tags.isEmpty ? nil : c.tags.joined(separator: "|")), ("image", c.image)]),
                ]
                    + CellLines.textLines(c.description, label: "description")
                    + CellLines.textLines(c.criteria, label: "criteria")
                    + CellLines.textLines(c.qualityAssuranceDescription, label: "qaDescription")
                    + CellLines.textLines(c.stakeholders.labourMarketRelevance, label: "labourMarketRelevance")
                    + CellLines.textLines(c.stakeholders.transparency, label: "transparency")
                    + CellLines.textLines(c.furtherInformation, label: "furtherInformation")),
            .specID: spec.id.rawValue,
            .version: String(spec.version),
        ]
        return ResearchColumn.allCases.map { cells[$0] ?? "" }
    }
}
