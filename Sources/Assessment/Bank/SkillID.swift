/// The 11 EmPass soft skills. The raw values are shared with the Catalogue's skills framework,
/// the item-bank files and the calibration CSV, so they must never change spelling.
public enum SkillID: String, Codable, CaseIterable, Sendable, Hashable, CodingKeyRepresentable,
    CustomStringConvertible
{
    case communication
    case activeListening
    case teamwork
    case conflictManagement
    case responsibilityCommitment
    case autonomyInitiative
    case problemSolving
    case decisionMaking
    case criticalThinking
    case goalAchievement
    case continuousLearning

    public var description: String { rawValue }

    /// Position in the framework's order; used to sort items and results the same way everywhere.
    public var frameworkIndex: Int { Self.allCases.firstIndex(of: self)! }
}
