/// A JSON-LD 1.1 processor: expansion and Deserialize JSON-LD to RDF (toRdf).
///
/// Contexts come from the injected `DocumentLoader` (the bundled offline contexts by default);
/// processed contexts are cached in the loader's `contextCache`, so verifying many credentials that
/// use the same `@context` processes each context once per process.
public struct JSONLDProcessor: Sendable {
    public let loader: any DocumentLoader
    public let options: JSONLDOptions

    public init(loader: any DocumentLoader = BundledDocumentLoader.shared, options: JSONLDOptions = .init()) {
        self.loader = loader
        self.options = options
    }

    /// The expanded form of `input` (always an array). `base` is the document's URL, used for
    /// relative IRIs; `options.base`, when set, wins.
    public func expand(_ input: JSONValue, base: String? = nil) throws -> JSONValue {
        let baseIRI = options.base ?? base
        let contexts = ContextProcessor(loader: loader, processingMode: options.processingMode)
        var active = loader.contextCache?.initialContext(base: baseIRI, processingMode: options.processingMode)
            ?? ActiveContext(ContextState(baseIRI: baseIRI, originalBaseURL: baseIRI))
        if let expandContext = options.expandContext {
            let local = expandContext["@context"] ?? expandContext
            active = try contexts.process(active, local: local, baseURL: baseIRI)
        }
        let expanded = try Expander(contexts: contexts, safeMode: options.safeMode).expand(active, property: nil, element: input, baseURL: baseIRI)
        switch expanded {
        case .object(let object) where object.count == 1 && object["@graph"] != nil:
            return .array(asArray(object["@graph"]!))
        case .null:
            return .array([])
        case .array:
            return expanded
        default:
            return .array([expanded])
        }
    }

    /// The RDF dataset `input` denotes, as quads (blank nodes labelled `b0`, `b1`, ... in document
    /// order; feed them to RDFC-1.0 for a canonical form).
    public func toRDF(_ input: JSONValue, base: String? = nil) throws -> [Quad] {
        try toRDF(expanded: expand(input, base: base))
    }

    /// The RDF dataset of a document already in expanded form (the output of `expand`), so a
    /// caller that inspects the expanded form first (the signer's unsigned-content check) does not
    /// pay for a second expansion.
    public func toRDF(expanded: JSONValue) throws -> [Quad] {
        var nodeMap = NodeMap()
        var noList: [NodeMapItem]? = nil
        try nodeMap.add(expanded, graph: "@default", subject: .none, property: nil, list: &noList)
        let deserializer = RDFDeserializer(rdfDirection: options.rdfDirection,
                                           produceGeneralizedRdf: options.produceGeneralizedRdf)
        return try deserializer.quads(from: &nodeMap)
    }

    /// The same RDF dataset as `toRDF(expanded:)`, for consumers that treat it as a set (RDFC-1.0):
    /// written in one walk of the expanded form straight into the canonicaliser's encoded form,
    /// without the node map, so quads come in no particular order and may repeat. Generalized RDF
    /// is never produced here.
    public func encodedDataset(expanded: JSONValue) throws -> EncodedDataset {
        var emitter = DatasetEmitter(rdfDirection: options.rdfDirection, safeMode: options.safeMode)
        try emitter.emit(expanded: expanded)
        return emitter.dataset
    }

    /// `encodedDataset(expanded:)` as quads (blank nodes labelled `b0`, `b1`, …).
    public func datasetQuads(expanded: JSONValue) throws -> [Quad] {
        try encodedDataset(expanded: expanded).decodedQuads
    }
}
