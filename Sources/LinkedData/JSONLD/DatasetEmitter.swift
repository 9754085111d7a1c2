/// toRdf for consumers that need the dataset only as a set — RDFC-1.0 above all — straight from
/// the expanded form into the canonicaliser's encoded form, without building the node map.
///
/// The node map exists to merge every description of a node into one entry and to give the
/// spec's output order. A canonicaliser needs neither: the quads a node contributes are the same
/// wherever its description appears, duplicates fall away because a dataset is a set, and blank
/// node labels are replaced by canonical ones. So this walks the expanded form once and writes each
/// quad where the node map would have recorded it: IRIs and literals as their N-Quads bytes, blank
/// nodes as integers (no `Quad` values, no label strings). Everything else follows the node map and
/// Deserialize JSON-LD to RDF exactly: blank node identifiers relabelled consistently, nodes and
/// graphs without a well-formed name dropped (their embedded nodes still emitted), blank node
/// predicates dropped, conflicting `@index` values of one node an error, lists as fresh
/// `rdf:first`/`rdf:rest` chains. The conformance tests hold it to the node-map path: the same
/// dataset on every toRdf test.
struct DatasetEmitter {
    typealias Slot = EncodedDataset.Slot

    private(set) var dataset = EncodedDataset()
    /// The document's own blank node identifiers → their nodes.
    private var documentBlanks: [String: Int] = [:]
    /// `@index` per node, only for the conflicting-indexes check.
    private var indexes: [String: String] = [:]   // key: graph name, NUL, node id
    /// Predicates and types already written: a credential repeats a few dozen of them hundreds of
    /// times, and a hash lookup is cheaper than checking and escaping the IRI again. Equal slots
    /// also make the canonicaliser's byte comparisons shorter (same range, no memcmp needed).
    private var vocabularySlots = ByteStringMap<Slot>(minimumCapacity: 64)
    private let values: RDFDeserializer
    /// Fail (`droppedValue`) instead of dropping a node, type or predicate without a well-formed
    /// name: what toRdf drops, a signature over the dataset does not cover.
    private let safeMode: Bool
    private let rdfType: Slot, rdfFirst: Slot, rdfRest: Slot, rdfNil: Slot

    /// Where quads of the element being walked go: the node map's graph name, and its slot (nil
    /// for the default graph). A named graph whose name is not well-formed is `emitted: false`:
    /// its quads are dropped, its content is still checked.
    private struct Graph {
        let name: String
        let slot: Slot?
        let emitted: Bool
        static let defaultGraph = Graph(name: "@default", slot: nil, emitted: true)
    }

    init(rdfDirection: JSONLDRDFDirection?, safeMode: Bool = false) {
        self.safeMode = safeMode
        values = RDFDeserializer(rdfDirection: rdfDirection, produceGeneralizedRdf: false)
        rdfType = dataset.writeIRI(RDFDeserializer.rdf + "type")
        rdfFirst = dataset.writeIRI(RDFDeserializer.rdf + "first")
        rdfRest = dataset.writeIRI(RDFDeserializer.rdf + "rest")
        rdfNil = dataset.writeIRI(RDFDeserializer.rdf + "nil")
    }

    /// Emits the dataset of an expanded document (the top-level array `expand` returns).
    mutating func emit(expanded: JSONValue) throws {
        dataset.quads.reserveCapacity(64)
        dataset.arena.reserveCapacity(8192)
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

    /// The slot `element` stands for where it is a property value — a node's name, a literal, a
    /// list's head — after emitting the quads it carries. nil when RDF has no term for it.
    private mutating func term(for element: JSONObject, in graph: Graph) throws -> Slot? {
        if element["@value"] != nil { return try literal(element, in: graph) }
        if let list = element["@list"] { return try listTerm(asArray(list), in: graph) }
        return try node(element, in: graph)
    }

    /// A value object: Object to RDF, shared with the node-map path. Its blank nodes (only the
    /// compound-literal form of `rdfDirection` makes any) are minted here.
    private mutating func literal(_ element: JSONObject, in graph: Graph) throws -> Slot? {
        var extra: [(RDFTerm, RDFTerm, RDFTerm)] = []
        var issuer = BlankNodeIssuer()
        guard let term = try values.valueToRDF(element, listTriples: &extra, issuer: &issuer) else { return nil }
        if case .literal = term, extra.isEmpty { return dataset.write(term) }
        var minted: [String: Slot] = [:]
        func slot(_ term: RDFTerm) -> Slot {
            guard case .blank(let label) = term else { return dataset.write(term) }
            if let known = minted[label] { return known }
            let fresh = dataset.freshBlank()
            minted[label] = fresh
            return fresh
        }
        let result = slot(term)
        for (s, p, o) in extra { emit(slot(s), slot(p), slot(o), in: graph) }
        return result
    }

    /// A node object: its types, properties, reverse properties, graph and included nodes.
    private mutating func node(_ element: JSONObject, in graph: Graph) throws -> Slot? {
        let id: String?
        let subject: Slot?
        switch element["@id"] {
        case .string(let given)?:
            if IRI.isBlankNode(given) {
                subject = blank(given)
                id = given
            } else {
                subject = IRI.isWellFormedAbsolute(given) ? dataset.writeIRI(given) : nil
                if subject == nil, safeMode { throw JSONLDError(.droppedValue, "id \"\(given)\"") }
                id = given
            }
        case .null?:
            // A keyword-like @id: not well-formed, so the node is dropped.
            if safeMode { throw JSONLDError(.droppedValue, "id (keyword-like)") }
            id = ""; subject = nil
        default:
            id = nil; subject = dataset.freshBlank()
        }
        if case .string(let index)? = element["@index"] {
            // Node map entries, and so their @index, are per graph; a node without @id is new.
            if let id {
                let key = graph.name + "\u{0}" + id
                if let existing = indexes[key], existing != index { throw JSONLDError(.conflictingIndexes, id) }
                indexes[key] = index
            }
        }
        for (key, value) in element {
            // Most keys are property IRIs: one byte tells them from the keywords below.
            switch key.startsWithAt ? key : "" {
            case "@type":
                guard let subject else { continue }
                for case .string(let type) in asArray(value) {
                    if let object = self.type(type) {
                        emit(subject, rdfType, object, in: graph)
                    } else if safeMode {
                        throw JSONLDError(.droppedValue, "type \"\(type)\"")
                    }
                }
            case "@reverse":
                guard case .object(let reverseMap) = value else { continue }
                for (property, reverseValues) in reverseMap {
                    let predicate = self.predicate(property)
                    if predicate == nil, safeMode { throw JSONLDError(.droppedValue, "property \"\(property)\"") }
                    for case .object(let referencing) in asArray(reverseValues) {
                        // Only node objects can point back; the node map ignores anything else here.
                        guard referencing["@value"] == nil, referencing["@list"] == nil else { continue }
                        let object = try node(referencing, in: graph)
                        if let object, let predicate, let subject { emit(object, predicate, subject, in: graph) }
                    }
                }
            case "@graph":
                // Graphs do not nest in RDF: the members go to the graph this node names, wherever
                // the node itself is. Blank graph names are keyed by node, as the node map relabels.
                let name = subject.map { if case .blank(let b) = $0 { "_:\(b)" } else { id ?? "" } } ?? (id ?? "")
                let named = Graph(name: name, slot: subject, emitted: subject != nil)
                for case .object(let member) in asArray(value) { try freeFloating(member, in: named) }
            case "@included":
                for case .object(let member) in asArray(value) { try freeFloating(member, in: graph) }
            default:
                if key.startsWithAt, JSONLDKeyword.isKeyword(key) { continue }
                let predicate = self.predicate(key)
                if predicate == nil, safeMode { throw JSONLDError(.droppedValue, "property \"\(key)\"") }
                for case .object(let member) in asArray(value) {
                    let object = try term(for: member, in: graph)
                    if let object, let predicate, let subject { emit(subject, predicate, object, in: graph) }
                }
            }
        }
        return subject
    }

    /// List Conversion: a fresh blank node per item, `rdf:nil` for the empty list.
    private mutating func listTerm(_ items: [JSONValue], in graph: Graph) throws -> Slot {
        if items.isEmpty { return rdfNil }
        var nodes: [Slot] = []
        nodes.reserveCapacity(items.count)
        for _ in items { nodes.append(dataset.freshBlank()) }
        for (offset, item) in items.enumerated() {
            if case .object(let member) = item, let object = try term(for: member, in: graph) {
                emit(nodes[offset], rdfFirst, object, in: graph)
            }
            emit(nodes[offset], rdfRest, offset + 1 < nodes.count ? nodes[offset + 1] : rdfNil, in: graph)
        }
        return nodes[0]
    }

    /// A property IRI as a predicate: blank node predicates are generalized RDF, dropped here.
    private mutating func predicate(_ property: String) -> Slot? {
        if let known = vocabularySlots[property] { return known }
        if IRI.isBlankNode(property) || !IRI.isWellFormedAbsolute(property) { return nil }
        let slot = dataset.writeIRI(property)
        vocabularySlots.set(property, slot)
        return slot
    }

    /// A `@type` value as an object: like `resource`, with IRIs remembered as predicates are.
    private mutating func type(_ type: String) -> Slot? {
        if let known = vocabularySlots[type] { return known }
        if IRI.isBlankNode(type) { return blank(type) }
        guard IRI.isWellFormedAbsolute(type) else { return nil }
        let slot = dataset.writeIRI(type)
        vocabularySlots.set(type, slot)
        return slot
    }

    private mutating func blank(_ label: String) -> Slot {
        if let known = documentBlanks[label] { return .blank(known) }
        let fresh = dataset.freshBlank()
        if case .blank(let b) = fresh { documentBlanks[label] = b }
        return fresh
    }

    private mutating func emit(_ s: Slot, _ p: Slot, _ o: Slot, in graph: Graph) {
        guard graph.emitted else { return }
        dataset.quads.append(EncodedDataset.EncodedQuad(subject: s, predicate: p, object: o, graph: graph.slot))
    }
}
