/// Canonical N-Quads output, as RDFC-1.0 requires (the canonical form of RDF 1.2 N-Triples,
/// extended with the graph term): one space between terms, `" ."` and LF after each statement,
/// literals escaped with ECHAR for `\b \t \n \f \r \" \\`, UCHAR (`\u` + 4 uppercase hex digits) for
/// the other C0 controls, DEL, U+FFFE and U+FFFF, and every other character written as itself.
extension NQuads {
    /// One statement, ending with `"\n"`.
    public static func serialize(_ quad: Quad) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        NQuadsWriter.append(quad, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Statements in the given order (callers wanting canonical order sort first, or use
    /// `RDFCanonicalizer`).
    public static func serialize(_ quads: [Quad]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(quads.count * 128)
        for quad in quads { NQuadsWriter.append(quad, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Byte-level writer shared by `NQuads.serialize` and the canonicaliser's hashing.
enum NQuadsWriter {
    static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    static func append(_ quad: Quad, to out: inout [UInt8]) {
        appendTerm(quad.subject, to: &out)
        out.append(0x20)
        appendTerm(quad.predicate, to: &out)
        out.append(0x20)
        appendTerm(quad.object, to: &out)
        if let graph = quad.graph {
            out.append(0x20)
            appendTerm(graph, to: &out)
        }
        out.append(contentsOf: [0x20, UInt8(ascii: "."), 0x0A])
    }

    static func appendTerm(_ term: RDFTerm, to out: inout [UInt8]) {
        switch term {
        case .iri(let iri): appendIRI(iri, to: &out)
        case .blank(let label):
            out.append(UInt8(ascii: "_"))
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: label.utf8)
        case .literal(let literal):
            out.append(UInt8(ascii: "\""))
            var lexical = literal.lexical
            lexical.withUTF8 { appendEscapedLexical($0, to: &out) }
            out.append(UInt8(ascii: "\""))
            if let language = literal.language {
                out.append(UInt8(ascii: "@"))
                out.append(contentsOf: language.utf8)
            } else if literal.datatype != RDFLiteral.xsdString {
                out.append(UInt8(ascii: "^"))
                out.append(UInt8(ascii: "^"))
                appendIRI(literal.datatype, to: &out)
            }
        }
    }

    static func appendUCHAR(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        out.append(upperHex[Int((value >> 12) & 0xF)])
        out.append(upperHex[Int((value >> 8) & 0xF)])
        out.append(upperHex[Int((value >> 4) & 0xF)])
        out.append(upperHex[Int(value & 0xF)])
    }

    /// IRIs are written as they are; the few characters IRIREF cannot hold directly (which a
    /// well-formed IRI never contains) become UCHARs so the output always re-parses.
    static func appendIRI(_ iri: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        var iri = iri
        iri.withUTF8 { utf8 in
            var runStart = 0
            for k in 0..<utf8.count where iriNeedsEscape[Int(utf8[k])] {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<k]))
                appendUCHAR(UInt32(utf8[k]), to: &out)
                runStart = k + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        out.append(UInt8(ascii: ">"))
    }

    /// Bytes IRIREF cannot hold directly: controls, space and `<>"{}|^`\` (a table, because this
    /// check runs on every byte of every IRI the canonicaliser writes).
    static let iriNeedsEscape: [Bool] = (0..<256).map { b in
        b <= 0x20 || "<>\"{}|^`\\".utf8.contains(UInt8(b))
    }

    static func appendEscapedLexical(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var k = 0
        let n = utf8.count
        while k < n {
            let b = utf8[k]
            var escape: UInt8 = 0       // ECHAR letter
            var uchar: UInt32? = nil    // UCHAR value
            var length = 1
            switch b {
            case 0x08: escape = UInt8(ascii: "b")
            case 0x09: escape = UInt8(ascii: "t")
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0C: escape = UInt8(ascii: "f")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0x22: escape = UInt8(ascii: "\"")
            case 0x5C: escape = UInt8(ascii: "\\")
            case 0x00...0x1F, 0x7F: uchar = UInt32(b)
            case 0xEF:
                // U+FFFE / U+FFFF (EF BF BE / EF BF BF) are not XML 1.1 Chars: write them as UCHARs.
                if k + 2 < n, utf8[k + 1] == 0xBF, utf8[k + 2] >= 0xBE {
                    uchar = utf8[k + 2] == 0xBE ? 0xFFFE : 0xFFFF
                    length = 3
                }
            default: break
            }
            if escape == 0 && uchar == nil {
                k += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<k]))
            if let uchar {
                appendUCHAR(uchar, to: &out)
            } else {
                out.append(UInt8(ascii: "\\"))
                out.append(escape)
            }
            k += length
            runStart = k
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n]))
    }
}
