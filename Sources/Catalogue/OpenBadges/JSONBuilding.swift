import Foundation
import LinkedData

// Small helpers to build ordered JSON documents (`JSONValue`) from catalogue values. Keys keep
// the order they are set in, so exported documents are stable byte for byte.

extension JSONValue {
    static func str(_ s: String) -> JSONValue { .string(s) }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
    static func decimal(_ d: Decimal) -> JSONValue { .number(JSONNumber(text: d.jsonText)) }
    static func int(_ i: Int) -> JSONValue { .number(JSONNumber(i)) }

    /// A JSON-LD language map (`{"el": "…", "en": "…"}`), languages in sorted order, empty texts left out.
    static func languageMap(_ text: LocalizedText) -> JSONValue {
        var o = JSONObject()
        for tag in text.languages {
            if let value = text[tag], !value.trimmed.isEmpty { o[tag.rawValue] = .string(value) }
        }
        return .object(o)
    }
}

extension JSONObject {
    /// Sets `key` only when `value` carries something: nil, empty strings, empty arrays and empty
    /// objects are left out, so no key expands to nothing.
    mutating func set(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        switch value {
        case .string(let s) where s.trimmed.isEmpty: return
        case .array(let a) where a.isEmpty: return
        case .object(let o) where o.isEmpty: return
        default: self[key] = value
        }
    }
}

extension Decimal {
    /// Plain JSON number text (`1`, `2.5`, `-0.25`); Decimal's description never uses exponents.
    var jsonText: String { NSDecimalNumber(decimal: self).stringValue }
}

/// Writes a `JSONValue` as JSON text, keys in their stored order, numbers as their exact text.
/// For CLI output and fixtures; signatures use LinkedData's JCS/RDFC instead.
public enum CatalogueJSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var out = ""
        emit(value, indent: 0, pretty: pretty, into: &out)
        return out
    }

    private static func emit(_ value: JSONValue, indent: Int, pretty: Bool, into out: inout String) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        let newline = pretty ? "\n" : ""
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): out += quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad
                emit(item, indent: indent + 1, pretty: pretty, into: &out)
                out += (i < items.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{" + newline
            var i = 0
            for (key, child) in object {
                out += pad + quote(key) + (pretty ? ": " : ":")
                emit(child, indent: indent + 1, pretty: pretty, into: &out)
                i += 1
                out += (i < object.count ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
