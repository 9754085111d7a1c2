import LinkedData

/// Secures a VC 2.0 credential as a VC-JWT (VC-JOSE-COSE §3.1.1): the credential JSON, exactly as
/// serialised, is the JWS payload; the protected header is
/// `{"alg":"EdDSA","kid":<verification method>,"typ":"vc+jwt","cty":"vc"}`. No JWT claims
/// (iss, iat, …) are added: the credential's own members say everything, and duplicating them
/// only creates chances to disagree.
public struct VCJWTSigner: Sendable {
    public init() {}

    /// - Parameter keyID: the verification method that verifiers resolve (did:key or did:web with
    ///   a fragment); defaults to the key's did:key (`did:key:z6Mk…#z6Mk…`).
    public func sign(_ credential: JSONValue, key: Ed25519KeyPair, keyID: String? = nil) throws(VCJWTError) -> String {
        guard case .object(let object) = credential else { throw .notAnObject }
        let first = object["@context"]?.arrayValue?.first ?? object["@context"]
        guard first?.stringValue == CredentialModel.v2.rawValue else { throw .notVC2 }
        guard object["proof"] == nil else { throw .alreadyHasProof }
        let header = JSONObject([
            ("alg", .string("EdDSA")),
            ("kid", .string(keyID ?? key.didKey.verificationMethodID)),
            ("typ", .string(VCJWT.typ)),
            ("cty", .string(VCJWT.cty)),
        ])
        do { return try CompactJWS.sign(header: header, payload: JSONSerializer.serializeBytes(credential), key: key) } catch {
            throw .signing(String(describing: error))
        }
    }
}

public enum VCJWTError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnObject
    /// VC-JOSE-COSE secures VC 2.0 documents only.
    case notVC2
    /// A credential with an embedded proof is secured already; enveloping it as well would leave
    /// verifiers two answers to reconcile.
    case alreadyHasProof
    case signing(String)

    public var description: String {
        switch self {
        case .notAnObject: "a credential is a JSON object"
        case .notVC2: "a VC-JWT secures a VC 2.0 credential: the first @context must be \(CredentialModel.v2.rawValue)"
        case .alreadyHasProof: "the credential already has an embedded proof; sign the unsecured credential"
        case .signing(let why): "Ed25519 signing failed: \(why)"
        }
    }
}
