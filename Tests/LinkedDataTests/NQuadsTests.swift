import Testing
@testable import LinkedData

@Suite("N-Quads")
struct NQuadsTests {
    @Test func parsesAllTermForms() throws {
        let text = """
            # a comment
            <http://ex/s> <http://ex/p> <http://ex/o> .
            _:b0 <http://ex/p> "plain" <http://ex/g> .\r
            _:b1.x <http://ex/p> "chat"@en-GB _:g1 . # trailing comment

            <http://ex/s> <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer>.
            <http://ex/s>\t<http://ex/p>\t"esc \\t\\b\\n\\r\\f\\"\\'\\\\ \\u00E9\\U0001F600"  .
            <http://ex/\\u0065x> <http://ex/p> _:b0.
            """
        let quads = try NQuads.parse(text)
        #expect(quads.count == 6)
        #expect(quads[0] == Quad(.iri("http://ex/s"), .iri("http://ex/p"), .iri("http://ex/o")))
        #expect(quads[1] == Quad(.blank("b0"), .iri("http://ex/p"), .literal(RDFLiteral("plain")), graph: .iri("http://ex/g")))
        #expect(quads[2] == Quad(.blank("b1.x"), .iri("http://ex/p"), .literal(RDFLiteral("chat", language: "en-GB")),
                                 graph: .blank("g1")))
        #expect(quads[3].object == .literal(RDFLiteral("1", datatype: "http://www.w3.org/2001/XMLSchema#integer")))
        #expect(quads[4].object == .literal(RDFLiteral("esc \t\u{08}\n\r\u{0C}\"'\\ é😀")))
        #expect(quads[5].subject == .iri("http://ex/ex"))
        #expect(quads[5].object == .blank("b0"))
    }

    @Test func canonicalEscaping() {
        let lexical = "\u{00}\u{07}\u{08}\t\n\u{0B}\u{0C}\r\u{0E}\u{1F}\"\\\u{7F}é😀\u{FFFE}\u{FFFF}\u{FFFD}'"
        let quad = Quad(.blank("a"), .iri("http://ex/p"), .literal(RDFLiteral(lexical)))
        #expect(NQuads.serialize(quad)
                == "_:a <http://ex/p> \"\\u0000\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u001F\\\"\\\\\\u007Fé😀\\uFFFE\\uFFFF\u{FFFD}'\" .\n")
    }

    @Test func serializesDatatypesLanguagesAndGraphs() {
        let quads = [
            Quad(.iri("http://ex/s"), .iri("http://ex/p"), .literal(RDFLiteral("x", datatype: RDFLiteral.xsdString))),
            Quad(.iri("http://ex/s"), .iri("http://ex/p"), .literal(RDFLiteral("x", language: "en")), graph: .blank("g")),
            Quad(.iri("http://ex/s"), .iri("http://ex/p"), .literal(RDFLiteral("1", datatype: "http://ex/int")), graph: .iri("http://ex/g")),
        ]
        #expect(NQuads.serialize(quads) == """
            <http://ex/s> <http://ex/p> "x" .
            <http://ex/s> <http://ex/p> "x"@en _:g .
            <http://ex/s> <http://ex/p> "1"^^<http://ex/int> <http://ex/g> .

            """)
    }

    func error(_ text: String) -> NQuadsError? {
        do {
            _ = try NQuads.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func reportsErrorsWithLineAndColumn() {
        let e = error("<http://ex/s> <http://ex/p> <http://ex/o> .\n<http://ex/s> <rel> <http://ex/o> .")
        #expect(e?.kind == .relativeIRI("rel"))
        #expect(e?.line == 2)
        #expect(e?.column == 15)
        #expect(error("<http://ex/s> <http://ex/p> \"unterminated .")?.kind
                == .unexpectedEndOfLine(expected: "'\"' to close the literal"))
    }

    @Test(arguments: [
        "\"lit\" <http://ex/p> <http://ex/o> .",          // literal subject
        "<http://ex/s> _:p <http://ex/o> .",               // blank predicate
        "<http://ex/s> <http://ex/p> <http://ex/o>",       // no dot
        "<http://ex/s> <http://ex/p> <http://ex/o> \"g\" .", // literal graph
        "<http://ex/s> <http://ex/p> \"x\\a\" .",          // bad ECHAR
        "<http://ex/s> <http://ex/p> \"x\\uD800\" .",      // surrogate UCHAR
        "<http://ex/s> <http://ex/p> \"x\"@ .",            // empty language tag
        "<http://ex/s> <http://ex/p> \"x\"@en- .",
        "<http://ex/s> <http://ex/p> \"x\"^^<rel> .",
        "<http://ex/s s> <http://ex/p> <http://ex/o> .",    // space in IRI
        "<http://ex/s> <http://ex/p> _:.a .",              // label starts with '.'
        "<http://ex/s> <http://ex/p> _: .",
        "<http://ex/s> <http://ex/p> <http://ex/o> . <http://ex/s> <http://ex/p> <http://ex/o> .",
    ])
    func rejects(_ text: String) {
        #expect(error(text) != nil, "\(text)")
    }

    @Test func refusesInvalidUTF8Bytes() {
        #expect(throws: NQuadsError.self) { try NQuads.parse([UInt8(ascii: "<"), 0xFF, UInt8(ascii: ">")]) }
    }

    @Test(arguments: 0..<200)
    func serializeParseRoundTrip(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let quads = randomQuads(&rng, count: Int.random(in: 1...12, using: &rng))
        let text = NQuads.serialize(quads)
        #expect(try NQuads.parse(text) == quads, "seed \(seed)")
        #expect(NQuads.serialize(try NQuads.parse(text)) == text)
    }
}

func randomTerm(_ rng: inout SeededGenerator, blanks: Int, allowLiteral: Bool) -> RDFTerm {
    switch Int.random(in: 0..<(allowLiteral ? 3 : 2), using: &rng) {
    case 0: return .iri("http://example.org/" + ["a", "b", "c", "é", "x%20y"].randomElement(using: &rng)!)
    case 1: return .blank("n" + String(Int.random(in: 0..<blanks, using: &rng)))
    default:
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return .literal(RDFLiteral(randomString(&rng)))
        case 1: return .literal(RDFLiteral(randomString(&rng), language: ["en", "en-GB", "el"].randomElement(using: &rng)!))
        default: return .literal(RDFLiteral(randomString(&rng), datatype: "http://www.w3.org/2001/XMLSchema#integer"))
        }
    }
}

func randomQuads(_ rng: inout SeededGenerator, count: Int, blanks: Int = 5) -> [Quad] {
    (0..<count).map { _ in
        Quad(randomTerm(&rng, blanks: blanks, allowLiteral: false),
             .iri("http://example.org/p" + String(Int.random(in: 0..<3, using: &rng))),
             randomTerm(&rng, blanks: blanks, allowLiteral: true),
             graph: Bool.random(using: &rng) ? nil : randomTerm(&rng, blanks: blanks, allowLiteral: false))
    }
}
