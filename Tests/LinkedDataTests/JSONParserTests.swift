import Testing
@testable import LinkedData

@Suite("JSON parser")
struct JSONParserTests {
    let parser = JSONParser()

    func kind(_ text: String, limits: JSONParser.Limits = .default) -> JSONParseError.Kind? {
        do {
            _ = try JSONParser(limits: limits).parse(text)
            return nil
        } catch {
            return error.kind
        }
    }

    func kind(bytes: [UInt8]) -> JSONParseError.Kind? {
        do {
            _ = try parser.parse(bytes)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func scalarsAndExactNumberText() throws {
        #expect(try parser.parse("null") == .null)
        #expect(try parser.parse(" true ") == .bool(true))
        #expect(try parser.parse("false") == .bool(false))
        #expect(try parser.parse("\"x\"") == .string("x"))
        for text in ["0", "-0", "1.0", "1e3", "1E+3", "-12.50e-07", "123456789012345678901234567890"] {
            #expect(try parser.parse(text) == .number(JSONNumber(text: text)), "\(text)")
        }
    }

    @Test func keepsKeyOrder() throws {
        let value = try parser.parse(#"{"z":1,"a":{"y":[],"b":{}},"m":null}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m"])
        #expect(value["a"]?.objectValue.map { Array($0.keys) } == ["y", "b"])
    }

    @Test func unescapesStrings() throws {
        #expect(try parser.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try parser.parse(#""\u00e9\u20AC""#) == .string("é€"))
        #expect(try parser.parse(#""\uD83D\uDE00!""#) == .string("😀!"))
        #expect(try parser.parse("\"héllo 😀\"") == .string("héllo 😀"))
    }

    @Test(arguments: [
        "", " ", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "1e", "-", "NaN", "'a'", "[1 2]", "{\"a\" 1}",
        "{a:1}", "tru", "nul", "[", "{", "\"abc", "[1]]", "\u{FEFF}{}", "1 2", "\"\\x\"", "\"\\u12\"",
    ])
    func rejectsInvalidGrammar(_ text: String) {
        #expect(kind(text) != nil, "\(text.debugDescription) should be refused")
    }

    @Test func rejectsDuplicateKeysWithLocation() throws {
        do {
            _ = try parser.parse("{\n  \"a\": 1,\n  \"a\": 2\n}")
            Issue.record("duplicate accepted")
        } catch {
            #expect(error.kind == .duplicateKey("a"))
            #expect(error.location.line == 3)
            #expect(error.location.column == 3)
            #expect(error.location.byteOffset == 14)
            #expect(error.description.contains("line 3, column 3"))
        }
    }

    @Test func locationCountsScalarsNotBytes() {
        do {
            _ = try parser.parse("[\"é😀\", x]")
            Issue.record("accepted")
        } catch {
            #expect(error.location.line == 1)
            #expect(error.location.column == 8)  // x is the 8th scalar but the 12th byte
            #expect(error.location.byteOffset == 11)
        }
    }

    @Test func rejectsLoneSurrogates() {
        #expect(kind(#""\uD800""#) == .loneSurrogate(0xD800))
        #expect(kind(#""\uDC00""#) == .loneSurrogate(0xDC00))
        #expect(kind(#""\uD800\u0041""#) == .loneSurrogate(0xD800))
        #expect(kind(#""\uD800x""#) == .loneSurrogate(0xD800))
    }

    @Test func rejectsInvalidUTF8() {
        let q = UInt8(ascii: "\"")
        #expect(kind(bytes: [q, 0xFF, q]) == .invalidUTF8)
        #expect(kind(bytes: [q, 0xC0, 0xAF, q]) == .invalidUTF8)         // overlong '/'
        #expect(kind(bytes: [q, 0xED, 0xA0, 0x80, q]) == .invalidUTF8)   // UTF-8 encoded surrogate
        #expect(kind(bytes: [q, 0xE2, 0x82, q]) == .invalidUTF8)         // truncated
        #expect(kind(bytes: [q, 0x5C, 0x6E, 0xF5, 0x80, 0x80, 0x80, q]) == .invalidUTF8)  // after an escape
        #expect(kind(bytes: [q, 0xE2, 0x82, 0xAC, q]) == nil)            // '€'
    }

    @Test func rejectsControlCharactersInStrings() {
        #expect(kind("\"a\nb\"") == .controlCharacterInString(0x0A))
        #expect(kind("\"\u{01}\"") == .controlCharacterInString(0x01))
    }

    /// The string scanner reads eight bytes at a time: every special byte must still be seen
    /// wherever it falls in a word, and strings must survive a serialise/parse round trip.
    @Test func stringsRoundTripWhateverTheOffsetOfSpecialBytes() throws {
        var generator = SeededGenerator(seed: 0x5EED_0F57)
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}",
                                     "é", "€", "😀", "<", ":", "#"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let serialized = JSONSerializer.serialize(.array([.string(text), .string(text + text)]))
            #expect(try parser.parse(serialized) == .array([.string(text), .string(text + text)]))
        }
        // A raw control character or an unescaped quote at every offset of a long string.
        for offset in 0..<24 {
            var raw = Array(String(repeating: "x", count: 24).utf8)
            raw[offset] = 0x0A
            #expect(kind(bytes: [0x22] + raw + [0x22]) == .controlCharacterInString(0x0A), "offset \(offset)")
            raw[offset] = 0x22
            #expect(kind(bytes: [0x5B, 0x22] + raw + [0x22, 0x5D]) != nil, "offset \(offset)")
        }
    }

    @Test func enforcesLimits() {
        var limits = JSONParser.Limits.default
        limits.maxDepth = 3
        #expect(kind("[[[1]]]", limits: limits) == nil)
        #expect(kind("[[[[1]]]]", limits: limits) == .nestingTooDeep(limit: 3))
        limits = .default
        limits.maxBytes = 10
        #expect(kind("[1,2,3,4,5]", limits: limits) == .documentTooLarge(limit: 10))
        limits = .default
        limits.maxStringLength = 3
        #expect(kind(#"["abc"]"#, limits: limits) == nil)
        #expect(kind(#"["abcd"]"#, limits: limits) == .stringTooLong(limit: 3))
        #expect(kind(#"{"abcd":1}"#, limits: limits) == .stringTooLong(limit: 3))
        limits = .default
        limits.maxMembers = 2
        #expect(kind("[1,2]", limits: limits) == nil)
        #expect(kind("[1,2,3]", limits: limits) == .tooManyMembers(limit: 2))
        #expect(kind(#"{"a":1,"b":2,"c":3}"#, limits: limits) == .tooManyMembers(limit: 2))
    }

    @Test func deepNestingFailsCleanlyWithDefaultLimits() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(kind(deep) == .nestingTooDeep(limit: JSONParser.Limits.default.maxDepth))
    }

    @Test func parsesBytesAndStringTheSame() throws {
        let text = try ConformanceData.text("ob3-examples/validator-ob30/complete.json")
        let fromString = try parser.parse(text)
        let fromBytes = try parser.parse(Array(text.utf8))
        let fromSlice = try parser.parse(Array(text.utf8)[...])
        #expect(fromString == fromBytes)
        #expect(fromString == fromSlice)
        #expect(fromString["@context"]?.arrayValue?.isEmpty == false)
    }
}
