import Testing
@testable import LinkedData

/// Safe mode for signing: `encodedDataset(expanded:)` fails on every identifier, type or property
/// toRdf would drop, and without safe mode drops them as the specification says.
@Suite struct SafeModeDatasetTests {
    static let context: JSONValue = .object(JSONObject([
        ("@vocab", .string("https://example.org/vocab#")),
        ("id", .string("@id")), ("type", .string("@type")),
    ]))

    static func document(_ entries: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject([("@context", context)] + entries))
    }

    static let dropped: [(String, JSONValue, String)] = [
        // Without @vocab a type is not made absolute (with it, every type is).
        ("a relative type", .object(JSONObject([("@id", .string("urn:x:1")), ("@type", .string("./Relative")),
                                                ("https://schema.org/name", .string("n"))])), "./Relative"),
        ("a relative id", document([("@id", .string("relative/1")), ("name", .string("n"))]), "relative/1"),
        ("an id that is no IRI", document([("id", .string("http://example.org/a b")), ("name", .string("n"))]), "a b"),
        ("a keyword-like id", document([("id", .string("@thing")), ("name", .string("n"))]), "keyword-like"),
        ("a nested node's relative id", document([("id", .string("urn:x:1")),
            ("knows", .object(JSONObject([("id", .string("../other")), ("name", .string("m"))])))]), "../other"),
    ]

    @Test(arguments: dropped.indices)
    func safeModeNamesWhatToRdfWouldDrop(_ k: Int) throws {
        let (what, input, named) = Self.dropped[k]
        let strict = JSONLDProcessor(options: JSONLDOptions(safeMode: true))
        let expanded = try strict.expand(input)
        #expect(throws: JSONLDError.self, "\(what)") { try strict.encodedDataset(expanded: expanded) }
        do { _ = try strict.encodedDataset(expanded: expanded) } catch let error as JSONLDError {
            #expect(error.code == .droppedValue)
            #expect(error.detail.contains(named), "\(what): \(error.detail)")
        }
        // Without safe mode the same input gives a dataset that leaves the value out.
        let lenient = JSONLDProcessor()
        let quads = try lenient.datasetQuads(expanded: lenient.expand(input))
        #expect(!quads.description.contains(named == "keyword-like" ? "@thing" : named))
    }

    @Test func safeModeKeepsWhatIsWellFormed() throws {
        let input = Self.document([("id", .string("urn:x:1")), ("type", .string("Person")),
                                   ("knows", .object(JSONObject([("name", .string("m"))])))])
        let strict = JSONLDProcessor(options: JSONLDOptions(safeMode: true))
        let dataset = try strict.encodedDataset(expanded: strict.expand(input))
        #expect(dataset.count == 3)
    }
}
