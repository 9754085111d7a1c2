/// Responses of persons to items of one unidimensional scale: categories 0…K−1, or `missing`
/// for an item that was not administered. Stored row-major (person × item) in one contiguous array.
public struct ResponseMatrix: Sendable, Equatable {
    public static let missing: Int32 = -1

    public let personIDs: [String]
    public let itemIDs: [String]
    /// responses[person * itemCount + item]
    public private(set) var responses: [Int32]

    public var personCount: Int { personIDs.count }
    public var itemCount: Int { itemIDs.count }

    public init(personIDs: [String], itemIDs: [String], responses: [Int32]) throws(PsychometricsError) {
        guard responses.count == personIDs.count * itemIDs.count else {
            throw .invalidArgument("response matrix has \(responses.count) cells, expected \(personIDs.count) × \(itemIDs.count)")
        }
        var seen = Set<String>()
        for id in itemIDs where !seen.insert(id).inserted {
            throw .invalidArgument("item \(id) appears twice")
        }
        for value in responses where value < Self.missing {
            throw .invalidArgument("negative category \(value)")
        }
        self.personIDs = personIDs
        self.itemIDs = itemIDs
        self.responses = responses
    }

    public subscript(person: Int, item: Int) -> Int32 {
        responses[person * itemCount + item]
    }

    /// Keeps only the given rows (e.g. one group for DIF).
    public func rows(_ indices: [Int]) -> ResponseMatrix {
        var out: [Int32] = []
        out.reserveCapacity(indices.count * itemCount)
        for i in indices { out.append(contentsOf: responses[(i * itemCount)..<((i + 1) * itemCount)]) }
        return try! ResponseMatrix(personIDs: indices.map { personIDs[$0] }, itemIDs: itemIDs, responses: out)
    }

    /// Re-orders and checks the columns against a parameter set: every response column must name a
    /// known item and every category must be within that item's range.
    public func aligned(to items: [ItemParameters]) throws(PsychometricsError) -> ResponseMatrix {
        var index: [String: Int] = [:]
        for (j, item) in items.enumerated() { index[item.id] = j }
        var columnOf = [Int](repeating: -1, count: items.count)
        for (c, id) in itemIDs.enumerated() {
            guard let j = index[id] else { throw .unknownItem(id) }
            columnOf[j] = c
        }
        var out = [Int32](repeating: Self.missing, count: personCount * items.count)
        for p in 0..<personCount {
            for (j, item) in items.enumerated() where columnOf[j] >= 0 {
                let x = self[p, columnOf[j]]
                if x != Self.missing && Int(x) >= item.categoryCount {
                    throw .categoryOutOfRange(person: personIDs[p], item: item.id, category: Int(x), maximum: item.categoryCount - 1)
                }
                out[p * items.count + j] = x
            }
        }
        return try ResponseMatrix(personIDs: personIDs, itemIDs: items.map(\.id), responses: out)
    }
}
