#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1–8.4): node map → quads, with Object to RDF and
/// List Conversion. Ill-formed IRIs, relative IRIs and ill-formed language tags are dropped, as the
/// spec says, not reported as errors.
struct RDFDeserializer {
    var rdfDirection: JSONLDRDFDirection?
    var produceGeneralizedRdf: Bool

    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let rdfType = RDFTerm.iri(rdf + "type")
    static let rdfFirst = RDFTerm.iri(rdf + "first")
    static let rdfRest = RDFTerm.iri(rdf + "rest")
    static let rdfNil = RDFTerm.iri(rdf + "nil")
    static let rdfValue = RDFTerm.iri(rdf + "value")
    static let rdfLanguage = RDFTerm.iri(rdf + "language")
    static let rdfDirection = RDFTerm.iri(rdf + "direction")
    static let rdfJSON = rdf + "JSON"
    static let xsdBoolean = xsd + "boolean"
    static let xsdDouble = xsd + "double"
    static let xsdInteger = xsd + "integer"

    func quads(from nodeMap: inout NodeMap) throws -> [Quad] {
        var quads: [Quad] = []
        for graphName in nodeMap.graphOrder {
            guard let graph = nodeMap.existingGraph(graphName) else { continue }
            let graphTerm: RDFTerm?
            if graphName == "@default" {
                graphTerm = nil
            } else {
                guard let term = Self.resource(graphName) else { continue }
                graphTerm = term
            }
            for subject in graph.order {
                guard let node = graph.existing(subject), let subjectTerm = Self.resource(subject) else { continue }
                for type in node.types {
                    if let typeTerm = Self.resource(type) {
                        quads.append(Quad(subjectTerm, Self.rdfType, typeTerm, graph: graphTerm))
                    }
                }
                for property in node.propertyOrder {
                    if IRI.isBlankNode(property), !produceGeneralizedRdf { continue }
                    guard let predicate = Self.resource(property), let values = node.properties[property] else { continue }
                    for item in values {
                        var listTriples: [(RDFTerm, RDFTerm, RDFTerm)] = []
                        if let object = try objectToRDF(item, listTriples: &listTriples, issuer: &nodeMap.issuer) {
                            quads.append(Quad(subjectTerm, predicate, object, graph: graphTerm))
                        }
                        for (s, p, o) in listTriples { quads.append(Quad(s, p, o, graph: graphTerm)) }
                    }
                }
            }
        }
        return quads
    }

    /// An IRI or blank node term for a node map identifier, nil when it is not well-formed.
    static func resource(_ id: String) -> RDFTerm? {
        if IRI.isBlankNode(id) { return .blank(String(id.utf8.dropFirst(2))!) }
        return IRI.isWellFormedAbsolute(id) ? .iri(id) : nil
    }

    /// Object to RDF (§8.3).
    func objectToRDF(_ item: NodeMapItem, listTriples: inout [(RDFTerm, RDFTerm, RDFTerm)],
                     issuer: inout BlankNodeIssuer) throws -> RDFTerm? {
        switch item {
        case .node(let id):
            return Self.resource(id)
        case .list(let items):
            return try listToRDF(items, listTriples: &listTriples, issuer: &issuer)
        case .value(let object):
            return try valueToRDF(object, listTriples: &listTriples, issuer: &issuer)
        }
    }

    func valueToRDF(_ item: JSONObject, listTriples: inout [(RDFTerm, RDFTerm, RDFTerm)],
                            issuer: inout BlankNodeIssuer) throws -> RDFTerm? {
        // One pass over the (at most five) members instead of a lookup per key.
        var found: JSONValue? = nil, typeValue: JSONValue? = nil
        var languageValue: JSONValue? = nil, directionValue: JSONValue? = nil
        for (key, member) in item {
            switch key {
            case "@value": found = member
            case "@type": typeValue = member
            case "@language": languageValue = member
            case "@direction": directionValue = member
            default: break
            }
        }
        guard let value = found else { return nil }
        var datatype: String? = typeValue?.stringValue
        let isJSON = datatype?.isKeyword("@json") == true
        if let datatype, !isJSON, !IRI.isWellFormedAbsolute(datatype) { return nil }
        let language = languageValue?.stringValue
        if let language, !Self.isWellFormedLanguageTag(language) { return nil }
        var lexical: String
        if isJSON {
            lexical = try JSONLDCanonicalJSON.serialize(value)
            datatype = Self.rdfJSON
        } else {
            switch value {
            case .bool(let flag):
                lexical = flag ? "true" : "false"
                if datatype == nil { datatype = Self.xsdBoolean }
            case .number(let number):
                let double = number.doubleValue
                let integral = double.isFinite && double.rounded(.towardZero) == double && abs(double) < 1e21
                if !integral || datatype == Self.xsdDouble {
                    lexical = Self.canonicalDouble(double)
                    if datatype == nil { datatype = Self.xsdDouble }
                } else {
                    lexical = Self.canonicalInteger(number, double)
                    if datatype == nil { datatype = Self.xsdInteger }
                }
            case .string(let s):
                lexical = s
            default:
                return nil
            }
        }
        if let direction = directionValue?.stringValue, let rdfDirection {
            let lowered = language?.lowercased() ?? ""
            switch rdfDirection {
            case .i18nDatatype:
                return .literal(RDFLiteral(lexical, datatype: "https://www.w3.org/ns/i18n#\(lowered)_\(direction)"))
            case .compoundLiteral:
                let node = RDFTerm.blank(String(issuer.fresh().utf8.dropFirst(2))!)
                listTriples.append((node, Self.rdfValue, .literal(RDFLiteral(lexical))))
                if language != nil {
                    listTriples.append((node, Self.rdfLanguage, .literal(RDFLiteral(lowered))))
                }
                listTriples.append((node, Self.rdfDirection, .literal(RDFLiteral(direction))))
                return node
            }
        }
        if let language { return .literal(RDFLiteral(lexical, language: language)) }
        return .literal(RDFLiteral(lexical, datatype: datatype ?? RDFLiteral.xsdString))
    }

    /// List Conversion (§8.4).
    private func listToRDF(_ items: [NodeMapItem], listTriples: inout [(RDFTerm, RDFTerm, RDFTerm)],
                           issuer: inout BlankNodeIssuer) throws -> RDFTerm {
        if items.isEmpty { return Self.rdfNil }
        let nodes = items.map { _ in RDFTerm.blank(String(issuer.fresh().utf8.dropFirst(2))!) }
        for (offset, item) in items.enumerated() {
            let subject = nodes[offset]
            var embedded: [(RDFTerm, RDFTerm, RDFTerm)] = []
            if let object = try objectToRDF(item, listTriples: &embedded, issuer: &issuer) {
                listTriples.append((subject, Self.rdfFirst, object))
            }
            let rest = offset + 1 < nodes.count ? nodes[offset + 1] : Self.rdfNil
            listTriples.append((subject, Self.rdfRest, rest))
            listTriples.append(contentsOf: embedded)
        }
        return nodes[0]
    }

    /// BCP 47 shape as JSON-LD checks it: 1–8 letters, then `-` and 1–8 alphanumerics, repeated.
    static func isWellFormedLanguageTag(_ tag: String) -> Bool {
        var segmentLength = 0
        var first = true
        for byte in tag.utf8 {
            if byte == UInt8(ascii: "-") {
                if segmentLength == 0 { return false }
                segmentLength = 0
                first = false
                continue
            }
            let ok = first ? IRI.isAlpha(byte) : (IRI.isAlpha(byte) || IRI.isDigit(byte))
            guard ok else { return false }
            segmentLength += 1
            if segmentLength > 8 { return false }
        }
        return segmentLength > 0
    }

    /// Canonical xsd:integer text. Integer literals keep their exact digits (no precision lost past
    /// 2^53); other integral numbers (`1.0`, `1e3`) are printed from the double.
    static func canonicalInteger(_ number: JSONNumber, _ double: Double) -> String {
        if number.isIntegerLiteral {
            var text = Substring(number.text)
            var negative = false
            if text.utf8.first == UInt8(ascii: "-") { negative = true; text = text.dropFirst() }
            text = text.drop(while: { $0 == "0" })
            if text.isEmpty { return "0" }
            return negative ? "-" + text : String(text)
        }
        if double == 0 { return "0" }
        return cFormat("%.0f", double)
    }

    /// Canonical xsd:double as JSON-LD writes it: `d.dddE[-]x`, 16 significant digits, trailing
    /// zeros of the mantissa dropped (at least one fraction digit kept), no `+`, no exponent zeros.
    static func canonicalDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        let raw = cFormat("%1.15E", value)   // e.g. "1.100000000000000E+00"
        guard let e = raw.utf8.firstIndex(of: UInt8(ascii: "E")) else { return raw }
        var mantissa = Substring(raw[..<e])
        while mantissa.hasSuffix("0"), !mantissa.hasSuffix(".0") { mantissa = mantissa.dropLast() }
        var exponent = raw[raw.utf8.index(after: e)...]
        var sign = ""
        if exponent.hasPrefix("+") { exponent = exponent.dropFirst() }
        else if exponent.hasPrefix("-") { sign = "-"; exponent = exponent.dropFirst() }
        exponent = exponent.drop(while: { $0 == "0" })
        return "\(mantissa)E\(sign)\(exponent.isEmpty ? "0" : exponent)"
    }

    private static func cFormat(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        let length = max(0, min(Int(written), buffer.count - 1))
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
