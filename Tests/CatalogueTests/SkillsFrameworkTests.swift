import Foundation
import Testing
@testable import Catalogue

@Suite("EmPass skills framework")
struct SkillsFrameworkTests {
    static let languages: [LanguageTag] = ["en", "el", "es", "ro"]

    @Test func hasTheElevenSkillsWithTheirStableIds() throws {
        let framework = try Fixtures.framework()
        #expect(framework.skills.map(\.id.rawValue) == [
            "communication", "activeListening", "teamwork", "conflictManagement", "responsibilityCommitment",
            "autonomyInitiative", "problemSolving", "decisionMaking", "criticalThinking", "goalAchievement",
            "continuousLearning",
        ])
        #expect(framework.skills.map(\.id) == SkillID.empassSkills)
    }

    @Test func everySkillHasFourLevelsInFourLanguages() throws {
        let framework = try Fixtures.framework()
        var descriptors = 0
        for skill in framework.skills {
            #expect(skill.levels.map(\.level) == [1, 2, 3, 4], "\(skill.id)")
            for language in Self.languages {
                #expect(skill.name[language]?.trimmed.isEmpty == false, "\(skill.id) name \(language)")
                #expect(skill.description[language]?.trimmed.isEmpty == false, "\(skill.id) description \(language)")
                for level in skill.levels {
                    let text = level.descriptor[language] ?? ""
                    #expect(!text.trimmed.isEmpty, "\(skill.id) level \(level.level) \(language)")
                    if !text.trimmed.isEmpty { descriptors += 1 }
                }
            }
        }
        #expect(descriptors == 11 * 4 * 4)
        #expect(framework.levelNames.count == 4)
        for name in framework.levelNames { #expect(Self.languages.allSatisfy { name[$0]?.isEmpty == false }) }
    }

    @Test func descriptorsDifferBetweenLevelsAndLanguages() throws {
        // Guards against copy-paste: every descriptor text in the framework is distinct.
        let framework = try Fixtures.framework()
        let all = framework.skills.flatMap { $0.levels.flatMap { $0.descriptor.values.values } }
        #expect(all.count == 176 && Set(all).count == 176)
    }

    @Test func greekAndRomanianTextsUseTheirScripts() throws {
        let framework = try Fixtures.framework()
        for skill in framework.skills {
            #expect(skill.name[.greek]!.unicodeScalars.contains { (0x0370...0x03FF).contains($0.value) }, "\(skill.id)")
            let ro = skill.levels.map { $0.descriptor[.romanian]! }.joined()
            #expect(ro.contains { "ăâîșțĂÂÎȘȚ".contains($0) }, "\(skill.id)")
        }
    }

    @Test func escoAlignmentsAreTransversalGroupsAndMarkVerification() throws {
        let framework = try Fixtures.framework()
        let groups = Set(framework.skills.map(\.esco.group.code))
        #expect(groups == ["T2", "T3", "T4"])
        for skill in framework.skills {
            let group = skill.esco.group
            #expect(group.uri == "http://data.europa.eu/esco/skill/\(group.code)")
            #expect(!group.uriVerified, "level-1 group URIs were not confirmed and must say so")
            if let sub = skill.esco.subgroup {
                #expect(sub.code.hasPrefix(group.code + "."))
                #expect(sub.uri == "http://data.europa.eu/esco/skill/\(sub.code)")
                #expect(skill.esco.preferredConcept == (sub.uriVerified ? sub : group))
            }
        }
        #expect(framework.skill(.teamwork)?.esco.subgroup?.code == "T4.3")
        #expect(framework.skill(.problemSolving)?.esco.subgroup?.code == "T2.3")
        #expect(framework.skill(.goalAchievement)?.esco.subgroup?.code == "T2.2")
        #expect(framework.skill(.communication)?.esco.group.label == "social and communication skills and competences")
    }
}
