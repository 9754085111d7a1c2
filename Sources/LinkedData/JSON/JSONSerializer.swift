/// Writes a `JSONValue` back as JSON text: object members in their stored order, numbers with their
/// exact stored text, strings escaped as `JSONStringEscaping` describes. Compact output has no
/// whitespace; pretty output indents by two spaces with `": "` after keys.
public enum JSONSerializer {
    public static func serialize(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: serializeBytes(value, pretty: pretty), as: UTF8.self)
    }

    public static func serializeBytes(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        if pretty { writePretty(value, indent: 0, to: &out) } else { writeCompact(value, to: &out) }
        return out
    }

    static func writeCompact(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): JSONStringEscaping.appendQuoted(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONStringEscaping.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(member, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writePretty(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
        }
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                writePretty(element, indent: indent + 1, to: &out)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(indent + 1)
                JSONStringEscaping.appendQuoted(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                writePretty(member, indent: indent + 1, to: &out)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        default:
            writeCompact(value, to: &out)
        }
    }
}
