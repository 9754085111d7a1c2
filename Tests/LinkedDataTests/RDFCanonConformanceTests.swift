import Foundation
import Testing
@testable import LinkedData

/// The W3C RDFC-1.0 test suite (rdf-canon/manifest.jsonld), every entry reported by its id.
struct RDFCanonManifest {
    enum Kind: String, Sendable {
        case eval = "rdfc:RDFC10EvalTest"
        case map = "rdfc:RDFC10MapTest"
        case negative = "rdfc:RDFC10NegativeEvalTest"
    }

    struct Entry: Sendable, CustomTestStringConvertible {
        let id: String
        let kind: Kind
        let name: String
        let action: String
        let result: String?
        let hashAlgorithm: RDFCanonicalizer.HashAlgorithm
        var testDescription: String { "\(id) \(name)" }
    }

    static let folder = "rdf-canon/"

    /// Read with our own JSON parser (the manifest is plain JSON with a context we do not need).
    static func load() throws -> [Entry] {
        let manifest = try JSONParser().parse(ConformanceData.bytes(folder + "manifest.jsonld"))
        guard let entries = manifest["entries"]?.arrayValue else { throw ManifestError.malformed("entries") }
        return try entries.map { entry in
            guard let id = entry["id"]?.stringValue, let type = entry["type"]?.stringValue,
                  let kind = Kind(rawValue: type), let action = entry["action"]?.stringValue
            else { throw ManifestError.malformed("\(entry)") }
            let algorithm: RDFCanonicalizer.HashAlgorithm
            switch entry["hashAlgorithm"]?.stringValue {
            case nil, "SHA256": algorithm = .sha256
            case "SHA384": algorithm = .sha384
            case let other?: throw ManifestError.malformed("hashAlgorithm \(other)")
            }
            return Entry(id: id, kind: kind, name: entry["name"]?.stringValue ?? "", action: action,
                         result: entry["result"]?.stringValue, hashAlgorithm: algorithm)
        }
    }

    enum ManifestError: Error { case malformed(String) }
}

@Suite("RDFC-1.0 conformance (W3C rdf-canon)")
struct RDFCanonConformanceTests {
    @Test("manifest has all 86 entries")
    func manifestSize() throws {
        let entries = try RDFCanonManifest.load()
        #expect(entries.count == 86)
        #expect(entries.filter { $0.kind == .eval }.count == 64)
        #expect(entries.filter { $0.kind == .map }.count == 21)
        #expect(entries.filter { $0.kind == .negative }.count == 1)
    }

    @Test(arguments: try RDFCanonManifest.load())
    func entry(_ test: RDFCanonManifest.Entry) throws {
        let input = try NQuads.parse(ConformanceData.text(RDFCanonManifest.folder + test.action))
        let canonicalizer = RDFCanonicalizer(hashAlgorithm: test.hashAlgorithm)
        switch test.kind {
        case .eval:
            let expected = try ConformanceData.text(RDFCanonManifest.folder + test.result!)
            let output = try canonicalizer.canonicalize(input)
            #expect(output.nquads == expected, "\(test.id)")
            // The relabelled quads serialise to the same text.
            #expect(NQuads.serialize(output.quads) == output.nquads, "\(test.id)")
        case .map:
            let expectedJSON = try JSONParser().parse(ConformanceData.bytes(RDFCanonManifest.folder + test.result!))
            var expected: [String: String] = [:]
            for (key, value) in expectedJSON.objectValue! { expected[key] = value.stringValue }
            let output = try canonicalizer.canonicalize(input)
            #expect(output.issuedIdentifiers == expected, "\(test.id)")
        case .negative:
            // The work bound makes poison graphs fail with an error; how fast is a benchmark
            // question (wall time on a shared 2-core machine is no test oracle).
            #expect(throws: CanonicalizationError.self, "\(test.id)") { try canonicalizer.canonicalize(input) }
        }
    }
}
