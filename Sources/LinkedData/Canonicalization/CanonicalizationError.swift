/// Why RDFC-1.0 canonicalisation gave up.
public enum CanonicalizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dataset needed more Hash N-Degree Quads calls than allowed: the signature of a "poison"
    /// graph built to make canonicalisation take exponential time (RDFC-1.0 §4.8, test074).
    case tooManyCalls(limit: Int)
    /// One Hash N-Degree Quads step would try more permutations of related blank nodes than
    /// allowed (a wide, highly symmetric neighbourhood); the same threat with a different shape.
    case tooManyPermutations(limit: Int)

    public var description: String {
        switch self {
        case .tooManyCalls(let limit):
            "RDFC-1.0: more than \(limit) Hash N-Degree Quads calls; the dataset looks like a poison graph"
        case .tooManyPermutations(let limit):
            "RDFC-1.0: more than \(limit) blank node permutations; the dataset looks like a poison graph"
        }
    }
}
