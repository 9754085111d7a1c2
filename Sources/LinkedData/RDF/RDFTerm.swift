/// RDF 1.1 terms, quads and datasets as JSON-LD toRdf produces them and RDFC-1.0 consumes them.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node label without the `_:` prefix.
    case blank(String)
    case literal(RDFLiteral)
}

public struct RDFLiteral: Sendable, Hashable {
    public static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    public static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

    public var lexical: String
    /// Datatype IRI; `xsd:string` for simple literals, `rdf:langString` when `language` is set
    /// (or the i18n datatype that JSON-LD's `rdfDirection: i18n-datatype` produces).
    public var datatype: String
    /// BCP47 language tag, as written (RDFC-1.0 keeps its case).
    public var language: String?

    public init(_ lexical: String, datatype: String = RDFLiteral.xsdString, language: String? = nil) {
        self.lexical = lexical
        self.language = language
        self.datatype = language == nil ? datatype : RDFLiteral.rdfLangString
    }
}

/// One statement; `graph == nil` is the default graph.
public struct Quad: Sendable, Hashable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}
