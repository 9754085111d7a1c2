import LinkedData

/// A credential's `credentialStatus` entry of type BitstringStatusListEntry: which list, which
/// index, for which purpose.
public struct StatusListEntry: Sendable, Hashable {
    public static let type = "BitstringStatusListEntry"
    /// statusSize above this would make one entry span more than a machine word.
    public static let maximumStatusSize = 16

    public var id: String?
    public var purpose: StatusPurpose
    public var index: Int
    public var listCredential: String
    public var statusSize: Int

    public init(id: String? = nil, purpose: StatusPurpose, index: Int, listCredential: String, statusSize: Int = 1) {
        self.id = id
        self.purpose = purpose
        self.index = index
        self.listCredential = listCredential
        self.statusSize = statusSize
    }

    /// The conventional entry id: the list credential's URL with the index as fragment.
    public static func make(purpose: StatusPurpose, index: Int, listCredential: String) -> StatusListEntry {
        StatusListEntry(id: "\(listCredential)#\(index)", purpose: purpose, index: index, listCredential: listCredential)
    }

    /// The JSON form; `statusListIndex` is a string, as the specification requires.
    public var json: JSONValue {
        var o = JSONObject()
        if let id { o["id"] = .string(id) }
        o["type"] = .string(Self.type)
        o["statusPurpose"] = .string(purpose.rawValue)
        o["statusListIndex"] = .string(String(index))
        o["statusListCredential"] = .string(listCredential)
        if statusSize != 1 { o["statusSize"] = .number(JSONNumber(statusSize)) }
        return .object(o)
    }

    /// Reads one entry. An integer JSON number is accepted for `statusListIndex` too, since
    /// published Open Badges samples write it that way.
    public init(json: JSONValue) throws(StatusListError) {
        guard case .object(let o) = json else { throw .invalidEntry("not a JSON object") }
        guard o["type"]?.stringValue == Self.type else {
            throw .invalidEntry("type must be \(Self.type)")
        }
        guard let purposeText = o["statusPurpose"]?.stringValue else { throw .invalidEntry("statusPurpose is missing") }
        guard let purpose = StatusPurpose(rawValue: purposeText) else { throw .invalidEntry("unknown statusPurpose \(purposeText)") }
        let index: Int
        switch o["statusListIndex"] {
        case .string(let s):
            guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), s.utf8.count <= 18, let i = Int(s) else {
                throw .invalidEntry("statusListIndex \"\(s)\" is not a non-negative integer")
            }
            index = i
        case .number(let n):
            guard n.isIntegerLiteral, let i = Int(n.text), i >= 0 else { throw .invalidEntry("statusListIndex \(n.text) is not a non-negative integer") }
            index = i
        default:
            throw .invalidEntry("statusListIndex is missing")
        }
        guard let list = o["statusListCredential"]?.stringValue, !list.isEmpty else {
            throw .invalidEntry("statusListCredential is missing")
        }
        var size = 1
        if let value = o["statusSize"] {
            guard case .number(let n) = value, n.isIntegerLiteral, let s = Int(n.text) else { throw .invalidEntry("statusSize is not an integer") }
            guard (1...Self.maximumStatusSize).contains(s) else { throw .invalidStatusSize(s) }
            size = s
        }
        self.init(id: o["id"]?.stringValue, purpose: purpose, index: index, listCredential: list, statusSize: size)
    }

    /// Every BitstringStatusListEntry in a credential's `credentialStatus` (an object or an
    /// array); entries of other types are left out for the caller to report.
    public static func entries(in credential: JSONObject) throws(StatusListError) -> [StatusListEntry] {
        let values: [JSONValue]
        switch credential["credentialStatus"] {
        case nil: return []
        case .array(let items)?: values = items
        case let value?: values = [value]
        }
        var result: [StatusListEntry] = []
        for value in values where value["type"]?.stringValue == type {
            result.append(try StatusListEntry(json: value))
        }
        return result
    }
}
