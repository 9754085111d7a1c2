/// A small, strict XML scanner: just enough of XML 1.0 to find the root element of an SVG and the
/// Open Badges `credential` elements in it, with their byte ranges (for re-baking) and their text.
/// It expands only the five predefined entities and character references — never DTD entities —
/// so a hostile DOCTYPE cannot make it expand text (no "billion laughs"). Work is linear in size.
struct XMLScanner {
    struct Attribute: Sendable, Hashable {
        var name: String
        var value: String
    }

    struct Element: Sendable {
        var name: String
        var attributes: [Attribute]
        var namespace: String?
        /// Byte range of the whole element, from its `<` to the end of its end tag.
        var range: Range<Int>
        /// Decoded character data and CDATA directly inside the element.
        var text: String

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
        var localName: Substring { name.split(separator: ":", maxSplits: 1).last ?? Substring(name) }
    }

    struct Document: Sendable {
        var root: Element
        /// Index just after the root's start tag `>` (or of its `/` when self-closing).
        var rootStartTagEnd: Int
        var rootSelfClosing: Bool
        /// Prefix → namespace bindings declared on the root element ("" is the default namespace).
        var rootBindings: [String: String]
        /// Elements (below the root) in `namespace` with local name `localName`, in document order.
        var matches: [Element]
    }

    let bytes: [UInt8]
    let matchNamespace: String
    let matchLocalName: String
    private var i = 0

    init(bytes: [UInt8], matchNamespace: String, matchLocalName: String) {
        self.bytes = bytes
        self.matchNamespace = matchNamespace
        self.matchLocalName = matchLocalName
    }

    private struct Frame {
        var name: String
        var bindings: [String: String]
        var start: Int
        var isMatch: Bool
        var attributes: [Attribute]
        var namespace: String?
        var text: [UInt8]
    }

    mutating func scan() throws(BakingError) -> Document {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }   // UTF-8 byte order mark
        try skipMisc(allowDoctype: true)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "<") else { throw malformed("no root element") }
        let rootStart = i
        let (rootName, rootAttributes, rootSelfClosing) = try startTag()
        let rootBindings = Self.bindings(rootAttributes)
        var stack = [Frame(name: rootName, bindings: rootBindings, start: rootStart, isMatch: false, attributes: rootAttributes,
                           namespace: Self.resolve(rootName, in: [rootBindings]), text: [])]
        let rootStartTagEnd = i - (rootSelfClosing ? 2 : 0)
        var matches: [Element] = []
        var rootEnd = i
        if !rootSelfClosing {
            while true {
                guard i < bytes.count else { throw malformed("the document ends inside <\(stack.last?.name ?? "")>") }
                if bytes[i] != UInt8(ascii: "<") {
                    let textStart = i
                    while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
                    // Entities are checked everywhere (well-formedness), kept only inside a match.
                    let text = try decodeEntities(bytes[textStart..<i])
                    if stack[stack.count - 1].isMatch { stack[stack.count - 1].text += text }
                    continue
                }
                if startsWith("<!--") { try skip(past: "-->"); continue }
                if startsWith("<?") { try skip(past: "?>"); continue }
                if startsWith("<![CDATA[") {
                    i += 9
                    let start = i
                    try skip(past: "]]>")
                    if stack[stack.count - 1].isMatch { stack[stack.count - 1].text += bytes[start..<(i - 3)] }
                    continue
                }
                if startsWith("<!") { throw malformed("unexpected markup declaration inside an element") }
                if startsWith("</") {
                    i += 2
                    let name = readName()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw malformed("bad end tag </\(name)") }
                    i += 1
                    let frame = stack.removeLast()
                    guard frame.name == name else { throw malformed("</\(name)> closes <\(frame.name)>") }
                    if frame.isMatch {
                        matches.append(try element(frame, end: i))
                    }
                    if stack.isEmpty { rootEnd = i; break }
                    continue
                }
                let start = i
                let (name, attributes, selfClosing) = try startTag()
                var scopes = stack.map(\.bindings)
                scopes.append(Self.bindings(attributes))
                let namespace = Self.resolve(name, in: scopes)
                let local = name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
                let frame = Frame(name: name, bindings: scopes[scopes.count - 1], start: start,
                                  isMatch: namespace == matchNamespace && local == matchLocalName,
                                  attributes: attributes, namespace: namespace, text: [])
                if selfClosing {
                    if frame.isMatch { matches.append(try element(frame, end: i)) }
                } else {
                    stack.append(frame)
                }
            }
        }
        try skipMisc(allowDoctype: false)
        guard i == bytes.count else { throw malformed("content after the root element") }
        let root = Element(name: rootName, attributes: rootAttributes, namespace: Self.resolve(rootName, in: [rootBindings]),
                           range: rootStart..<rootEnd, text: "")
        return Document(root: root, rootStartTagEnd: rootStartTagEnd, rootSelfClosing: rootSelfClosing,
                        rootBindings: rootBindings, matches: matches)
    }

    private func element(_ frame: Frame, end: Int) throws(BakingError) -> Element {
        guard let text = String(validating: frame.text, as: UTF8.self) else { throw .credentialNotUTF8 }
        return Element(name: frame.name, attributes: frame.attributes, namespace: frame.namespace, range: frame.start..<end, text: text)
    }

    private static func bindings(_ attributes: [Attribute]) -> [String: String] {
        var result: [String: String] = [:]
        for a in attributes {
            if a.name == "xmlns" { result[""] = a.value }
            else if a.name.hasPrefix("xmlns:") { result[String(a.name.dropFirst(6))] = a.value }
        }
        return result
    }

    private static func resolve(_ name: String, in scopes: [[String: String]]) -> String? {
        let parts = name.split(separator: ":", maxSplits: 1)
        let prefix = parts.count == 2 ? String(parts[0]) : ""
        for scope in scopes.reversed() { if let ns = scope[prefix] { return ns } }
        return nil
    }

    // MARK: - Lexing

    private func malformed(_ reason: String) -> BakingError { .svgMalformed(reason: "\(reason) (byte \(i))") }

    private func startsWith(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return bytes.count - i >= u.count && bytes[i..<(i + u.count)].elementsEqual(u)
    }

    private mutating func skip(past terminator: String) throws(BakingError) {
        let t = Array(terminator.utf8)
        var j = i
        while j + t.count <= bytes.count {
            if bytes[j] == t[0], bytes[j..<(j + t.count)].elementsEqual(t) { i = j + t.count; return }
            j += 1
        }
        throw malformed("unterminated \(terminator == "-->" ? "comment" : terminator == "]]>" ? "CDATA section" : "markup")")
    }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    /// Whitespace, comments, processing instructions and (before the root) one DOCTYPE.
    private mutating func skipMisc(allowDoctype: Bool) throws(BakingError) {
        while true {
            skipSpace()
            if startsWith("<?") { try skip(past: "?>") }
            else if startsWith("<!--") { try skip(past: "-->") }
            else if allowDoctype, startsWith("<!DOCTYPE") { try skipDoctype() }
            else { return }
        }
    }

    /// A DOCTYPE may hold an internal subset in brackets and quoted literals containing `>`.
    private mutating func skipDoctype() throws(BakingError) {
        var inBrackets = false
        var quote: UInt8? = nil
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = c
            case UInt8(ascii: "["): inBrackets = true
            case UInt8(ascii: "]"): inBrackets = false
            case UInt8(ascii: ">") where !inBrackets: return
            default: break
            }
        }
        throw malformed("unterminated DOCTYPE")
    }

    private mutating func readName() -> String {
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") { break }
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// Parses `<name attr="v" …>` or `…/>` starting at `<`; leaves `i` after the `>`.
    private mutating func startTag() throws(BakingError) -> (String, [Attribute], Bool) {
        i += 1
        let name = readName()
        guard !name.isEmpty else { throw malformed("an element without a name") }
        var attributes: [Attribute] = []
        while true {
            skipSpace()
            guard i < bytes.count else { throw malformed("the document ends inside <\(name)>") }
            if bytes[i] == UInt8(ascii: ">") { i += 1; return (name, attributes, false) }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw malformed("stray / in <\(name)>") }
                i += 2
                return (name, attributes, true)
            }
            let attrName = readName()
            guard !attrName.isEmpty else { throw malformed("bad attribute in <\(name)>") }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw malformed("attribute \(attrName) has no value") }
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw malformed("attribute \(attrName) is not quoted")
            }
            let quote = bytes[i]
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != quote {
                if bytes[i] == UInt8(ascii: "<") { throw malformed("< inside the value of \(attrName)") }
                i += 1
            }
            guard i < bytes.count else { throw malformed("unterminated value of \(attrName)") }
            let raw = bytes[start..<i]
            i += 1
            guard !attributes.contains(where: { $0.name == attrName }) else { throw malformed("attribute \(attrName) given twice") }
            attributes.append(Attribute(name: attrName, value: String(decoding: try decodeEntities(raw), as: UTF8.self)))
        }
    }

    /// Expands `&lt; &gt; &amp; &quot; &apos;` and `&#…;` / `&#x…;`; any other entity is refused.
    private func decodeEntities(_ raw: ArraySlice<UInt8>) throws(BakingError) -> [UInt8] {
        guard raw.contains(UInt8(ascii: "&")) else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = raw.startIndex
        while j < raw.endIndex {
            guard raw[j] == UInt8(ascii: "&") else { out.append(raw[j]); j += 1; continue }
            guard let semi = raw[j...].firstIndex(of: UInt8(ascii: ";")), semi - j <= 12 else { throw malformed("a bare & in text") }
            let name = String(decoding: raw[(j + 1)..<semi], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let scalarValue: UInt32? = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16)
                    : name.hasPrefix("#") ? UInt32(name.dropFirst(), radix: 10) : nil
                guard let v = scalarValue, let scalar = Unicode.Scalar(v) else { throw malformed("unknown entity &\(name);") }
                out += Array(String(Character(scalar)).utf8)
            }
            j = semi + 1
        }
        return out
    }
}
