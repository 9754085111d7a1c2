/// One problem found in a specification, with the path of the field it concerns
/// (`learningOutcomes`, `level.eqf`, `workload.ects`, `title.el`, `learningOutcomes[2].text.ro`).
public struct ValidationIssue: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable {
        /// Blocks publication.
        case error
        /// Worth fixing; publication is allowed.
        case warning
    }

    /// Stable machine-readable codes, so that API clients and pages can translate messages.
    public enum Code: String, Codable, Sendable {
        case missing, empty, outOfRange, unknownLanguage, unknownCountry, unknownSkill, duplicate
        case missingDefaultLanguage, inconsistent, malformed, unknownCurrency
    }

    public var path: String
    public var code: Code
    public var severity: Severity
    public var message: String

    public init(_ path: String, _ code: Code, _ message: String, severity: Severity = .error) {
        self.path = path; self.code = code; self.severity = severity; self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
