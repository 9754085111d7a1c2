import Foundation
import Testing
@testable import LinkedData

/// JSON-LD over real credentials with the bundled, offline loader.
@Suite("JSON-LD on credentials (bundled contexts)")
struct JSONLDCredentialTests {
    static let ob3Samples = ["simple.json", "complete.json", "endorsement-valid.json", "simple-did-key-method.json"]

    @Test("OB 3.0 samples expand with the bundled loader", arguments: ob3Samples)
    func ob3SampleExpands(_ file: String) throws {
        let document = try ConformanceData.json("ob3-examples/validator-ob30/\(file)")
        let expanded = try JSONLDProcessor().expand(document)
        guard case .array(let nodes) = expanded, case .object(let credential)? = nodes.first else {
            Issue.record("\(file): expansion is not an array of nodes"); return
        }
        let types = credential["@type"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(types.contains("https://www.w3.org/2018/credentials#VerifiableCredential"), "\(file): \(types)")
        let quads = try JSONLDProcessor().toRDF(document)
        #expect(!quads.isEmpty)
    }

    /// vc-di-eddsa eddsa-rdfc-2022 vectors: the canonical N-Quads of the document and of the proof
    /// configuration match the published files byte for byte.
    @Test("vc-di-eddsa canonical N-Quads", arguments: [
        ("unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt"),
        ("eddsa-rdfc-2022/proofConfigDataInt.json", "eddsa-rdfc-2022/proofCanonDataInt.txt"),
        ("eddsa-rdfc-2022/employ/signedDataInt.json", "eddsa-rdfc-2022/employ/canonDocDataInt.txt"),
        ("eddsa-rdfc-2022/employ/proofConfigDataInt.json", "eddsa-rdfc-2022/employ/proofCanonDataInt.txt"),
    ])
    func eddsaCanonicalForm(_ input: String, _ expected: String) throws {
        let folder = "vc-di-eddsa/TestVectors"
        var document = try ConformanceData.json("\(folder)/\(input)")
        if case .object(var object) = document, object["proof"] != nil {
            object["proof"] = nil   // the signed document's data, without its proof
            document = .object(object)
        }
        let quads = try JSONLDProcessor().toRDF(document)
        let canonical = try RDFCanonicalizer().canonicalize(quads).nquads
        let published = try ConformanceData.text("\(folder)/\(expected)")
        #expect(canonical.trimmingCharacters(in: .newlines) == published.trimmingCharacters(in: .newlines))
    }

    @Test("the bundled loader refuses unknown URLs, naming them")
    func refusesUnknownURL() {
        let url = "https://example.com/not-bundled.jsonld"
        #expect(throws: JSONLDError.self) { try BundledDocumentLoader.shared.loadDocument(url) }
        do {
            _ = try BundledDocumentLoader.shared.loadDocument(url)
        } catch let error as JSONLDError {
            #expect(error.code == .loadingDocumentFailed)
            #expect(error.description.contains(url))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let document = JSONValue.object(JSONObject([("@context", .string(url)), ("@id", .string("urn:x"))]))
        do {
            _ = try JSONLDProcessor().expand(document)
            Issue.record("expansion with an unknown remote context must fail")
        } catch let error as JSONLDError {
            #expect(error.code == .loadingRemoteContextFailed)
            #expect(error.description.contains(url))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("every bundled context loads and parses")
    func bundledContextsLoad() throws {
        for url in BundledDocumentLoader.bundledFiles.keys {
            let document = try BundledDocumentLoader.shared.loadDocument(url)
            #expect(document.document["@context"] != nil, "\(url)")
        }
    }

    @Test("OB 3.0.3 is served from the newer validator superset (has endorsementJwt)")
    func ob303Superset() throws {
        let document = try BundledDocumentLoader.shared.loadDocument("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
        let serialized = JSONSerializer.serialize(document.document)
        #expect(serialized.contains("endorsementJwt"))
    }

    @Test("extra documents registered at init are served, ahead of the bundled ones")
    func extraDocuments() throws {
        let url = "https://empass.example/contexts/v1"
        let loader = BundledDocumentLoader(extraDocuments: [
            url: .text(#"{"@context": {"skill": "https://empass.example/vocab#skill"}}"#),
        ])
        let document = JSONValue.object(JSONObject([
            ("@context", .array([.string("https://www.w3.org/ns/credentials/v2"), .string(url)])),
            ("id", .string("urn:uuid:1")), ("skill", .string("teamwork")),
        ]))
        let quads = try JSONLDProcessor(loader: loader).toRDF(document)
        #expect(quads.contains(Quad(.iri("urn:uuid:1"), .iri("https://empass.example/vocab#skill"),
                                    .literal(RDFLiteral("teamwork")))))
    }

    @Test("a composed loader serves from each of its loaders")
    func composedLoader() throws {
        let extra = StaticDocumentLoader(["https://a.example/ctx": .text(#"{"@context": {"a": "https://a.example/#a"}}"#)])
        let loader = ComposedDocumentLoader([BundledDocumentLoader.shared, extra])
        _ = try loader.loadDocument("https://www.w3.org/ns/credentials/v2")
        _ = try loader.loadDocument("https://a.example/ctx")
        #expect(throws: JSONLDError.self) { try loader.loadDocument("https://b.example/ctx") }
    }

    @Test("processed contexts are cached and reused across documents")
    func processedContextCache() throws {
        let loader = BundledDocumentLoader()
        let processor = JSONLDProcessor(loader: loader)
        let document = try ConformanceData.json("ob3-examples/validator-ob30/complete.json")
        let first = try processor.toRDF(document)
        let cachedAfterFirst = loader.contextCache?.count ?? 0
        #expect(cachedAfterFirst > 0)
        let second = try processor.toRDF(document)
        #expect(loader.contextCache?.count == cachedAfterFirst, "a second run must not process contexts again")
        #expect(first == second)
    }
}
