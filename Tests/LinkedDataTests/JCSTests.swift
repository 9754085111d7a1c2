import Testing
@testable import LinkedData

@Suite("JCS (RFC 8785)")
struct JCSTests {
    /// RFC 8785 Appendix B: IEEE-754 bit patterns and their canonical text.
    static let numberSamples: [(bits: UInt64, expected: String?)] = [
        (0x0000_0000_0000_0000, "0"),
        (0x8000_0000_0000_0000, "0"),
        (0x0000_0000_0000_0001, "5e-324"),
        (0x8000_0000_0000_0001, "-5e-324"),
        (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
        (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
        (0x4340_0000_0000_0000, "9007199254740992"),
        (0xC340_0000_0000_0000, "-9007199254740992"),
        (0x4430_0000_0000_0000, "295147905179352830000"),
        (0x7FFF_FFFF_FFFF_FFFF, nil),  // NaN
        (0x7FF0_0000_0000_0000, nil),  // Infinity
        (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
        (0x44B5_2D02_C7E1_4AF6, "1e+23"),
        (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
        (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
        (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
        (0x444B_1AE4_D6E2_EF50, "1e+21"),
        (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
        (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
        (0x41B3_DE43_5555_5553, "333333333.3333332"),
        (0x41B3_DE43_5555_5554, "333333333.33333325"),
        (0x41B3_DE43_5555_5555, "333333333.3333333"),
        (0x41B3_DE43_5555_5556, "333333333.3333334"),
        (0x41B3_DE43_5555_5557, "333333333.33333343"),
        (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
        (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
    ]

    @Test(arguments: numberSamples.indices)
    func numberSample(_ index: Int) {
        let sample = Self.numberSamples[index]
        #expect(ECMAScriptNumber.string(for: Double(bitPattern: sample.bits)) == sample.expected,
                "0x\(String(sample.bits, radix: 16))")
    }

    @Test func numbersFromText() throws {
        let cases = ["1.0": "1", "-0": "0", "1e3": "1000", "1E21": "1e+21", "1e-7": "1e-7", "0.1e-5": "0.000001",
                     "123.456e5": "12345600", "4.50": "4.5", "2e-3": "0.002", "100": "100",
                     "0.000000000000000000000000001": "1e-27", "1E30": "1e+30", "-1.5e-10": "-1.5e-10"]
        for (text, expected) in cases {
            #expect(try JCS.canonicalize(.number(JSONNumber(text: text))) == expected, "\(text)")
        }
        #expect(throws: JCSError.numberOutOfRange("1e400")) { try JCS.canonicalize(.number(JSONNumber(text: "1e400"))) }
    }

    /// RFC 8785 §3.2.2 example.
    @Test func rfcExample() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try JCS.canonicalize(JSONParser().parse(input)) == expected)
    }

    /// RFC 8785 §3.2.3 sorting example: UTF-16 code unit order puts the emoji (a surrogate pair,
    /// 0xD83D…) before U+FB33 although its code point is larger.
    @Test func rfcSortingExample() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let canonical = try JCS.canonicalize(JSONParser().parse(input))
        let values = try JSONParser().parse(canonical).objectValue!.map { $0.value.stringValue! }
        #expect(values == ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
                           "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"])
    }

    @Test(arguments: 0..<200)
    func reparsesToEqualValueAndIsIdempotent(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 1_000)
        let value = randomJSON(&rng, depth: 0)
        let canonical = try JCS.canonicalize(value)
        let reparsed = try JSONParser().parse(canonical)
        #expect(try JCS.canonicalize(reparsed) == canonical, "seed \(seed)")
        #expect(sameData(reparsed, value), "seed \(seed)")
    }

    @Test(arguments: 0..<20)
    func shortestRoundTrip(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        for _ in 0..<500 {
            let d = Double(bitPattern: rng.next())
            guard let text = ECMAScriptNumber.string(for: d) else { #expect(!d.isFinite); continue }
            #expect(Double(text) == d || (d == 0 && Double(text) == 0), "\(d) → \(text)")
        }
    }

    /// Equal as data: same members regardless of order, numbers equal as doubles.
    func sameData(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x.doubleValue == y.doubleValue
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameData($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { member in y[member.key].map { sameData(member.value, $0) } ?? false }
        default: return a == b
        }
    }
}
