/// RDFC-1.0 §4.5 identifier issuer over interned blank nodes (indexes into the dataset's blank node
/// table). A value type, so the N-degree algorithm's "copy of issuer" is a plain assignment.
struct IdentifierIssuer {
    let prefix: String
    private(set) var counter = 0
    private(set) var issued: [Int: String] = [:]
    /// Blank nodes in the order their identifiers were issued.
    private(set) var order: [Int] = []

    init(prefix: String) { self.prefix = prefix }

    /// Returns the identifier already issued for `node`, or issues the next one.
    @discardableResult
    mutating func issue(_ node: Int) -> String {
        if let existing = issued[node] { return existing }
        let id = prefix + String(counter)
        counter += 1
        issued[node] = id
        order.append(node)
        return id
    }

    func identifier(for node: Int) -> String? { issued[node] }
}
