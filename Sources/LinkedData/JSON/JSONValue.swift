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
///
/// Members live in two parallel arrays. Credential objects are small (a handful of keys), where a
/// linear scan beats hashing every key on insert and lookup; a hash index is built only once an
/// object grows past `indexThreshold` members.
public struct JSONObject: Sendable, Hashable, Sequence {
    public private(set) var keys: [String]
    private var values: [JSONValue]
    /// Key → position, maintained only while `keys.count > indexThreshold`.
    private var index: [String: Int]

    private static let indexThreshold = 12

    public init() { keys = []; values = []; index = [:] }
    public init(_ members: [(String, JSONValue)]) {
        self.init()
        reserveCapacity(members.count)
        for (k, v) in members { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    private func position(of key: String) -> Int? {
        if keys.count > Self.indexThreshold { return index[key] }
        // Keys of one object mostly differ in length (keywords against long IRIs): comparing the
        // stored UTF-8 counts first skips most full string comparisons.
        let length = key.utf8.count
        var i = 0
        while i < keys.count {
            if keys[i].utf8.count == length, keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    private mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
        if keys.count > Self.indexThreshold {
            if index.isEmpty {
                index.reserveCapacity(keys.count * 2)
                for (i, k) in keys.enumerated() { index[k] = i }
            } else {
                index[key] = keys.count - 1
            }
        }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    values[i] = newValue
                } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                    index = [:]
                    if keys.count > Self.indexThreshold {
                        for (j, k) in keys.enumerated() { index[k] = j }
                    }
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends a member whose key is not present yet; returns false (and changes nothing) when the
    /// key already exists. The parser uses this to reject duplicate keys.
    public mutating func appendNew(_ key: String, _ value: JSONValue) -> Bool {
        if position(of: key) != nil { return false }
        append(key, value)
        return true
    }

    public mutating func reserveCapacity(_ n: Int) {
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    /// Members in document order.
    public struct Iterator: IteratorProtocol {
        fileprivate let keys: [String]
        fileprivate let values: [JSONValue]
        fileprivate var position = 0

        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < keys.count else { return nil }
            defer { position += 1 }
            return (keys[position], values[position])
        }
    }

    public func makeIterator() -> Iterator { Iterator(keys: keys, values: values) }

    public var underestimatedCount: Int { keys.count }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
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
