import LinkedData

/// A verification method a verifier has resolved from a trusted place (did:key, a did:web
/// document, or the caller's trust store) — never one copied out of the document being verified.
public struct VerificationMethod: Sendable, Hashable, Codable {
    /// Its id, e.g. `did:key:z6Mk…#z6Mk…` or `did:web:example.org#key-1`.
    public var id: String
    /// `Multikey` for new documents; `Ed25519VerificationKey2020` is read too.
    public var type: String
    /// Who controls the key: a verifier binds a proof to an issuer by comparing this with the
    /// credential's issuer id.
    public var controller: String
    /// `z6Mk…` (Multikey form of the Ed25519 public key).
    public var publicKeyMultibase: String

    public init(id: String, type: String = "Multikey", controller: String, publicKeyMultibase: String) {
        self.id = id
        self.type = type
        self.controller = controller
        self.publicKeyMultibase = publicKeyMultibase
    }

    /// The raw 32 Ed25519 public key bytes.
    public func ed25519PublicKey() throws(MultikeyError) -> [UInt8] {
        try Multikey.decodeEd25519PublicKey(publicKeyMultibase)
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("type", .string(type)),
            ("controller", .string(controller)), ("publicKeyMultibase", .string(publicKeyMultibase)),
        ]))
    }
}
