/// A strict RFC 8259 JSON parser producing `JSONValue` (document key order and exact number text
/// kept). It scans UTF-8 bytes directly — never `Character`s — because it sits on the verifier's
/// hot path.
///
/// Decisions beyond the RFC's MUSTs, all in favour of unambiguous signed data:
/// - duplicate object keys are refused (`.duplicateKey`);
/// - `\u` escapes of lone surrogates are refused (`.loneSurrogate`), as in I-JSON;
/// - invalid UTF-8 is refused, and so is a leading byte-order mark (RFC 8259 §8.1 lets a parser
///   ignore it; a credential has no reason to carry one);
/// - every `Limits` bound fails with a typed error naming the limit and the location.
public struct JSONParser: Sendable {
    public struct Limits: Sendable, Hashable {
        /// Largest accepted document, in bytes.
        public var maxBytes: Int
        /// Deepest nesting of arrays and objects (the top-level container is depth 1).
        public var maxDepth: Int
        /// Longest string (key or value) in UTF-8 bytes after unescaping; also bounds number text.
        public var maxStringLength: Int
        /// Most members in any one object or elements in any one array.
        public var maxMembers: Int

        public init(maxBytes: Int, maxDepth: Int, maxStringLength: Int, maxMembers: Int) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxStringLength = maxStringLength
            self.maxMembers = maxMembers
        }

        /// Generous for credentials (which are a few KB, at most a few MB with embedded images)
        /// while keeping a hostile document from exhausting memory or the stack.
        public static let `default` = Limits(
            maxBytes: 16 * 1024 * 1024, maxDepth: 256, maxStringLength: 8 * 1024 * 1024, maxMembers: 1_000_000)
        /// Only the depth bound stays, because recursion depth is a stack-safety matter.
        public static let unbounded = Limits(
            maxBytes: .max, maxDepth: 2_000, maxStringLength: .max, maxMembers: .max)
    }

    public let limits: Limits

    public init(limits: Limits = .default) {
        self.limits = limits
    }

    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ parseBuffer($0) }) {
            return try result.get()
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parseBuffer($0) }.get()
    }

    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parseBuffer($0) }.get()
    }

    private func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var reader = JSONReader(bytes: buffer, limits: limits)
        do throws(JSONParseError) {
            return .success(try reader.document())
        } catch {
            return .failure(error)
        }
    }
}

/// The byte scanner behind `JSONParser`. Recursive descent; `depth` is bounded by the limits.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var i = 0
    var depth = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONParser.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    func fail(_ kind: JSONParseError.Kind, at offset: Int) -> JSONParseError {
        JSONParseError(kind, at: JSONSourceLocation(offset: offset, in: bytes))
    }

    func unexpected(_ expected: String) -> JSONParseError {
        i < bytes.count
            ? fail(.unexpectedByte(bytes[i], expected: expected), at: i)
            : fail(.unexpectedEndOfInput(expected: expected), at: i)
    }

    mutating func document() throws(JSONParseError) -> JSONValue {
        if bytes.count > limits.maxBytes { throw fail(.documentTooLarge(limit: limits.maxBytes), at: 0) }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if i != bytes.count { throw fail(.trailingContent, at: i) }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard i < bytes.count else { throw fail(.unexpectedEndOfInput(expected: "a value"), at: i) }
        switch bytes[i] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: throw unexpected("a value")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount {
            guard i < bytes.count, bytes[i] == w[k] else { throw unexpected("'\(word)'") }
            i += 1
        }
    }

    mutating func enter(at offset: Int) throws(JSONParseError) {
        depth += 1
        if depth > limits.maxDepth { throw fail(.nestingTooDeep(limit: limits.maxDepth), at: offset) }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        let open = i
        try enter(at: open)
        i += 1
        skipWhitespace()
        var object = JSONObject()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(object)
        }
        // Room for a typical credential object: growing both member arrays from empty reallocated
        // them three or four times per object.
        object.reserveCapacity(8)
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw unexpected("a string key") }
            let keyStart = i
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw unexpected("':'") }
            i += 1
            skipWhitespace()
            let value = try parseValue()
            if object.count >= limits.maxMembers {
                throw fail(.tooManyMembers(limit: limits.maxMembers), at: keyStart)
            }
            if !object.appendNew(key, value) { throw fail(.duplicateKey(key), at: keyStart) }
            skipWhitespace()
            guard i < bytes.count else { throw unexpected("',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
            } else if bytes[i] == UInt8(ascii: "}") {
                i += 1
                break
            } else {
                throw unexpected("',' or '}'")
            }
        }
        depth -= 1
        return .object(object)
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter(at: i)
        i += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            let elementStart = i
            let value = try parseValue()
            if elements.count >= limits.maxMembers {
                throw fail(.tooManyMembers(limit: limits.maxMembers), at: elementStart)
            }
            elements.append(value)
            skipWhitespace()
            guard i < bytes.count else { throw unexpected("',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
            } else if bytes[i] == UInt8(ascii: "]") {
                i += 1
                break
            } else {
                throw unexpected("',' or ']'")
            }
        }
        depth -= 1
        return .array(elements)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`, text kept as written.
    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, Self.isDigit(bytes[i]) else { throw fail(.invalidNumber, at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, Self.isDigit(bytes[i]) { throw fail(.invalidNumber, at: start) }
        } else {
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, Self.isDigit(bytes[i]) else { throw fail(.invalidNumber, at: start) }
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, Self.isDigit(bytes[i]) else { throw fail(.invalidNumber, at: start) }
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i - start > limits.maxStringLength { throw fail(.stringTooLong(limit: limits.maxStringLength), at: start) }
        // ASCII by construction, so decoding cannot repair anything.
        return JSONNumber(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }

    /// Reads a string starting at the opening quote. The common case (no escapes) is one scan and
    /// one validated copy; strings with escapes are rebuilt in `scratch`.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = i
        i += 1
        let start = i
        var asciiOnly = true
        // Eight bytes at a time while none of them ends the plain run (a quote, a backslash or a
        // control character); credential strings are mostly long IRIs and sentences.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= bytes.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
                let stop = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w)
                if stop & highs != 0 { break }
                if w & highs != 0 { asciiOnly = false }
                i += 8
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let end = i
                i += 1
                return try makeString(UnsafeBufferPointer(rebasing: bytes[start..<end]), asciiOnly: asciiOnly,
                                      sourceStart: start, open: open)
            }
            if b == UInt8(ascii: "\\") { return try parseEscapedString(open: open, start: start) }
            if b < 0x20 { throw fail(.controlCharacterInString(b), at: i) }
            if b >= 0x80 { asciiOnly = false }
            i += 1
        }
        throw fail(.unexpectedEndOfInput(expected: "'\"' to close the string opened"), at: i)
    }

    func makeString(_ utf8: UnsafeBufferPointer<UInt8>, asciiOnly: Bool, sourceStart: Int, open: Int)
        throws(JSONParseError) -> String
    {
        if utf8.count > limits.maxStringLength {
            throw fail(.stringTooLong(limit: limits.maxStringLength), at: open)
        }
        if asciiOnly { return String(decoding: utf8, as: UTF8.self) }
        if let s = String(validating: utf8, as: UTF8.self) { return s }
        throw fail(.invalidUTF8, at: firstInvalidUTF8(from: sourceStart, to: i) ?? sourceStart)
    }

    mutating func parseEscapedString(open: Int, start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        var asciiOnly = true
        for b in scratch where b >= 0x80 { asciiOnly = false; break }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                let result: Result<String, JSONParseError> = scratch.withUnsafeBufferPointer { buf in
                    do throws(JSONParseError) {
                        return .success(try makeString(buf, asciiOnly: asciiOnly, sourceStart: start, open: open))
                    } catch { return .failure(error) }
                }
                return try result.get()
            }
            if b < 0x20 { throw fail(.controlCharacterInString(b), at: i) }
            if b != UInt8(ascii: "\\") {
                if b >= 0x80 { asciiOnly = false }
                scratch.append(b)
                i += 1
                continue
            }
            let escapeStart = i
            i += 1
            guard i < bytes.count else { throw fail(.unexpectedEndOfInput(expected: "an escape"), at: i) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                let unit = try readHex4(escapeStart: escapeStart)
                var scalar = UInt32(unit)
                if unit >= 0xD800 && unit <= 0xDBFF {
                    // A high surrogate must be followed at once by `\u` + a low surrogate.
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                    else { throw fail(.loneSurrogate(unit), at: escapeStart) }
                    let lowStart = i
                    i += 2
                    let low = try readHex4(escapeStart: lowStart)
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw fail(.loneSurrogate(unit), at: escapeStart) }
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    throw fail(.loneSurrogate(unit), at: escapeStart)
                }
                if scalar >= 0x80 { asciiOnly = false }
                appendUTF8(scalar, to: &scratch)
            default:
                throw fail(.invalidEscape, at: escapeStart)
            }
        }
        throw fail(.unexpectedEndOfInput(expected: "'\"' to close the string"), at: i)
    }

    mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt16 {
        guard i + 4 <= bytes.count else { throw fail(.invalidUnicodeEscape, at: escapeStart) }
        var v: UInt16 = 0
        for _ in 0..<4 {
            guard let d = hexValue(bytes[i]) else { throw fail(.invalidUnicodeEscape, at: escapeStart) }
            v = v << 4 | UInt16(d)
            i += 1
        }
        return v
    }

    /// Offset of the first byte that breaks UTF-8 well-formedness (error path only).
    func firstInvalidUTF8(from start: Int, to end: Int) -> Int? {
        var k = start
        while k < end {
            let b = bytes[k]
            if b < 0x80 { k += 1; continue }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return k
            }
            guard k + need < end else { return k }
            let c1 = bytes[k + 1]
            if c1 < lower || c1 > upper { return k }
            var n = 2
            while n <= need {
                if bytes[k + n] & 0xC0 != 0x80 { return k }
                n += 1
            }
            k += need + 1
        }
        return nil
    }
}

@inline(__always)
func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// Appends the UTF-8 encoding of a Unicode scalar value (caller guarantees it is not a surrogate).
@inline(__always)
func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18)))
        out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}
