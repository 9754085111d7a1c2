/// A JSON value that keeps what signatures depend on: the order of object keys and the exact text
/// of numbers as they were written. `JSONParser` produces it; `JSONSerializer` and `JCS` write it.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number kept as the exact text it was written with (e.g. `1.0`, `1e3`, `-0`), so that a
/// document round-trips byte for byte; `doubleValue` is the IEEE-754 reading of that text.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text as written in the source document (valid JSON number grammar).
    public let text: String

    /// Callers that build numbers in code pass text that already follows the JSON number grammar.
    public init(text: String) { self.text = text }
    public init(_ value: Int) { self.text = String(value) }

    public var doubleValue: Double { Double(text) ?? .nan }
    /// True when the text has no fraction and no exponent (JSON-LD treats these as xsd:integer).
    public var isIntegerLiteral: Bool { !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }
    public var description: String { text }
}

/// A JSON object whose members keep their insertion (document) order. Keys are unique: the
/// parser rejects duplicates, and `subscript(set)` replaces a value in place.
public struct JSONObject: Sendable, Hashable, Sequence {
    public private(set) var keys: [String]
    private var storage: [String: JSONValue]

    public init() { keys = []; storage = [:] }
    public init(_ members: [(String, JSONValue)]) {
        self.init()
        for (k, v) in members { self[k] = v }
    }

    /// Appends a member whose key is not present yet; returns false (and changes nothing) when the
    /// key already exists. The parser uses this to reject duplicate keys with a single hash lookup.
    public mutating func appendNew(_ key: String, _ value: JSONValue) -> Bool {
        if let previous = storage.updateValue(value, forKey: key) {
            storage[key] = previous  // rare error path: put the first value back
            return false
        }
        keys.append(key)
        return true
    }

    public mutating func reserveCapacity(_ n: Int) {
        keys.reserveCapacity(n)
        storage.reserveCapacity(n)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Members in document order.
    public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
        var index = 0
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            let k = keys[index]
            return (k, storage[k]!)
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keys == rhs.keys && lhs.storage == rhs.storage
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(storage)
    }
}

extension JSONValue {
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Member of an object value, nil for anything else.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { o[key] } else { nil }
    }
}
