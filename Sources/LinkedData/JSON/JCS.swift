/// JSON Canonicalization Scheme, RFC 8785: members sorted by the UTF-16 code units of their keys,
/// no whitespace, strings escaped as ECMAScript `JSON.stringify` does, numbers written as
/// ECMAScript `Number.prototype.toString` writes the IEEE-754 double they denote.
public enum JCS {
    public static func canonicalize(_ value: JSONValue) throws(JCSError) -> String {
        String(decoding: try canonicalBytes(value), as: UTF8.self)
    }

    /// The canonical UTF-8 bytes (what eddsa-jcs-2022 hashes).
    public static func canonicalBytes(_ value: JSONValue) throws(JCSError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try write(value, to: &out)
        return out
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) throws(JCSError) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: try ECMAScriptNumber.string(for: n).utf8)
        case .string(let s): JSONStringEscaping.appendQuoted(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let keys = object.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (k, key) in keys.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONStringEscaping.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try write(object[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

public enum JCSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number's text denotes a value outside the IEEE-754 double range (e.g. `1e400`); I-JSON
    /// and RFC 8785 have no representation for it.
    case numberOutOfRange(String)

    public var description: String {
        switch self {
        case .numberOutOfRange(let text): "JCS: number \(text) is not representable as an IEEE-754 double"
        }
    }
}

/// ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) for finite doubles.
enum ECMAScriptNumber {
    static func string(for number: JSONNumber) throws(JCSError) -> String {
        guard let value = Double(number.text), value.isFinite else { throw .numberOutOfRange(number.text) }
        return string(for: value)!
    }

    /// nil for NaN and infinities, which ECMAScript writes as "NaN"/"Infinity" but JSON cannot hold.
    static func string(for value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }  // also -0
        // Swift's description gives the shortest digit string that round-trips, choosing the
        // closest one when several are as short; that is exactly ECMAScript's s, k and n. Only the
        // layout differs, so take the digits and the decimal exponent from it.
        let (digits, n) = shortestDigits(value.magnitude)
        let k = digits.count
        var out = value < 0 ? "-" : ""
        if k <= n && n <= 21 {
            out += digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            out += digits.prefix(n) + "." + digits.dropFirst(n)
        } else if -6 < n && n <= 0 {
            out += "0." + String(repeating: "0", count: -n) + digits
        } else {
            let e = n - 1
            let exponent = (e < 0 ? "-" : "+") + String(e.magnitude)
            out += k == 1 ? digits + "e" + exponent : digits.prefix(1) + "." + digits.dropFirst(1) + "e" + exponent
        }
        return out
    }

    /// For positive finite `x`: the shortest round-tripping digits s (no leading or trailing
    /// zeros) and n such that x = 0.s × 10^n.
    static func shortestDigits(_ x: Double) -> (digits: String, n: Int) {
        let text = x.description  // e.g. "123.45", "1e-07", "1.7976931348623157e+308"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        var digits = ""
        var pointPosition: Int? = nil
        for c in mantissa {
            if c == "." { pointPosition = digits.count } else { digits.append(c) }
        }
        var point = pointPosition ?? digits.count
        // Leading zeros move the point left; trailing zeros are dropped.
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, point + exponent)
    }
}
