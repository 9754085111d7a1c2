/// RDF 1.1 N-Quads (https://www.w3.org/TR/n-quads/), parsed from UTF-8 bytes.
public enum NQuads {
    /// Parses a whole N-Quads document. Escapes (`\u`, `\U`, ECHARs) are decoded, so the terms
    /// hold the real characters; comments and blank lines are skipped.
    public static func parse(_ text: String) throws(NQuadsError) -> [Quad] {
        var text = text
        return try text.withUTF8 { buffer -> Result<[Quad], NQuadsError> in
            var reader = NQuadsReader(bytes: buffer)
            do throws(NQuadsError) { return .success(try reader.document()) } catch { return .failure(error) }
        }.get()
    }

    /// Parses UTF-8 bytes; refuses input that is not valid UTF-8.
    public static func parse(_ bytes: some Collection<UInt8>) throws(NQuadsError) -> [Quad] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw NQuadsError(.invalidUTF8, line: 1, column: 1)
        }
        return try parse(text)
    }
}

/// The byte scanner behind `NQuads.parse`. The input is valid UTF-8 (it comes from a `String`).
struct NQuadsReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var line = 1
    var lineStart = 0
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ kind: NQuadsError.Kind, at offset: Int) -> NQuadsError {
        var column = 1
        var k = lineStart
        while k < offset && k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return NQuadsError(kind, line: line, column: column)
    }

    func unexpected(_ expected: String) -> NQuadsError {
        guard i < bytes.count, !isEOL(bytes[i]) else { return fail(.unexpectedEndOfLine(expected: expected), at: i) }
        return fail(.unexpectedCharacter(scalar(at: i).value, expected: expected), at: i)
    }

    @inline(__always) func isEOL(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }

    mutating func skipSpaces() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    }

    /// Whitespace, then an optional comment, then the end of the line (or input).
    mutating func endOfLine() throws(NQuadsError) {
        skipSpaces()
        if i < bytes.count, bytes[i] == UInt8(ascii: "#") {
            while i < bytes.count, !isEOL(bytes[i]) { i += 1 }
        }
        guard i == bytes.count || isEOL(bytes[i]) else { throw unexpected("end of line") }
    }

    mutating func document() throws(NQuadsError) -> [Quad] {
        var quads: [Quad] = []
        while i < bytes.count {
            skipSpaces()
            if i < bytes.count, bytes[i] != UInt8(ascii: "#"), !isEOL(bytes[i]) {
                quads.append(try statement())
            }
            try endOfLine()
            // One or more EOL characters; count lines on LF and on a CR not followed by LF.
            while i < bytes.count, isEOL(bytes[i]) {
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                line += 1
                lineStart = i
            }
        }
        return quads
    }

    mutating func statement() throws(NQuadsError) -> Quad {
        let subject: RDFTerm
        switch peek() {
        case UInt8(ascii: "<"): subject = .iri(try iri())
        case UInt8(ascii: "_"): subject = .blank(try blankNode())
        default: throw unexpected("a subject (IRI or blank node)")
        }
        skipSpaces()
        guard peek() == UInt8(ascii: "<") else { throw unexpected("a predicate IRI") }
        let predicate = RDFTerm.iri(try iri())
        skipSpaces()
        let object: RDFTerm
        switch peek() {
        case UInt8(ascii: "<"): object = .iri(try iri())
        case UInt8(ascii: "_"): object = .blank(try blankNode())
        case UInt8(ascii: "\""): object = .literal(try literal())
        default: throw unexpected("an object (IRI, blank node or literal)")
        }
        skipSpaces()
        var graph: RDFTerm? = nil
        switch peek() {
        case UInt8(ascii: "<"): graph = .iri(try iri())
        case UInt8(ascii: "_"): graph = .blank(try blankNode())
        default: break
        }
        skipSpaces()
        guard peek() == UInt8(ascii: ".") else { throw unexpected("'.'") }
        i += 1
        return Quad(subject, predicate, object, graph: graph)
    }

    @inline(__always) func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    /// Decodes the scalar starting at `offset` (input is valid UTF-8).
    func scalar(at offset: Int) -> (value: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[offset])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var v = b0 & (0x7F >> UInt32(length))
        for k in 1..<length { v = v << 6 | (UInt32(bytes[offset + k]) & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }

    /// IRIREF: `<` ( [^#x00-#x20<>"{}|^`\] | UCHAR )* `>`; must be absolute.
    mutating func iri() throws(NQuadsError) -> String {
        let open = i
        i += 1
        scratch.removeAll(keepingCapacity: true)
        var runStart = i
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: ">"):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                i += 1
                let iri = String(decoding: scratch, as: UTF8.self)
                guard Self.hasScheme(scratch) else { throw fail(.relativeIRI(iri), at: open) }
                return iri
            case UInt8(ascii: "\\"):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                let v = try uchar()
                appendUTF8(v, to: &scratch)
                runStart = i
            case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"):
                if isEOL(b) { throw fail(.unexpectedEndOfLine(expected: "'>' to close the IRI"), at: i) }
                throw fail(.invalidIRICharacter(Unicode.Scalar(b)), at: i)
            default:
                i += 1
            }
        }
        throw fail(.unexpectedEndOfLine(expected: "'>' to close the IRI"), at: i)
    }

    /// `scheme ":"` with scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3987).
    static func hasScheme(_ iri: [UInt8]) -> Bool {
        guard let first = iri.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else {
            return false
        }
        for b in iri.dropFirst() {
            if b == UInt8(ascii: ":") { return true }
            let lower = b | 0x20
            let ok = (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || NQuadsReader.isDigit(b)
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            if !ok { return false }
        }
        return false
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// UCHAR: `\u` HEX{4} | `\U` HEX{8}, at `i` (the backslash). Returns the scalar value.
    mutating func uchar() throws(NQuadsError) -> UInt32 {
        let start = i
        guard i + 1 < bytes.count else { throw fail(.invalidEscape, at: start) }
        let count: Int
        switch bytes[i + 1] {
        case UInt8(ascii: "u"): count = 4
        case UInt8(ascii: "U"): count = 8
        default: throw fail(.invalidEscape, at: start)
        }
        i += 2
        guard i + count <= bytes.count else { throw fail(.invalidEscape, at: start) }
        var v: UInt32 = 0
        for _ in 0..<count {
            guard let d = hexValue(bytes[i]) else { throw fail(.invalidEscape, at: start) }
            v = v << 4 | UInt32(d)
            i += 1
        }
        guard v < 0xD800 || (v > 0xDFFF && v <= 0x10FFFF) else { throw fail(.invalidCodePoint(v), at: start) }
        return v
    }

    /// BLANK_NODE_LABEL: `_:` (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
    mutating func blankNode() throws(NQuadsError) -> String {
        let start = i
        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":") else { throw fail(.invalidBlankNodeLabel, at: start) }
        i += 2
        let labelStart = i
        guard i < bytes.count else { throw fail(.invalidBlankNodeLabel, at: start) }
        let (first, firstLength) = scalar(at: i)
        guard Self.isPNCharsU(first) || (first.value >= 0x30 && first.value <= 0x39) else {
            throw fail(.invalidBlankNodeLabel, at: start)
        }
        i += firstLength
        var lastNonDot = i
        while i < bytes.count {
            let (c, length) = scalar(at: i)
            if c == "." {
                i += length
            } else if Self.isPNChars(c) {
                i += length
                lastNonDot = i
            } else {
                break
            }
        }
        // A label cannot end with '.', so trailing dots belong to the statement terminator.
        i = lastNonDot
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[labelStart..<i]), as: UTF8.self)
    }

    static func isPNCharsBase(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            true
        default: false
        }
    }

    static func isPNCharsU(_ c: Unicode.Scalar) -> Bool { c == "_" || c == ":" || isPNCharsBase(c) }

    static func isPNChars(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2D, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: isPNCharsU(c)
        }
    }

    /// STRING_LITERAL_QUOTE followed by an optional `^^` IRIREF or LANGTAG.
    mutating func literal() throws(NQuadsError) -> RDFLiteral {
        i += 1
        scratch.removeAll(keepingCapacity: true)
        var runStart = i
        var closed = false
        scan: while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                i += 1
                closed = true
                break scan
            case UInt8(ascii: "\\"):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                guard i + 1 < bytes.count else { throw fail(.invalidEscape, at: i) }
                let e = bytes[i + 1]
                var decoded: UInt8? = nil
                switch e {
                case UInt8(ascii: "t"): decoded = 0x09
                case UInt8(ascii: "b"): decoded = 0x08
                case UInt8(ascii: "n"): decoded = 0x0A
                case UInt8(ascii: "r"): decoded = 0x0D
                case UInt8(ascii: "f"): decoded = 0x0C
                case UInt8(ascii: "\""): decoded = 0x22
                case UInt8(ascii: "'"): decoded = 0x27
                case UInt8(ascii: "\\"): decoded = 0x5C
                case UInt8(ascii: "u"), UInt8(ascii: "U"): break
                default: throw fail(.invalidEscape, at: i)
                }
                if let decoded {
                    scratch.append(decoded)
                    i += 2
                } else {
                    appendUTF8(try uchar(), to: &scratch)
                }
                runStart = i
            case 0x0A, 0x0D:
                throw fail(.unexpectedEndOfLine(expected: "'\"' to close the literal"), at: i)
            default:
                i += 1
            }
        }
        guard closed else { throw fail(.unexpectedEndOfLine(expected: "'\"' to close the literal"), at: i) }
        let lexical = String(decoding: scratch, as: UTF8.self)
        if peek() == UInt8(ascii: "@") {
            return RDFLiteral(lexical, language: try languageTag())
        }
        if peek() == UInt8(ascii: "^") {
            guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "^"), bytes[i + 2] == UInt8(ascii: "<") else {
                throw unexpected("'^^<datatype>'")
            }
            i += 2
            return RDFLiteral(lexical, datatype: try iri())
        }
        return RDFLiteral(lexical)
    }

    /// LANGTAG: `@` [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, kept as written.
    mutating func languageTag() throws(NQuadsError) -> String {
        let at = i
        i += 1
        let start = i
        func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        while i < bytes.count, isAlpha(bytes[i]) { i += 1 }
        guard i > start else { throw fail(.invalidLanguageTag, at: at) }
        while i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            i += 1
            let subtag = i
            while i < bytes.count, isAlpha(bytes[i]) || Self.isDigit(bytes[i]) { i += 1 }
            guard i > subtag else { throw fail(.invalidLanguageTag, at: at) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
}
