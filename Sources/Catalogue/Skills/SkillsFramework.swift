import Foundation

/// Stable identifier of an EmPass skill. The assessment item bank uses the same ids. Kept as a
/// string-backed struct (not an enum) so that an unknown id in an imported document is reported
/// by validation with its path rather than failing the whole decode.
public struct SkillID: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: SkillID, rhs: SkillID) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let communication: SkillID = "communication"
    public static let activeListening: SkillID = "activeListening"
    public static let teamwork: SkillID = "teamwork"
    public static let conflictManagement: SkillID = "conflictManagement"
    public static let responsibilityCommitment: SkillID = "responsibilityCommitment"
    public static let autonomyInitiative: SkillID = "autonomyInitiative"
    public static let problemSolving: SkillID = "problemSolving"
    public static let decisionMaking: SkillID = "decisionMaking"
    public static let criticalThinking: SkillID = "criticalThinking"
    public static let goalAchievement: SkillID = "goalAchievement"
    public static let continuousLearning: SkillID = "continuousLearning"

    /// The 11 EmPass skills in their canonical order.
    public static let empassSkills: [SkillID] = [
        .communication, .activeListening, .teamwork, .conflictManagement, .responsibilityCommitment,
        .autonomyInitiative, .problemSolving, .decisionMaking, .criticalThinking, .goalAchievement,
        .continuousLearning,
    ]
}

/// A concept of the ESCO transversal skills and competences hierarchy.
public struct ESCOConcept: Codable, Sendable, Hashable {
    /// The ESCO code (`T4`, `T4.3`).
    public var code: String
    /// The English preferred label as ESCO publishes it.
    public var label: String
    /// The concept URI (`http://data.europa.eu/esco/skill/T4.3`).
    public var uri: String
    /// True only when this exact URI was seen in published ESCO-linked data while writing the
    /// framework; false when it follows ESCO's code-based URI pattern but was not confirmed.
    public var uriVerified: Bool
    public var note: String?
}

/// Where a skill sits in ESCO: its level-1 transversal group and, when one fits, a level-2 group.
public struct ESCOAlignment: Codable, Sendable, Hashable {
    public var group: ESCOConcept
    public var subgroup: ESCOConcept?

    /// The most specific concept whose URI was verified, else the group (possibly unverified).
    public var preferredConcept: ESCOConcept {
        if let subgroup, subgroup.uriVerified { return subgroup }
        return group
    }
}

/// One proficiency level of a skill with its behavioural descriptor.
public struct ProficiencyLevel: Codable, Sendable, Hashable {
    /// 1 (lowest) to 4 (highest).
    public var level: Int
    public var descriptor: LocalizedText
}

/// One of the 11 EmPass skills.
public struct Skill: Codable, Sendable, Hashable, Identifiable {
    public var id: SkillID
    public var name: LocalizedText
    public var description: LocalizedText
    public var esco: ESCOAlignment
    public var levels: [ProficiencyLevel]

    public func level(_ number: Int) -> ProficiencyLevel? { levels.first { $0.level == number } }
}

/// The EmPass skills framework: 11 transversal skills, four proficiency levels each, written for
/// entry-level VET learners (15–25, work placements and first jobs), in English, Greek, Spanish and
/// Romanian. The bundled resource `skills-framework.json` is the source of truth.
public struct SkillsFramework: Codable, Sendable, Hashable {
    public var id: String
    public var version: String
    public var name: LocalizedText
    public var languages: [LanguageTag]
    /// Names of the four levels, shared by all skills (index 0 is level 1).
    public var levelNames: [LocalizedText]
    public var skills: [Skill]

    public func skill(_ id: SkillID) -> Skill? { skills.first { $0.id == id } }
    public func levelName(_ level: Int) -> LocalizedText? {
        levelNames.indices.contains(level - 1) ? levelNames[level - 1] : nil
    }
    public var skillIDs: Set<SkillID> { Set(skills.map(\.id)) }

    /// The framework bundled with the library.
    public static func bundled() throws -> SkillsFramework {
        try BundledResource.decode(SkillsFramework.self, named: "skills-framework", extension: "json")
    }

    /// The URL that identifies a skill of this framework (used as OB3 ResultDescription alignment
    /// and in the EmPass context): `https://empass.eu/skills/v1/communication`.
    public static func skillURL(_ id: SkillID) -> String { "https://empass.eu/skills/v1/\(id.rawValue)" }
}
