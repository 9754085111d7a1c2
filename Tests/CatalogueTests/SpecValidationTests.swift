import Foundation
import Testing
@testable import Catalogue

enum Fixtures {
    static func flagship() throws -> MicroCredentialSpec { try MicroCredentialSpec.flagship() }
    static func framework() throws -> SkillsFramework { try SkillsFramework.bundled() }
    /// The flagship's content, for building variants.
    static func content() throws -> SpecContent { try flagship().content }
    static func date(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
}

@Suite("Specification validation")
struct SpecValidationTests {
    @Test func flagshipValidatesWithoutErrorsOrWarnings() throws {
        let issues = SpecValidator(framework: try Fixtures.framework()).validate(try Fixtures.content())
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test func flagshipCarriesTheMandatoryElements() throws {
        let c = try Fixtures.content()
        #expect(c.learningOutcomes.count == 11)
        #expect(c.skills.map(\.skill) == SkillID.empassSkills)
        #expect(Set(c.title.languages) == ["en", "el", "es", "ro"])
        #expect((1...8).contains(c.level.eqf))
        #expect(c.assessment.supervision?.recommendationCase == 3)
        #expect(!c.qualityAssurance.isEmpty && !c.assessment.types.isEmpty && !c.awardingBodies.isEmpty)
    }

    @Test func reportsEveryProblemAtOnceWithItsPath() throws {
        var c = try Fixtures.content()
        c.level.eqf = 9
        c.learningOutcomes = []
        c.workload = Workload(ects: -1, hours: 0)
        c.title = ["el": "Τίτλος", "xx": "bad tag"]
        c.issuerCountries = ["ZZ", "EL", "GR-B"]
        c.languages = ["en", "klingon"]
        c.skills[0].requiredLevel = 5
        c.skills[1].skill = "juggling"
        c.costs.costToLearner = Money(amount: -3, currency: "EURO")
        let paths = Set(SpecValidator().validate(c).filter { $0.severity == .error }.map(\.path))
        let expected: Set<String> = [
            "level.eqf", "learningOutcomes", "workload.ects", "workload.hours", "title.en", "title.xx",
            "issuerCountries[0]", "issuerCountries[1]", "languages[1]", "skills[0].requiredLevel", "skills[1].skill",
            "costs.costToLearner.amount", "costs.costToLearner.currency",
        ]
        #expect(paths == expected)
    }

    @Test(arguments: [0, 9, -1, 100])
    func eqfOutsideOneToEightIsAnError(level: Int) throws {
        var c = try Fixtures.content()
        c.level.eqf = level
        let issue = SpecValidator().validate(c).first { $0.path == "level.eqf" }
        #expect(issue?.code == .outOfRange && issue?.severity == .error)
    }

    @Test(arguments: 1...8)
    func eqfOneToEightIsAccepted(level: Int) throws {
        var c = try Fixtures.content()
        c.level.eqf = level
        #expect(!SpecValidator().validate(c).contains { $0.path == "level.eqf" })
    }

    @Test func workloadMustBeGivenAndPositive() throws {
        var c = try Fixtures.content()
        c.workload = Workload()
        #expect(SpecValidator().validate(c).map(\.path) == ["workload"])
        c.workload = Workload(ects: 0)
        #expect(SpecValidator().validate(c).map(\.path) == ["workload.ects"])
        c.workload = Workload(hours: 40)
        #expect(SpecValidator().validate(c).isEmpty)
    }

    @Test func inconsistentEctsAndHoursIsAWarningOnly() throws {
        var c = try Fixtures.content()
        c.workload = Workload(ects: 1, hours: 100)
        let issues = SpecValidator().validate(c)
        #expect(issues.map(\.path) == ["workload"] && issues.allSatisfy { $0.severity == .warning })
    }

    @Test func missingTranslationInDefaultLanguageIsReportedPerText() throws {
        var c = try Fixtures.content()
        c.learningOutcomes[2].text = ["el": "μόνο ελληνικά"]
        c.access.targetGroup = ["es": ""]
        let paths = SpecValidator().validate(c).map(\.path)
        #expect(paths.contains("learningOutcomes[2].text.en"))
        #expect(paths.contains("access.targetGroup.es") && paths.contains("access.targetGroup.en"))
    }

    @Test func qfEheaCycleMustMatchTheEqfLevel() throws {
        var c = try Fixtures.content()
        c.level = QualificationLevel(eqf: 6, qfEhea: .first)
        #expect(SpecValidator().validate(c).isEmpty)
        c.level = QualificationLevel(eqf: 4, qfEhea: .first)
        #expect(SpecValidator().validate(c).map(\.path) == ["level.qfEhea"])
    }

    @Test func formalEqfLevelNeedsAnNqfLevel() throws {
        var c = try Fixtures.content()
        c.level = QualificationLevel(eqf: 4, eqfStatus: .formal)
        #expect(SpecValidator().validate(c).map(\.path) == ["level.nqf"])
        c.level.nqf = NQFLevel(country: "GR", framework: "Hellenic Qualifications Framework", level: "4")
        #expect(SpecValidator().validate(c).isEmpty)
    }

    @Test func duplicateSkillIsReported() throws {
        var c = try Fixtures.content()
        c.skills.append(SkillRequirement(skill: .teamwork, requiredLevel: 3))
        let issue = try #require(SpecValidator().validate(c).first)
        #expect(issue.path == "skills[11].skill" && issue.code == .duplicate)
    }

    @Test(arguments: [
        ("en", true), ("el", true), ("es-ES", true), ("ro-RO", true), ("pt-BR", true), ("es-419", true), ("sr-Latn", true),
        ("ga", true), ("mt", true), ("english", false), ("tlh", false), ("en-XX", false), ("en-GB-oed", false), ("", false), ("e", false),
    ])
    func languageTags(tag: String, valid: Bool) {
        #expect(LanguageTag(tag).isValid == valid, "\(tag)")
    }

    @Test func allTwentyFourOfficialLanguagesAreAccepted() {
        #expect(LanguageTag.euOfficialLanguages.count == 24)
        #expect(LanguageTag.euOfficialLanguages.allSatisfy { LanguageTag($0).isValid })
    }

    @Test(arguments: [
        ("GR", true), ("ES", true), ("RO", true), ("BE", true), ("GR-B", true), ("ES-CT", true), ("EU", true),
        ("EL", false), ("UK", false), ("gr", false), ("ZZ", false), ("GRC", false), ("GR-", false), ("GR-ABCD", false),
    ])
    func countryCodes(code: String, valid: Bool) {
        #expect(CountryCode(code).isValid == valid, "\(code)")
    }

    @Test func iso3166ListHasAllAssignedCodes() {
        #expect(CountryCode.assigned.count == 249)
        #expect(CountryCode.euMemberStates.count == 27)
        #expect(CountryCode.euMemberStates.isSubset(of: CountryCode.assigned))
    }

    @Test func occupationalFieldCodesFollowTheirScheme() {
        #expect(OccupationalField(scheme: .iscedF, code: "0417").problem == nil)
        #expect(OccupationalField(scheme: .iscedF, code: "417A").problem != nil)
        #expect(OccupationalField(scheme: .escoOccupationGroup, code: "5223").uri == "http://data.europa.eu/esco/isco/C5223")
        #expect(OccupationalField(scheme: .nace, code: "C10.1").problem == nil)
        #expect(OccupationalField(scheme: .nace, code: "10").problem != nil)
    }

    @Test func supervisionCasesFollowTheRecommendation() {
        let cases = SupervisionAndIdentityVerification.allCases.map(\.recommendationCase)
        #expect(cases == [1, 2, 2, 3, 3])
        #expect(SupervisionAndIdentityVerification.supervisedOnlineWithIdentityVerification.verifiesIdentity)
        #expect(!SupervisionAndIdentityVerification.unsupervisedNoIdentityVerification.isSupervised)
    }
}
