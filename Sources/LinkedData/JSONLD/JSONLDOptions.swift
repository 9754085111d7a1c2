/// `processingMode` of the JSON-LD API.
public enum JSONLDProcessingMode: String, Sendable, Hashable {
    case jsonLD10 = "json-ld-1.0"
    case jsonLD11 = "json-ld-1.1"
}

/// How toRdf represents `@direction` (JSON-LD 1.1 API `rdfDirection`); nil drops the direction.
public enum JSONLDRDFDirection: String, Sendable, Hashable {
    /// Datatype `https://www.w3.org/ns/i18n#{language}_{direction}`.
    case i18nDatatype = "i18n-datatype"
    /// A blank node with rdf:value, rdf:language and rdf:direction.
    case compoundLiteral = "compound-literal"
}

/// The JsonLdOptions this processor honours.
public struct JSONLDOptions: Sendable {
    public var processingMode: JSONLDProcessingMode
    /// Base IRI of the document; overrides the `base` argument of `expand`/`toRDF` when set.
    public var base: String?
    /// A context applied before the document's own (`expandContext`): a context value, or an object
    /// with an `@context` entry.
    public var expandContext: JSONValue?
    public var rdfDirection: JSONLDRDFDirection?
    /// Keep triples whose predicate is a blank node (generalized RDF). Off by default.
    public var produceGeneralizedRdf: Bool
    /// Fail with `droppedProperty` instead of dropping a key that expands to no absolute IRI or
    /// keyword (jsonld.js calls this safe mode). Signing and verifying need it: a dropped property is
    /// in the JSON a person reads but not in the RDF the signature covers. `encodedDataset(expanded:)`
    /// then also fails with `droppedValue` on an `@id`, `@type` or property IRI toRdf would drop.
    public var safeMode: Bool

    public init(
        processingMode: JSONLDProcessingMode = .jsonLD11,
        base: String? = nil,
        expandContext: JSONValue? = nil,
        rdfDirection: JSONLDRDFDirection? = nil,
        produceGeneralizedRdf: Bool = false,
        safeMode: Bool = false
    ) {
        self.processingMode = processingMode
        self.base = base
        self.expandContext = expandContext
        self.rdfDirection = rdfDirection
        self.produceGeneralizedRdf = produceGeneralizedRdf
        self.safeMode = safeMode
    }
}
