import Foundation
import LinkedData

/// A BitstringStatusListCredential: a VC 2.0 credential whose subject carries the encoded list.
/// `unsigned()` builds one for an issuer to sign; `init(json:)` reads one a verifier fetched
/// (its proof is checked by `CredentialVerifier`, not here).
public struct BitstringStatusListCredential: Sendable, Hashable {
    public static let credentialType = "BitstringStatusListCredential"
    public static let subjectType = "BitstringStatusList"

    public var id: String
    public var issuer: String
    public var purposes: [StatusPurpose]
    public var bitstring: StatusBitstring
    public var validFrom: Date?
    public var validUntil: Date?
    /// Milliseconds a verifier may cache the list (the specification's `ttl`).
    public var ttl: Int?

    public init(id: String, issuer: String, purpose: StatusPurpose, bitstring: StatusBitstring,
                validFrom: Date? = nil, validUntil: Date? = nil, ttl: Int? = nil) {
        self.id = id
        self.issuer = issuer
        self.purposes = [purpose]
        self.bitstring = bitstring
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.ttl = ttl
    }

    /// The subject's id: the list credential's URL with `#list`.
    public var subjectID: String { id + "#list" }

    /// The credential without proof, ready for `DataIntegritySigner`.
    public func unsigned() -> JSONValue {
        var subject = JSONObject()
        subject["id"] = .string(subjectID)
        subject["type"] = .string(Self.subjectType)
        subject["statusPurpose"] = purposes.count == 1 ? .string(purposes[0].rawValue) : .array(purposes.map { .string($0.rawValue) })
        subject["encodedList"] = .string(StatusListEncoding.encode(bitstring))
        if let ttl { subject["ttl"] = .number(JSONNumber(ttl)) }

        var credential = JSONObject()
        credential["@context"] = .array([.string(CredentialModel.v2.rawValue)])
        credential["id"] = .string(id)
        credential["type"] = .array([.string("VerifiableCredential"), .string(Self.credentialType)])
        credential["issuer"] = .string(issuer)
        if let validFrom { credential["validFrom"] = .string(DateTimeStamp.format(validFrom)) }
        if let validUntil { credential["validUntil"] = .string(DateTimeStamp.format(validUntil)) }
        credential["credentialSubject"] = .object(subject)
        return .object(credential)
    }

    public init(json: JSONValue, maximumBytes: Int = StatusListEncoding.maximumDecodedBytes) throws(StatusListError) {
        guard case .object(let o) = json else { throw .invalidListCredential("not a JSON object") }
        let types: [String] = o["type"]?.arrayValue?.compactMap(\.stringValue) ?? o["type"]?.stringValue.map { [$0] } ?? []
        guard types.contains(Self.credentialType) else { throw .invalidListCredential("type does not include \(Self.credentialType)") }
        guard let id = o["id"]?.stringValue else { throw .invalidListCredential("id is missing") }
        let issuer: String? = o["issuer"]?.stringValue ?? o["issuer"]?["id"]?.stringValue
        guard let issuer else { throw .invalidListCredential("issuer is missing") }
        guard case .object(let subject)? = o["credentialSubject"] else { throw .invalidListCredential("credentialSubject is not an object") }
        guard subject["type"]?.stringValue == Self.subjectType else {
            throw .invalidListCredential("credentialSubject.type must be \(Self.subjectType)")
        }
        let purposeTexts: [String]
        switch subject["statusPurpose"] {
        case .string(let s)?: purposeTexts = [s]
        case .array(let items)?: purposeTexts = items.compactMap(\.stringValue)
        default: throw .invalidListCredential("credentialSubject.statusPurpose is missing")
        }
        var purposes: [StatusPurpose] = []
        for text in purposeTexts {
            guard let p = StatusPurpose(rawValue: text) else { throw .invalidListCredential("unknown statusPurpose \(text)") }
            purposes.append(p)
        }
        guard !purposes.isEmpty else { throw .invalidListCredential("credentialSubject.statusPurpose is empty") }
        guard let encoded = subject["encodedList"]?.stringValue else { throw .invalidListCredential("encodedList is missing") }
        let bitstring = try StatusListEncoding.decode(encoded, maximumBytes: maximumBytes)
        try bitstring.validateLength()

        self.id = id
        self.issuer = issuer
        self.purposes = purposes
        self.bitstring = bitstring
        self.validFrom = o["validFrom"]?.stringValue.flatMap { DateTimeStamp.parse($0) }
        self.validUntil = o["validUntil"]?.stringValue.flatMap { DateTimeStamp.parse($0) }
        if case .number(let n)? = subject["ttl"], n.isIntegerLiteral { self.ttl = Int(n.text) } else { self.ttl = nil }
    }

    /// The status of one entry in this list (the specification's validation algorithm, steps after
    /// fetching and verifying the list credential).
    public func status(of entry: StatusListEntry) throws(StatusListError) -> StatusCheck {
        guard entry.listCredential == id else { throw .listCredentialMismatch(entry: entry.listCredential, list: id) }
        guard purposes.contains(entry.purpose) else {
            throw .purposeMismatch(entry: entry.purpose.rawValue, list: purposes.map(\.rawValue))
        }
        let value = try bitstring.value(at: entry.index, statusSize: entry.statusSize)
        return StatusCheck(purpose: entry.purpose, index: entry.index, value: value)
    }
}

/// One entry's status: `isSet` means revoked for a revocation list, suspended for a suspension list.
public struct StatusCheck: Sendable, Hashable {
    public var purpose: StatusPurpose
    public var index: Int
    public var value: Int
    public var isSet: Bool { value != 0 }

    public init(purpose: StatusPurpose, index: Int, value: Int) {
        self.purpose = purpose
        self.index = index
        self.value = value
    }
}
