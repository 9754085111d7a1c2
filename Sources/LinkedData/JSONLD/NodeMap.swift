/// Node Map Generation (JSON-LD 1.1 API §7.2), into typed structures rather than JSON maps: toRdf
/// only needs subjects, their types and property values, and this keeps it allocation-light.
/// Insertion order is kept everywhere so the output is deterministic across runs.

/// A property value in the node map.
enum NodeMapItem: Hashable {
    /// A node reference (IRI or relabelled `_:` blank node identifier).
    case node(String)
    /// A value object as expansion produced it (`@value`, `@type`, `@language`, `@direction`, `@index`).
    case value(JSONObject)
    case list([NodeMapItem])
}

final class NodeMapNode {
    let id: String
    var types: [String] = []
    var index: String?
    private(set) var propertyOrder: [String] = []
    private(set) var properties: [String: [NodeMapItem]] = [:]
    /// The items of properties with many values, for the duplicate check: scanning the list made
    /// a property with n values cost n² (canonicalisation time grew faster than document size).
    private var seen: [String: Set<NodeMapItem>] = [:]
    private static let scanLimit = 16

    init(id: String) { self.id = id }

    /// Appends unless an equal item is already there (lists are always appended).
    func add(_ item: NodeMapItem, to property: String) {
        guard let count = properties[property]?.count else {
            propertyOrder.append(property)
            properties[property] = [item]
            return
        }
        if case .list = item {
            properties[property]!.append(item)
            return
        }
        if count < Self.scanLimit {
            if properties[property]!.contains(item) { return }
        } else {
            if seen[property] == nil { seen[property] = Set(properties[property]!) }
            if !seen[property]!.insert(item).inserted { return }
        }
        properties[property]!.append(item)
    }

    func append(_ item: NodeMapItem, to property: String) {
        if properties[property] == nil {
            propertyOrder.append(property)
            properties[property] = [item]
        } else {
            properties[property]!.append(item)
            seen[property]?.insert(item)
        }
    }
}

final class NodeMapGraph {
    private(set) var order: [String] = []
    private var nodes: [String: NodeMapNode] = [:]

    func node(_ id: String) -> NodeMapNode {
        if let node = nodes[id] { return node }
        let node = NodeMapNode(id: id)
        nodes[id] = node
        order.append(id)
        return node
    }

    func existing(_ id: String) -> NodeMapNode? { nodes[id] }
}

/// Issues `_:b0`, `_:b1`, ... and remembers the relabelling of the document's own blank nodes.
struct BlankNodeIssuer {
    private var counter = 0
    private var issued: [String: String] = [:]

    mutating func fresh() -> String {
        defer { counter += 1 }
        return "_:b\(counter)"
    }

    mutating func relabel(_ old: String) -> String {
        if let hit = issued[old] { return hit }
        let new = fresh()
        issued[old] = new
        return new
    }
}

struct NodeMap {
    private(set) var graphOrder: [String] = []
    private var graphs: [String: NodeMapGraph] = [:]
    var issuer = BlankNodeIssuer()

    init() { _ = graph("@default") }

    func existingGraph(_ name: String) -> NodeMapGraph? { graphs[name] }

    mutating func graph(_ name: String) -> NodeMapGraph {
        if let graph = graphs[name] { return graph }
        let graph = NodeMapGraph()
        graphs[name] = graph
        graphOrder.append(name)
        return graph
    }

    enum Subject {
        case none
        case node(String)
        /// A reverse property is being processed: the referencing node's id.
        case reverse(String)
    }

    private mutating func label(_ id: String) -> String {
        IRI.isBlankNode(id) ? issuer.relabel(id) : id
    }

    /// The algorithm; `list` is the `@list` being filled, if any.
    mutating func add(_ element: JSONValue, graph graphName: String, subject: Subject, property: String?,
                      list: inout [NodeMapItem]?) throws {
        switch element {
        case .array(let items):
            for item in items {
                try add(item, graph: graphName, subject: subject, property: property, list: &list)
            }
            return
        case .object(let object):
            try add(object, graph: graphName, subject: subject, property: property, list: &list)
        default:
            return   // expansion never leaves bare scalars where nodes are expected
        }
    }

    private mutating func add(_ element: JSONObject, graph graphName: String, subject: Subject, property: String?,
                              list: inout [NodeMapItem]?) throws {
        let graph = self.graph(graphName)
        let subjectNode: NodeMapNode? = if case .node(let id) = subject { graph.node(id) } else { nil }

        // 4: value objects
        if element["@value"] != nil {
            if list != nil {
                list!.append(.value(element))
            } else if let subjectNode, let property {
                subjectNode.add(.value(element), to: property)
            }
            return
        }
        // 5: list objects
        if let listValue = element["@list"] {
            var inner: [NodeMapItem]? = []
            try add(listValue, graph: graphName, subject: subject, property: property, list: &inner)
            if list != nil {
                list!.append(.list(inner!))
            } else if let subjectNode, let property {
                subjectNode.append(.list(inner!), to: property)
            }
            return
        }
        // 6: node objects
        let id: String
        switch element["@id"] {
        case .string(let given)?: id = label(given)
        case .null?: id = ""   // a keyword-like @id: not well-formed, so toRdf drops the node
        default: id = issuer.fresh()
        }
        let node = graph.node(id)
        switch subject {
        case .reverse(let referencing):
            if let property { node.add(.node(referencing), to: property) }
        case .node:
            if let property {
                if list != nil { list!.append(.node(id)) } else { subjectNode?.add(.node(id), to: property) }
            }
        case .none:
            break
        }
        if let types = element["@type"] {
            for case .string(let type) in asArray(types) {
                let type = label(type)
                if !node.types.contains(type) { node.types.append(type) }
            }
        }
        if case .string(let index)? = element["@index"] {
            if let existing = node.index, existing != index { throw JSONLDError(.conflictingIndexes, id) }
            node.index = index
        }
        if case .object(let reverseMap)? = element["@reverse"] {
            for (reverseProperty, values) in reverseMap {
                var noList: [NodeMapItem]? = nil
                for value in asArray(values) {
                    try add(value, graph: graphName, subject: .reverse(id), property: reverseProperty, list: &noList)
                }
            }
        }
        if let graphValue = element["@graph"] {
            var noList: [NodeMapItem]? = nil
            try add(graphValue, graph: id, subject: .none, property: nil, list: &noList)
        }
        if let included = element["@included"] {
            var noList: [NodeMapItem]? = nil
            try add(included, graph: graphName, subject: .none, property: nil, list: &noList)
        }
        for (key, value) in element {
            if JSONLDKeyword.isKeyword(key) { continue }
            let nodeProperty = label(key)
            var noList: [NodeMapItem]? = nil
            try add(value, graph: graphName, subject: .node(id), property: nodeProperty, list: &noList)
        }
    }
}
