/// Everything that can go wrong in the psychometric library, with a message a person can act on.
public enum PsychometricsError: Error, CustomStringConvertible, Equatable, Sendable {
    case malformedCSV(line: Int, reason: String)
    case categoryOutOfRange(person: String, item: String, category: Int, maximum: Int)
    case unknownItem(String)
    case unknownColumn(String)
    case unobservedCategory(item: String, category: Int)
    case tooFewResponses(item: String, count: Int)
    case nonConvergence(iterations: Int, maxChange: Double)
    case divergedItem(item: String, reason: String)
    case invalidParameters(item: String, reason: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .malformedCSV(let line, let reason):
            "malformed CSV at line \(line): \(reason)"
        case .categoryOutOfRange(let person, let item, let category, let maximum):
            "person \(person), item \(item): category \(category) is outside 0...\(maximum)"
        case .unknownItem(let id):
            "item \(id) is not in the parameter file"
        case .unknownColumn(let name):
            "column \(name) is not in the response file"
        case .unobservedCategory(let item, let category):
            "item \(item): category \(category) is never observed, so its threshold cannot be estimated; collapse categories or collect more responses"
        case .tooFewResponses(let item, let count):
            "item \(item) has only \(count) responses; at least 2 in different categories are needed"
        case .nonConvergence(let iterations, let maxChange):
            "calibration did not converge in \(iterations) EM iterations (last maximum parameter change \(maxChange)); the data may not fit a unidimensional model"
        case .divergedItem(let item, let reason):
            "item \(item) diverged during calibration: \(reason)"
        case .invalidParameters(let item, let reason):
            "item \(item) has invalid parameters: \(reason)"
        case .invalidArgument(let reason):
            reason
        }
    }
}
