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
/// Members live in one array of (key, value) pairs: one allocation per object, which matters
/// because expansion builds thousands of small objects per credential. Credential objects are
/// small (a handful of keys), where a linear scan beats hashing every key on insert and lookup; a
/// hash index is built only once an object grows past `indexThreshold` members.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Member = (key: String, value: JSONValue)

    /// A struct rather than the `Member` tuple: arrays of tuples are destroyed through the
    /// runtime's generic tuple witness, arrays of a struct through its specialised one.
    fileprivate struct Entry: Sendable {
        var key: String
        var value: JSONValue
    }

    private var members: [Entry]
    /// Key → position, maintained only while `members.count > indexThreshold`.
    private var index: [String: Int]

    private static let indexThreshold = 12

    public init() { members = []; index = [:] }
    public init(_ members: [(String, JSONValue)]) {
        self.init()
        reserveCapacity(members.count)
        for (k, v) in members { self[k] = v }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in document order (a view, no copy).
    public var keys: Keys { Keys(members: members) }

    public struct Keys: RandomAccessCollection, Sendable {
        fileprivate let members: [Entry]
        public var startIndex: Int { 0 }
        public var endIndex: Int { members.count }
        public subscript(position: Int) -> String { members[position].key }
    }

    private func position(of key: String) -> Int? {
        if members.count > Self.indexThreshold { return index[key] }
        // Keys of one object mostly differ in length (keywords against long IRIs): comparing the
        // stored UTF-8 counts first skips most full string comparisons.
        let length = key.utf8.count
        return members.withUnsafeBufferPointer { m in
            var i = 0
            while i < m.count {
                if m[i].key.utf8.count == length, m[i].key == key { return i }
                i += 1
            }
            return nil
        }
    }

    private mutating func append(_ key: consuming String, _ value: consuming JSONValue) {
        members.append(Entry(key: key, value: value))
        if members.count > Self.indexThreshold {
            if index.isEmpty {
                index.reserveCapacity(members.count * 2)
                for (i, m) in members.enumerated() { index[m.key] = i }
            } else {
                index[members[members.count - 1].key] = members.count - 1
            }
        }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    index = [:]
                    if members.count > Self.indexThreshold {
                        for (j, m) in members.enumerated() { index[m.key] = j }
                    }
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends a member whose key is not present yet; returns false (and changes nothing) when the
    /// key already exists. The parser uses this to reject duplicate keys.
    public mutating func appendNew(_ key: consuming String, _ value: consuming JSONValue) -> Bool {
        if position(of: key) != nil { return false }
        append(key, value)
        return true
    }

    /// Reads and changes the member `key` with one lookup: `body` gets its value (nil when absent)
    /// moved out of the object, so that an array value it appends to is not copied; setting nil
    /// removes the member.
    public mutating func update<R>(_ key: String, _ body: (inout JSONValue?) throws -> R) rethrows -> R {
        guard let i = position(of: key) else {
            var value: JSONValue? = nil
            let result = try body(&value)
            if let value { append(key, value) }
            return result
        }
        var value: JSONValue? = members[i].value
        members[i].value = .null
        defer {
            if let value { members[i].value = value } else { self[key] = nil }
        }
        return try body(&value)
    }

    /// Appends a member the caller knows is absent (a new object filled with distinct keys),
    /// without the duplicate search; checked in debug builds.
    mutating func appendAbsent(_ key: consuming String, _ value: consuming JSONValue) {
        assert(position(of: key) == nil, "duplicate key \(key)")
        append(key, value)
    }

    public mutating func reserveCapacity(_ n: Int) {
        members.reserveCapacity(n)
    }

    /// Members in document order.
    public struct Iterator: IteratorProtocol {
        fileprivate let members: [Entry]
        fileprivate var position = 0

        public mutating func next() -> Member? {
            guard position < members.count else { return nil }
            defer { position += 1 }
            return (members[position].key, members[position].value)
        }
    }

    public func makeIterator() -> Iterator { Iterator(members: members) }

    public var underestimatedCount: Int { members.count }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for m in members {
            hasher.combine(m.key)
            hasher.combine(m.value)
        }
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
