/// Why an N-Quads document was refused, with the 1-based line and column (in Unicode scalars).
public struct NQuadsError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The line ended while `expected` was still needed.
        case unexpectedEndOfLine(expected: String)
        /// A character the grammar does not allow here.
        case unexpectedCharacter(Unicode.Scalar, expected: String)
        /// A character that may not appear unescaped inside `<…>`.
        case invalidIRICharacter(Unicode.Scalar)
        /// RDF 1.1 IRIs are absolute: the IRI has no scheme.
        case relativeIRI(String)
        /// A backslash sequence that is not an ECHAR (in literals) or UCHAR.
        case invalidEscape
        /// A `\u`/`\U` escape naming a surrogate or a value above U+10FFFF.
        case invalidCodePoint(UInt32)
        case invalidBlankNodeLabel
        case invalidLanguageTag
        /// The byte input is not UTF-8.
        case invalidUTF8
    }

    public let kind: Kind
    public let line: Int
    public let column: Int

    public init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    public var description: String { "N-Quads: \(reason) at line \(line), column \(column)" }

    public var reason: String {
        switch kind {
        case .unexpectedEndOfLine(let expected): "unexpected end of line, expected \(expected)"
        case .unexpectedCharacter(let c, let expected):
            "unexpected \(c.value < 0x21 || c.value == 0x7F ? "U+" + String(c.value, radix: 16, uppercase: true) : "'\(c)'"), expected \(expected)"
        case .invalidIRICharacter(let c): "character U+\(String(c.value, radix: 16, uppercase: true)) not allowed in an IRI"
        case .relativeIRI(let iri): "relative IRI <\(iri)> (RDF needs absolute IRIs)"
        case .invalidEscape: "invalid escape sequence"
        case .invalidCodePoint(let v): "escape names U+\(String(v, radix: 16, uppercase: true)), not a Unicode scalar value"
        case .invalidBlankNodeLabel: "invalid blank node label"
        case .invalidLanguageTag: "invalid language tag"
        case .invalidUTF8: "input is not valid UTF-8"
        }
    }
}
