import Testing
@testable import LinkedData

@Suite("JSON serializer")
struct JSONSerializerTests {
    @Test func compactKeepsOrderAndNumberText() throws {
        let text = #"{"b":[1.0,-0,1e3,true,null],"a":{"x":"y"},"e":{},"f":[]}"#
        #expect(JSONSerializer.serialize(try JSONParser().parse(text)) == text)
    }

    @Test func escapesWhatJSONRequires() {
        let value = JSONValue.string("q\" b\\ /\u{08}\u{0C}\n\r\t\u{00}\u{1F}\u{7F}é😀")
        #expect(JSONSerializer.serialize(value) == "\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0000\\u001f\u{7F}é😀\"")
    }

    @Test func prettyFormat() throws {
        let value = try JSONParser().parse(#"{"a":[1,{"b":null}],"c":{},"d":[]}"#)
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null
                }
              ],
              "c": {},
              "d": []
            }
            """
        #expect(JSONSerializer.serialize(value, pretty: true) == expected)
    }

    @Test(arguments: 0..<200)
    func parseSerializeParseRoundTrip(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let value = randomJSON(&rng, depth: 0)
        for pretty in [false, true] {
            let text = JSONSerializer.serialize(value, pretty: pretty)
            let reparsed = try JSONParser().parse(text)
            #expect(reparsed == value, "seed \(seed)")
            #expect(JSONSerializer.serialize(reparsed, pretty: pretty) == text)
        }
    }

    @Test func conformanceFilesRoundTrip() throws {
        for file in ["ob3-examples/validator-ob30/complete.json", "ob3-examples/validator-ob30/simple.json",
                     "rdf-canon/manifest.jsonld", "jsonld-toRdf/toRdf-manifest.jsonld"] {
            let value = try JSONParser().parse(ConformanceData.bytes(file))
            #expect(try JSONParser().parse(JSONSerializer.serialize(value)) == value, "\(file)")
            #expect(try JSONParser().parse(JSONSerializer.serialize(value, pretty: true)) == value, "\(file)")
        }
    }
}

func randomNumberText(_ rng: inout SeededGenerator) -> String {
    let forms = ["0", "-0", "1", "-17", "3.25", "1e3", "1E-7", "-0.0001", "12345678901234567890", "2.5e+300"]
    if Bool.random(using: &rng) { return forms.randomElement(using: &rng)! }
    return String(Double.random(in: -1e6...1e6, using: &rng))
}

func randomJSON(_ rng: inout SeededGenerator, depth: Int) -> JSONValue {
    let choice = Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &rng)
    switch choice {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &rng))
    case 2: return .number(JSONNumber(text: randomNumberText(&rng)))
    case 3: return .string(randomString(&rng))
    case 4: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomJSON(&rng, depth: depth + 1) })
    default:
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            object[randomString(&rng, maxLength: 5)] = randomJSON(&rng, depth: depth + 1)
        }
        return .object(object)
    }
}
