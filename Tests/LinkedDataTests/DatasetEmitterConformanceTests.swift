import Testing
@testable import LinkedData

/// The node-map-free toRdf path the canonicaliser uses (`datasetQuads(expanded:)`) held to the
/// same W3C toRdf suite: the same dataset as the expected output on every positive test, the same
/// error code on every negative one. Tests that ask for generalized RDF are the node-map path's
/// alone (the canonicaliser never produces it).
@Suite("JSON-LD toRdf conformance of the dataset emitter (canonicalisation path)")
struct DatasetEmitterConformanceTests {
    static let cases = ToRdfManifest.runnable.filter { $0.options["produceGeneralizedRdf"] != .bool(true) }

    @Test(arguments: cases)
    func emitter(_ test: ToRdfTestCase) throws {
        let processor = try ToRdfManifest.processor(for: test)
        let inputURL = ToRdfManifest.baseIRI + test.inputPath
        let input = try JSONLDTestSuiteLoader.shared.loadDocument(inputURL).document
        switch test.expectation {
        case .dataset(let expectPath):
            let produced = try processor.datasetQuads(expanded: processor.expand(input, base: inputURL))
            let expected = try DatasetComparison.parseGeneralized(
                ConformanceData.text("\(ToRdfManifest.folder)/\(expectPath)"))
            #expect(try DatasetComparison.isomorphic(produced, expected),
                    "\(test.id): produced\n\(NQuads.serialize(produced))\nexpected\n\(NQuads.serialize(expected))")
        case .error(let code):
            do {
                let produced = try processor.datasetQuads(expanded: processor.expand(input, base: inputURL))
                Issue.record("\(test.id): expected error '\(code)', produced \(produced.count) quads")
            } catch let error as JSONLDError {
                #expect(error.code.rawValue == code, "\(test.id): \(error)")
            }
        case .noError:
            _ = try processor.datasetQuads(expanded: processor.expand(input, base: inputURL))
        }
    }

    /// Both paths on one document: the canonical forms agree (labels and order do not matter to
    /// RDFC-1.0, so this is the property the canonicaliser relies on).
    @Test(arguments: cases.filter { if case .dataset = $0.expectation { true } else { false } })
    func sameCanonicalForm(_ test: ToRdfTestCase) throws {
        let processor = try ToRdfManifest.processor(for: test)
        let inputURL = ToRdfManifest.baseIRI + test.inputPath
        let expanded = try processor.expand(JSONLDTestSuiteLoader.shared.loadDocument(inputURL).document, base: inputURL)
        let viaNodeMap: String, viaEmitter: String
        do {
            viaNodeMap = try RDFCanonicalizer().canonicalize(processor.toRDF(expanded: expanded)).nquads
        } catch is CanonicalizationError {
            return   // a poison graph for RDFC; the dataset test above still holds the emitter to it
        }
        viaEmitter = try RDFCanonicalizer().canonicalize(processor.datasetQuads(expanded: expanded)).nquads
        #expect(viaNodeMap == viaEmitter, "\(test.id)")
    }
}
