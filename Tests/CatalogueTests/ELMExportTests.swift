import Foundation
import LinkedData
import Testing
@testable import Catalogue

@Suite("ELM 3 LearningAchievementSpecification export")
struct ELMExportTests {
    static func exported() throws -> JSONObject {
        try #require(ELMExporter().export(Fixtures.flagship(), framework: Fixtures.framework()).objectValue)
    }

    @Test func hasTheElmShape() throws {
        let o = try Self.exported()
        #expect(o["@context"] == .string("http://data.europa.eu/snb/model/context/edc-ap"))
        #expect(o["type"] == .string("LearningAchievementSpecification"))
        #expect(o["id"] == .string("urn:empass:learningAchievementSpecification:empass-employability:v1"))
        #expect(o["title"]?.objectValue?.count == 4)
        #expect(o["EQFLevel"]?["id"] == .string("http://data.europa.eu/snb/eqf/4"))
        #expect(o["volumeOfLearning"] == .string("PT25H"))
        let credit = try #require(o["creditPoint"]?.arrayValue?.first)
        #expect(credit["point"] == .string("1"))
        #expect(credit["framework"]?["id"] == .string("http://data.europa.eu/snb/education-credit/6fcec5c5af"))
        #expect(o["mode"]?.arrayValue?.first?["id"] == .string("http://data.europa.eu/snb/learning-assessment/e92d221e4d"))
        let languages = try #require(o["language"]?.arrayValue).compactMap { $0["id"]?.stringValue }
        #expect(languages == ["ENG", "ELL", "SPA", "RON"].map { "http://publications.europa.eu/resource/authority/language/\($0)" })
        let outcomes = try #require(o["learningOutcome"]?.arrayValue)
        #expect(outcomes.count == 11)
        #expect(outcomes[2]["relatedESCOSkill"]?.arrayValue?.first?["id"] == .string("http://data.europa.eu/esco/skill/T4.3"))
        #expect(o["ISCEDFCode"]?.arrayValue?.first?["id"] == .string("http://data.europa.eu/snb/isced-f/0417"))
        #expect(o["entryRequirement"]?["type"] == .string("Note"))
    }

    @Test(arguments: [(ParticipationForm.online, "920fbb3cbe"), (.onSite, "9191af2ed9"), (.blended, "e92d221e4d")])
    func modeUsesTheEuVocabulary(form: ParticipationForm, code: String) {
        #expect(ELMExporter.mode(form)["id"] == .string("http://data.europa.eu/snb/learning-assessment/\(code)"))
    }

    @Test func exportIsDeterministic() throws {
        let spec = try Fixtures.flagship()
        let framework = try Fixtures.framework()
        let first = ELMExporter().export(spec, framework: framework)
        for _ in 0..<5 { #expect(ELMExporter().export(spec, framework: framework) == first) }
    }

    @Test func workloadWithoutEctsHasNoCreditPoint() throws {
        var spec = MicroCredentialSpec(id: "x", version: 1, status: .draft, content: try Fixtures.content())
        try spec.edit { $0.workload = Workload(hours: 12.5) }
        let o = try #require(ELMExporter().export(spec).objectValue)
        #expect(o["creditPoint"] == nil)
        #expect(o["volumeOfLearning"] == .string("PT12.5H"))
    }
}
