import Foundation
import Testing
@testable import LinkedData

/// Serves the JSON-LD test suite's documents, https://w3c.github.io/json-ld-api/tests/… , from the
/// copied files under ../shared/conformance/jsonld-toRdf (no network). Anything else fails as
/// "loading document failed".
final class JSONLDTestSuiteLoader: DocumentLoader {
    static let prefix = "https://w3c.github.io/json-ld-api/tests/"
    static let shared = JSONLDTestSuiteLoader()

    let contextCache: JSONLDContextCache? = JSONLDContextCache()
    private let folder = ConformanceData.url("jsonld-toRdf")

    func loadDocument(_ url: String) throws -> RemoteDocument {
        guard url.hasPrefix(Self.prefix) else { throw JSONLDError.loadingDocumentFailed(url) }
        let relative = String(url.dropFirst(Self.prefix.count))
        let file = folder.appendingPathComponent(relative)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw JSONLDError.loadingDocumentFailed(url, reason: "no such file in the test suite copy")
        }
        do {
            return RemoteDocument(documentURL: url, document: try JSONParser().parse(text))
        } catch {
            throw JSONLDError.loadingDocumentFailed(url, reason: "not JSON: \(error)")
        }
    }
}

/// RDF dataset comparison for tests: equal as sets of quads when neither side has blank nodes,
/// otherwise equal after RDFC-1.0 canonicalisation of both (isomorphism).
enum DatasetComparison {
    static func hasBlankNodes(_ quads: [Quad]) -> Bool {
        quads.contains { q in
            [q.subject, q.predicate, q.object, q.graph].contains { if case .blank? = $0 { true } else { false } }
        }
    }

    static func isomorphic(_ a: [Quad], _ b: [Quad]) throws -> Bool {
        let setA = Set(a), setB = Set(b)
        if !hasBlankNodes(a), !hasBlankNodes(b) { return setA == setB }
        if setA.count != setB.count { return false }
        if hasBlankPredicates(a) || hasBlankPredicates(b) { return bruteForceIsomorphic(Array(setA), setB) }
        let canonicalA = try RDFCanonicalizer().canonicalize(Array(setA)).nquads
        let canonicalB = try RDFCanonicalizer().canonicalize(Array(setB)).nquads
        return canonicalA == canonicalB
    }
}

extension DatasetComparison {
    static let blankPredicatePrefix = "urn:x-test-blank-predicate:"

    static func hasBlankPredicates(_ quads: [Quad]) -> Bool {
        quads.contains { if case .blank = $0.predicate { true } else { false } }
    }

    /// Parses N-Quads that may use blank nodes as predicates (generalized RDF, which strict N-Quads
    /// refuses): such predicates are read as marker IRIs and turned back into blank nodes.
    static func parseGeneralized(_ text: String) throws -> [Quad] {
        let rewritten = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].hasPrefix("_:") else { return String(line) }
            return "\(parts[0]) <\(blankPredicatePrefix)\(parts[1].dropFirst(2))> \(parts[2])"
        }.joined(separator: "\n")
        return try NQuads.parse(rewritten).map { quad in
            var quad = quad
            if case .iri(let iri) = quad.predicate, iri.hasPrefix(blankPredicatePrefix) {
                quad.predicate = .blank(String(iri.dropFirst(blankPredicatePrefix.count)))
            }
            return quad
        }
    }

    /// Isomorphism by trying every bijection of blank node labels; only for the few small
    /// generalized-RDF datasets of the suite (RDFC-1.0 does not define blank predicates).
    static func bruteForceIsomorphic(_ a: [Quad], _ b: Set<Quad>) -> Bool {
        func labels(_ quads: some Sequence<Quad>) -> [String] {
            var seen: [String] = []
            for q in quads {
                for term in [q.subject, q.predicate, q.object, q.graph] {
                    if case .blank(let label)? = term, !seen.contains(label) { seen.append(label) }
                }
            }
            return seen
        }
        let labelsA = labels(a), labelsB = labels(b)
        guard labelsA.count == labelsB.count, labelsA.count <= 8 else { return false }
        func rename(_ term: RDFTerm, _ map: [String: String]) -> RDFTerm {
            if case .blank(let label) = term { return .blank(map[label] ?? label) }
            return term
        }
        var used = Set<String>()
        var mapping: [String: String] = [:]
        func search(_ index: Int) -> Bool {
            if index == labelsA.count {
                let renamed = Set(a.map { q in
                    Quad(rename(q.subject, mapping), rename(q.predicate, mapping), rename(q.object, mapping),
                         graph: q.graph.map { rename($0, mapping) })
                })
                return renamed == b
            }
            for candidate in labelsB where !used.contains(candidate) {
                used.insert(candidate); mapping[labelsA[index]] = candidate
                if search(index + 1) { return true }
                used.remove(candidate); mapping[labelsA[index]] = nil
            }
            return false
        }
        return search(0)
    }
}
