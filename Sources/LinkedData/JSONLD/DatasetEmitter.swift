/// toRdf for consumers that need the dataset only as a set — RDFC-1.0 above all — straight from
/// the expanded form, without building the node map.
///
/// The node map exists to merge every description of a node into one entry and to give the
/// spec's output order. A canonicaliser needs neither: the quads a node contributes are the same
/// wherever its description appears, duplicates fall away because a dataset is a set, and blank
/// node labels are replaced by canonical ones. So this walks the expanded form once and emits each
/// quad where the node map would have recorded it. Everything else follows the node map and
/// Deserialize JSON-LD to RDF exactly: blank node identifiers relabelled consistently, nodes and
/// graphs without a well-formed name dropped (their embedded nodes still emitted), blank node
/// predicates dropped, conflicting `@index` values of one node an error, lists as fresh
/// `rdf:first`/`rdf:rest` chains. The conformance tests hold it to the node-map path: the same
/// canonical form on every toRdf test.
struct DatasetEmitter {
    private(set) var quads: [Quad] = []
    private var issuer = BlankNodeIssuer()
    /// `@index` per node identifier, only for the conflicting-indexes check.
    private var indexes: [String: String] = [:]   // key: graph name, NUL, node id
    private let values: RDFDeserializer

    /// Where quads of the element being walked go: the node map's graph name, and its RDF term
    /// (nil for the default graph). A named graph whose name is not well-formed is `emitted:
    /// false`: its quads are dropped, its content is still checked.
    private struct Graph {
        let name: String
        let term: RDFTerm?
        let emitted: Bool
        static let defaultGraph = Graph(name: "@default", term: nil, emitted: true)
    }

    init(rdfDirection: JSONLDRDFDirection?) {
        values = RDFDeserializer(rdfDirection: rdfDirection, produceGeneralizedRdf: false)
    }

    /// Emits the dataset of an expanded document (the top-level array `expand` returns).
    mutating func emit(expanded: JSONValue) throws {
        quads.reserveCapacity(64)
        for case .object(let element) in asArray(expanded) {
            try freeFloating(element, in: .defaultGraph)
        }
    }

    /// A top-level, `@graph` or `@included` member: no property points at it, so a value or a
    /// list here yields no quads (the node map has no subject to hang them on), but nodes inside
    /// a list still do.
    private mutating func freeFloating(_ element: JSONObject, in graph: Graph) throws {
        if element["@value"] != nil { return }
        if let list = element["@list"] {
            for case .object(let item) in asArray(list) { try freeFloating(item, in: graph) }
            return
        }
        _ = try node(element, in: graph)
    }

    /// The term `element` stands for where it is a property value — a node's name, a literal, a
    /// list's head — after emitting the quads it carries. nil when RDF has no term for it.
    private mutating func term(for element: JSONObject, in graph: Graph) throws -> RDFTerm? {
        if element["@value"] != nil {
            var extra: [(RDFTerm, RDFTerm, RDFTerm)] = []
            let literal = try values.valueToRDF(element, listTriples: &extra, issuer: &issuer)
            for (s, p, o) in extra { emit(s, p, o, in: graph) }
            return literal
        }
        if let list = element["@list"] { return try listTerm(asArray(list), in: graph) }
        return try node(element, in: graph)
    }

    /// A node object: its types, properties, reverse properties, graph and included nodes.
    private mutating func node(_ element: JSONObject, in graph: Graph) throws -> RDFTerm? {
        let id: String
        switch element["@id"] {
        case .string(let given)?: id = label(given)
        case .null?: id = ""   // a keyword-like @id: not well-formed, so the node is dropped
        default: id = issuer.fresh()
        }
        let subject = RDFDeserializer.resource(id)
        if case .string(let index)? = element["@index"] {
            // Node map entries, and so their @index, are per graph.
            let key = graph.name + "\u{0}" + id
            if let existing = indexes[key], existing != index { throw JSONLDError(.conflictingIndexes, id) }
            indexes[key] = index
        }
        for (key, value) in element {
            switch key {
            case "@type":
                guard let subject else { continue }
                for case .string(let type) in asArray(value) {
                    if let object = RDFDeserializer.resource(label(type)) { emit(subject, RDFDeserializer.rdfType, object, in: graph) }
                }
            case "@reverse":
                guard case .object(let reverseMap) = value else { continue }
                for (property, reverseValues) in reverseMap {
                    let predicate = Self.predicate(property)
                    for case .object(let referencing) in asArray(reverseValues) {
                        // Only node objects can point back; the node map ignores anything else here.
                        guard referencing["@value"] == nil, referencing["@list"] == nil else { continue }
                        let object = try node(referencing, in: graph)
                        if let object, let predicate, let subject { emit(object, predicate, subject, in: graph) }
                    }
                }
            case "@graph":
                // Graphs do not nest in RDF: the members go to the graph this node names, wherever
                // the node itself is.
                let named = Graph(name: id, term: subject, emitted: subject != nil)
                for case .object(let member) in asArray(value) { try freeFloating(member, in: named) }
            case "@included":
                for case .object(let member) in asArray(value) { try freeFloating(member, in: graph) }
            default:
                if key.utf8.first == UInt8(ascii: "@"), JSONLDKeyword.isKeyword(key) { continue }
                let predicate = Self.predicate(label(key))
                for case .object(let member) in asArray(value) {
                    let object = try term(for: member, in: graph)
                    if let object, let predicate, let subject { emit(subject, predicate, object, in: graph) }
                }
            }
        }
        return subject
    }

    /// List Conversion: a fresh blank node per item, `rdf:nil` for the empty list.
    private mutating func listTerm(_ items: [JSONValue], in graph: Graph) throws -> RDFTerm {
        if items.isEmpty { return RDFDeserializer.rdfNil }
        let nodes = items.map { _ in RDFTerm.blank(String(issuer.fresh().utf8.dropFirst(2))!) }
        for (offset, item) in items.enumerated() {
            if case .object(let member) = item, let object = try term(for: member, in: graph) {
                emit(nodes[offset], RDFDeserializer.rdfFirst, object, in: graph)
            }
            emit(nodes[offset], RDFDeserializer.rdfRest, offset + 1 < nodes.count ? nodes[offset + 1] : RDFDeserializer.rdfNil, in: graph)
        }
        return nodes[0]
    }

    /// A property IRI as a predicate: blank node predicates are generalized RDF, dropped here.
    private static func predicate(_ property: String) -> RDFTerm? {
        if IRI.isBlankNode(property) { return nil }
        return IRI.isWellFormedAbsolute(property) ? .iri(property) : nil
    }

    private mutating func label(_ id: String) -> String {
        IRI.isBlankNode(id) ? issuer.relabel(id) : id
    }

    private mutating func emit(_ s: RDFTerm, _ p: RDFTerm, _ o: RDFTerm, in graph: Graph) {
        guard graph.emitted else { return }
        quads.append(Quad(s, p, o, graph: graph.term))
    }
}
