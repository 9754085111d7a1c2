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
