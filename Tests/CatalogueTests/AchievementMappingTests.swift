import Foundation
import LinkedData
import Testing
@testable import Catalogue

/// Helpers shared by the Open Badges tests: the package root and the conformance contexts.
enum Conformance {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func context(_ file: String) throws -> [String: Any] {
        let url = packageRoot.appendingPathComponent("../shared/conformance/jsonld-contexts/\(file)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }
    static func empassContext() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: EmPassContext.data()) as! [String: Any]
    }

    /// Every term name a context defines, at top level and inside scoped contexts, with its definition.
    static func terms(_ context: Any, into acc: inout [String: [Any]]) {
        if let list = context as? [Any] { for c in list { terms(c, into: &acc) }; return }
        guard let map = context as? [String: Any] else { return }
        let ctx = (map["@context"] as? [String: Any]) ?? map
        for (key, value) in ctx where !key.hasPrefix("@") {
            acc[key, default: []].append(value)
            if let def = value as? [String: Any], let scoped = def["@context"] { terms(scoped, into: &acc) }
        }
    }
}

@Suite("Open Badges 3.0 Achievement mapping")
struct AchievementMappingTests {
    static let achievementID = "https://empass.example/catalogue/specs/empass-employability/v1"

    static func mapped() throws -> JSONObject {
        let value = try AchievementMapper(framework: Fixtures.framework()).achievement(for: Fixtures.flagship(), id: achievementID)
        return try #require(value.objectValue)
    }

    @Test func carriesTheOpenBadgesCore() throws {
        let a = try Self.mapped()
        #expect(a["id"] == .string(Self.achievementID))
        #expect(a["type"] == .array([.string("Achievement")]))
        #expect(a["achievementType"] == .string("MicroCredential"))
        #expect(a["name"] == .string("EmPass – Employability Skills Pass"))
        #expect(a["description"]?.stringValue?.isEmpty == false)
        #expect(a["criteria"]?["narrative"]?.stringValue?.contains("level 2") == true)
        #expect(a["creditsAvailable"] == .number(JSONNumber(text: "1")))
        #expect(a["inLanguage"] == .string("en"))
        #expect(a["version"] == .string("1"))
        #expect(a["creator"]?["id"] == .string("https://jaeurope.org"))
        #expect(a["tag"]?.arrayValue?.count == 5)
    }

    @Test func alignsToEqfAndEscoGroups() throws {
        let alignments = try #require(Self.mapped()["alignment"]?.arrayValue)
        let eqf = try #require(alignments.first { $0["targetType"] == .string("ext:EQFLevel") })
        #expect(eqf["targetUrl"] == .string("http://data.europa.eu/snb/eqf/4"))
        #expect(eqf["type"] == .array([.string("Alignment")]))
        let esco = alignments.filter { $0["targetType"] == .string("ext:ESCOSkillGroup") }.compactMap { $0["targetUrl"]?.stringValue }
        // Three verified level-2 groups (T4.3, T2.3, T2.2) and the three level-1 groups, each once.
        #expect(Set(esco) == Set(["T4", "T4.3", "T3", "T2.3", "T2", "T2.2"].map { "http://data.europa.eu/esco/skill/\($0)" }))
        #expect(esco.count == Set(esco).count)
        for a in alignments { #expect(a["targetName"]?.stringValue?.isEmpty == false) }
    }

    @Test func oneResultDescriptionPerSkillWithFourRubricLevels() throws {
        let results = try #require(Self.mapped()["resultDescription"]?.arrayValue)
        #expect(results.count == 11)
        for (skill, rd) in zip(SkillID.empassSkills, results) {
            #expect(rd["id"] == .string(AchievementMapper.resultDescriptionID(achievementID: Self.achievementID, skill: skill)))
            #expect(rd["type"] == .array([.string("ResultDescription")]))
            #expect(rd["resultType"] == .string("RubricCriterionLevel"))
            let levels = try #require(rd["rubricCriterionLevel"]?.arrayValue)
            #expect(levels.compactMap { $0["level"]?.stringValue } == ["1", "2", "3", "4"])
            let levelIDs = levels.compactMap { $0["id"]?.stringValue }
            #expect(rd["requiredLevel"]?.stringValue == AchievementMapper.levelID(achievementID: Self.achievementID, skill: skill, level: 2))
            #expect(levelIDs.contains(rd["requiredLevel"]?.stringValue ?? ""))
            #expect(levels.allSatisfy { $0["levelDescriptor"]?.objectValue?.count == 4 })
            #expect(rd["allowedValue"] == .array(["1", "2", "3", "4"].map(JSONValue.string)))
        }
    }

    @Test func carriesTheEuElementsAsEmPassTerms() throws {
        let a = try Self.mapped()
        #expect(a["ectsCredits"] == .number(JSONNumber(text: "1")))
        #expect(a["workloadHours"] == .number(JSONNumber(text: "25")))
        #expect(a["eqfLevel"] == .string("http://data.europa.eu/snb/eqf/4"))
        #expect(a["participationForm"] == .string("blended"))
        #expect(a["supervisionAndIdentityVerification"] == .string("supervisedOnSiteWithIdentityVerification"))
        #expect(a["qualityAssuranceType"] == .array([.string("internal"), .string("sectoral")]))
        #expect(a["stackability"] == .array([.string("standalone"), .string("combinableWithMicroCredentials")]))
        #expect(a["learningOutcome"]?.arrayValue?.count == 11)
        #expect(a["contentHash"] == .string(try Fixtures.flagship().contentHash))
        #expect(a["occupationalField"] == .array([.string("http://data.europa.eu/esco/isced-f/0417")]))
    }

    /// Without a JSON-LD processor: every key the mapper writes is a term some context defines
    /// (language-map keys excepted), and every EmPass term it needs exists in the EmPass context.
    @Test func everyKeyIsADefinedTerm() throws {
        var defined: [String: [Any]] = [:]
        Conformance.terms(try Conformance.context("credentials-v2.jsonld"), into: &defined)
        Conformance.terms(try Conformance.context("ob-v3p0-context-3.0.3.validator-2026.json"), into: &defined)
        var empass: [String: [Any]] = [:]
        Conformance.terms(try Conformance.empassContext(), into: &empass)
        defined.merge(empass) { $0 + $1 }
        let languageMaps = Set(empass.compactMap { key, defs in
            (defs.first as? [String: Any])?["@container"] as? String == "@language" ? key : nil
        })
        var undefined: [String] = []
        func walk(_ value: JSONValue, path: String) {
            switch value {
            case .object(let o):
                for (key, child) in o {
                    if !["id", "type"].contains(key), defined[key] == nil { undefined.append("\(path).\(key)") }
                    if languageMaps.contains(key) { continue }
                    walk(child, path: "\(path).\(key)")
                }
            case .array(let items): for (i, item) in items.enumerated() { walk(item, path: "\(path)[\(i)]") }
            default: break
            }
        }
        walk(.object(try Self.mapped()), path: "achievement")
        #expect(undefined.isEmpty, "\(undefined)")
    }

    @Test func unknownSkillIsAMappingError() throws {
        var spec = try Fixtures.flagship()
        spec = MicroCredentialSpec(id: spec.id, version: 2, status: .draft, content: spec.content)
        try spec.edit { $0.skills.append(SkillRequirement(skill: "juggling", requiredLevel: 1)) }
        #expect(throws: CatalogueMappingError.unknownSkill("juggling")) {
            try AchievementMapper(framework: Fixtures.framework()).achievement(for: spec, id: Self.achievementID)
        }
    }

    @Test func achievementIDConvention() {
        #expect(AchievementMapper.achievementID(publicURL: "https://empass.example/", spec: SpecReference(id: "x", version: 3))
            == "https://empass.example/catalogue/specs/x/v3")
    }
}

@Suite("EmPass JSON-LD context v1")
struct EmPassContextTests {
    @Test func isProtectedVersionedAndUnderTheVocabulary() throws {
        let ctx = try #require(Conformance.empassContext()["@context"] as? [String: Any])
        #expect(ctx["@protected"] as? Bool == true)
        #expect(ctx["@version"] as? Double == 1.1)
        #expect(ctx["empass"] as? String == EmPassContext.vocabulary)
        for (key, value) in ctx where !key.hasPrefix("@") && !["empass", "xsd"].contains(key) {
            let iri = (value as? String) ?? ((value as? [String: Any])?["@id"] as? String)
            #expect(iri == "empass:\(key)", "\(key) must map to empass:\(key)")
        }
    }

    /// A protected term of VC 2.0 or OB 3.0.3 redefined here would make every credential fail to
    /// expand; a term OB3 defines inside a type-scoped context would fail inside that type.
    @Test func noTermCollidesWithVc2OrOb3() throws {
        var others: [String: [Any]] = [:]
        Conformance.terms(try Conformance.context("credentials-v2.jsonld"), into: &others)
        Conformance.terms(try Conformance.context("ob-v3p0-context-3.0.3.validator-2026.json"), into: &others)
        var empass: [String: [Any]] = [:]
        Conformance.terms(try Conformance.empassContext(), into: &empass)
        let clashes = Set(empass.keys).subtracting(["empass", "xsd"]).intersection(others.keys)
        #expect(clashes.isEmpty, "\(clashes.sorted())")
    }

    @Test func definesTheTermsTheIssueNames() throws {
        var empass: [String: [Any]] = [:]
        Conformance.terms(try Conformance.empassContext(), into: &empass)
        for term in [
            "ectsCredits", "workloadHours", "assessmentType", "participationForm", "qualityAssuranceType",
            "supervisionAndIdentityVerification", "stackability", "eqfLevel", "nqfLevel", "awardingBody",
        ] {
            #expect(empass[term] != nil, "\(term)")
        }
    }
}
