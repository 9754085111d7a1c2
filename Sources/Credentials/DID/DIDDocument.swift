import LinkedData

/// The parts of a DID document (DID Core 1.0) a credential verifier needs: verification methods
/// and which of them may make assertions. Builds the document an issuer publishes (did:web) and
/// reads one fetched for verification.
public struct DIDDocument: Sendable, Hashable {
    public var id: String
    public var verificationMethods: [VerificationMethod]
    /// Verification method ids allowed to sign credentials (`assertionMethod`).
    public var assertionMethod: [String]
    public var authentication: [String]

    public init(id: String, verificationMethods: [VerificationMethod], assertionMethod: [String], authentication: [String] = []) {
        self.id = id
        self.verificationMethods = verificationMethods
        self.assertionMethod = assertionMethod
        self.authentication = authentication
    }

    /// An issuer's document: every key listed (old ones too, so credentials signed before a
    /// rotation still verify), the `active` ones also under assertionMethod and authentication.
    /// Rotated-out keys stay in assertionMethod as well: a credential's proof was valid when made.
    public static func issuer(did: String, keys: [(fragment: String, publicKeyMultibase: String)]) -> DIDDocument {
        let methods = keys.map {
            VerificationMethod(id: did + "#" + $0.fragment, controller: did, publicKeyMultibase: $0.publicKeyMultibase)
        }
        return DIDDocument(id: did, verificationMethods: methods,
                           assertionMethod: methods.map(\.id), authentication: methods.map(\.id))
    }

    public func verificationMethod(id wanted: String) -> VerificationMethod? {
        verificationMethods.first { $0.id == wanted || (wanted.hasPrefix("#") && $0.id == id + wanted) }
    }

    /// JSON-LD form, as served at `/.well-known/did.json` or `/orgs/{slug}/did.json`.
    public var json: JSONValue {
        .object(JSONObject([
            ("@context", .array([.string("https://www.w3.org/ns/did/v1"), .string("https://w3id.org/security/multikey/v1")])),
            ("id", .string(id)),
            ("verificationMethod", .array(verificationMethods.map(\.json))),
            ("assertionMethod", .array(assertionMethod.map(JSONValue.string))),
            ("authentication", .array(authentication.map(JSONValue.string))),
        ]))
    }

    /// Reads a fetched document. Relative ids (`#key-1`) are resolved against the document id;
    /// embedded verification methods in assertionMethod are accepted as DID Core allows.
    public init(json: JSONValue) throws(DIDError) {
        guard case .object(let object) = json else { throw .invalidDocument("not a JSON object") }
        guard let id = object["id"]?.stringValue else { throw .invalidDocument("no id") }
        func absolute(_ ref: String) -> String { ref.hasPrefix("#") ? id + ref : ref }
        func method(_ value: JSONValue) throws(DIDError) -> VerificationMethod {
            guard let vmID = value["id"]?.stringValue else { throw .invalidDocument("verification method without id") }
            guard let key = value["publicKeyMultibase"]?.stringValue else {
                throw .invalidDocument("verification method \(vmID) has no publicKeyMultibase")
            }
            return VerificationMethod(id: absolute(vmID), type: value["type"]?.stringValue ?? "Multikey",
                                      controller: value["controller"]?.stringValue.map(absolute) ?? id,
                                      publicKeyMultibase: key)
        }
        var methods: [VerificationMethod] = []
        for value in object["verificationMethod"]?.arrayValue ?? [] { methods.append(try method(value)) }
        func references(_ key: String) throws(DIDError) -> [String] {
            var ids: [String] = []
            for value in object[key]?.arrayValue ?? [] {
                if let ref = value.stringValue { ids.append(absolute(ref)) } else {
                    let embedded = try method(value)
                    methods.append(embedded)
                    ids.append(embedded.id)
                }
            }
            return ids
        }
        let assertion = try references("assertionMethod")
        let authentication = try references("authentication")
        self.init(id: id, verificationMethods: methods, assertionMethod: assertion, authentication: authentication)
    }
}
