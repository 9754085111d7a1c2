/// Where in a JSON document something went wrong. `line` and `column` are 1-based; the column
/// counts Unicode scalars (not bytes) so it matches what an editor shows.
public struct JSONSourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let byteOffset: Int
    public let line: Int
    public let column: Int

    public init(byteOffset: Int, line: Int, column: Int) {
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
    }

    /// Works out line and column by scanning the bytes before `offset`. Only called on the error
    /// path, so the parser's hot loop never tracks lines.
    init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        let end = min(offset, bytes.count)
        var k = 0
        while k < end {
            let b = bytes[k]
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {  // not a UTF-8 continuation byte: a new scalar starts
                column += 1
            }
            k += 1
        }
        self.init(byteOffset: offset, line: line, column: column)
    }

    public var description: String { "line \(line), column \(column) (byte \(byteOffset))" }
}

/// Why a JSON document was refused, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The input ended while `expected` was still needed.
        case unexpectedEndOfInput(expected: String)
        /// A byte that the grammar does not allow here.
        case unexpectedByte(UInt8, expected: String)
        /// Something other than whitespace follows the top-level value.
        case trailingContent
        /// A number that does not follow RFC 8259 §6 (e.g. `01`, `1.`, `+1`, `.5`, `1e`).
        case invalidNumber
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A `\uD800`–`\uDFFF` escape that is not part of a high+low surrogate pair. RFC 8259 leaves
        /// the meaning open; we refuse them (as I-JSON, RFC 7493, does) so every parsed string is
        /// valid Unicode and canonical forms (JCS, N-Quads) are well defined.
        case loneSurrogate(UInt16)
        /// An unescaped control character (U+0000–U+001F) inside a string.
        case controlCharacterInString(UInt8)
        /// Bytes that are not well-formed UTF-8 (RFC 8259 §8.1 requires UTF-8).
        case invalidUTF8
        /// An object has the same key twice (RFC 8259 says SHOULD be unique; for signed data an
        /// ambiguous member is a security problem, so we refuse).
        case duplicateKey(String)
        case documentTooLarge(limit: Int)
        case nestingTooDeep(limit: Int)
        case stringTooLong(limit: Int)
        case tooManyMembers(limit: Int)
    }

    public let kind: Kind
    public let location: JSONSourceLocation

    public init(_ kind: Kind, at location: JSONSourceLocation) {
        self.kind = kind
        self.location = location
    }

    public var description: String { "JSON: \(reason) at \(location)" }

    public var reason: String {
        switch kind {
        case .unexpectedEndOfInput(let expected): "unexpected end of input, expected \(expected)"
        case .unexpectedByte(let b, let expected): "unexpected \(Self.show(b)), expected \(expected)"
        case .trailingContent: "unexpected content after the top-level value"
        case .invalidNumber: "invalid number"
        case .invalidEscape: "invalid escape sequence in string"
        case .invalidUnicodeEscape: "\\u must be followed by four hex digits"
        case .loneSurrogate(let u):
            "lone surrogate \\u\(String(u, radix: 16, uppercase: true)) (surrogates must come in high+low pairs)"
        case .controlCharacterInString(let b): "unescaped control character \(Self.show(b)) in string"
        case .invalidUTF8: "invalid UTF-8"
        case .duplicateKey(let k): "duplicate key \"\(k)\""
        case .documentTooLarge(let limit): "document larger than the limit of \(limit) bytes"
        case .nestingTooDeep(let limit): "nesting deeper than the limit of \(limit)"
        case .stringTooLong(let limit): "string longer than the limit of \(limit) bytes"
        case .tooManyMembers(let limit): "object or array with more than \(limit) members"
        }
    }

    private static func show(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        let hex = String(b, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
}
