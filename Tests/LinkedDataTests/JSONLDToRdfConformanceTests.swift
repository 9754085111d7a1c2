import Foundation
import Testing
@testable import LinkedData

/// One entry of the W3C JSON-LD 1.1 toRdf manifest (../shared/conformance/jsonld-toRdf).
struct ToRdfTestCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        case dataset(expectPath: String)
        case error(code: String)
        case noError
    }

    let id: String
    let name: String
    let inputPath: String
    let expectation: Expectation
    let options: [String: JSONValue]

    var testDescription: String { "\(id) \(name)" }

    /// Why the test is not run, or nil when it is.
    var exclusionReason: String? {
        if options["specVersion"] == .string("json-ld-1.0") {
            return "json-ld-1.0 only: tests 1.0 behaviour that JSON-LD 1.1 changed; a 1.1 processor skips it"
        }
        return nil
    }
}

enum ToRdfManifest {
    static let folder = "jsonld-toRdf"
    static let baseIRI = "https://w3c.github.io/json-ld-api/tests/"

    static func load() throws -> [ToRdfTestCase] {
        let manifest = try ConformanceData.json("\(folder)/toRdf-manifest.jsonld")
        guard case .array(let sequence)? = manifest["sequence"] else { return [] }
        return sequence.compactMap { entry -> ToRdfTestCase? in
            guard let id = entry["@id"]?.stringValue, let input = entry["input"]?.stringValue,
                  let types = entry["@type"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
            let expectation: ToRdfTestCase.Expectation
            if types.contains("jld:NegativeEvaluationTest") {
                expectation = .error(code: entry["expectErrorCode"]?.stringValue ?? "")
            } else if types.contains("jld:PositiveSyntaxTest") {
                expectation = .noError
            } else {
                expectation = .dataset(expectPath: entry["expect"]?.stringValue ?? "")
            }
            var options: [String: JSONValue] = [:]
            for (key, value) in entry["option"]?.objectValue ?? JSONObject() { options[key] = value }
            return ToRdfTestCase(id: id, name: entry["name"]?.stringValue ?? "", inputPath: input,
                                 expectation: expectation, options: options)
        }
    }

    static let all: [ToRdfTestCase] = (try? load()) ?? []
    static let runnable = all.filter { $0.exclusionReason == nil }
    static let excluded = all.filter { $0.exclusionReason != nil }

    /// The processor configured as the test's options say.
    static func processor(for test: ToRdfTestCase) throws -> JSONLDProcessor {
        var options = JSONLDOptions()
        if case .string(let mode)? = test.options["processingMode"] {
            options.processingMode = JSONLDProcessingMode(rawValue: mode) ?? .jsonLD11
        }
        if case .string(let base)? = test.options["base"] { options.base = base }
        if case .string(let path)? = test.options["expandContext"] {
            options.expandContext = try ConformanceData.json("\(folder)/\(path)")
        }
        if case .string(let direction)? = test.options["rdfDirection"] {
            options.rdfDirection = JSONLDRDFDirection(rawValue: direction)
        }
        if case .bool(let flag)? = test.options["produceGeneralizedRdf"] { options.produceGeneralizedRdf = flag }
        return JSONLDProcessor(loader: JSONLDTestSuiteLoader.shared, options: options)
    }
}

@Suite("JSON-LD 1.1 toRdf conformance (W3C json-ld-api tests)")
struct JSONLDToRdfConformanceTests {
    @Test("manifest loads with all 467 tests")
    func manifestLoads() {
        #expect(ToRdfManifest.all.count == 467)
    }

    @Test(arguments: ToRdfManifest.runnable)
    func toRdf(_ test: ToRdfTestCase) throws {
        let processor = try ToRdfManifest.processor(for: test)
        let inputURL = ToRdfManifest.baseIRI + test.inputPath
        let input = try JSONLDTestSuiteLoader.shared.loadDocument(inputURL).document
        switch test.expectation {
        case .dataset(let expectPath):
            let produced = try processor.toRDF(input, base: inputURL)
            let expected = try DatasetComparison.parseGeneralized(
                ConformanceData.text("\(ToRdfManifest.folder)/\(expectPath)"))
            let same = try DatasetComparison.isomorphic(produced, expected)
            #expect(same, "\(test.id): produced\n\(NQuads.serialize(produced))\nexpected\n\(NQuads.serialize(expected))")
        case .error(let code):
            do {
                let produced = try processor.toRDF(input, base: inputURL)
                Issue.record("\(test.id): expected error '\(code)', produced \(produced.count) quads")
            } catch let error as JSONLDError {
                #expect(error.code.rawValue == code, "\(test.id): \(error)")
            }
        case .noError:
            _ = try processor.toRDF(input, base: inputURL)
        }
    }

    /// Every test that is not run is listed, with its reason, in CONFORMANCE.md.
    @Test("every exclusion is documented in CONFORMANCE.md")
    func exclusionsDocumented() throws {
        let notes = try String(
            contentsOf: PackageRoot.url.appendingPathComponent("Sources/LinkedData/JSONLD/CONFORMANCE.md"),
            encoding: .utf8)
        for test in ToRdfManifest.excluded {
            #expect(notes.contains(test.id), "\(test.id) excluded (\(test.exclusionReason ?? "")) but not documented")
        }
    }
}

/// The package root (three levels up from this file), for files outside the conformance folder.
enum PackageRoot {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
