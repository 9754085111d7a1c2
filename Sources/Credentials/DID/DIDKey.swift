import LinkedData

/// did:key for Ed25519 (W3C CCG did:key v0.7): the DID is `did:key:` + the Multikey public key,
/// and its one verification method is `did:key:z6Mk…#z6Mk…`. Resolving it needs no network: the
/// key is the identifier.
public struct DIDKey: Sendable, Hashable, CustomStringConvertible {
    /// `z6Mk…`
    public let publicKeyMultibase: String
    public let publicKey: [UInt8]

    public init(publicKey: [UInt8]) {
        self.publicKey = publicKey
        self.publicKeyMultibase = Multikey.encodeEd25519PublicKey(publicKey)
    }

    /// Parses `did:key:z6Mk…` or a verification method id `did:key:z6Mk…#z6Mk…`; a fragment must
    /// repeat the key (the only verification method a did:key document has).
    public init(parsing text: String) throws(DIDError) {
        guard text.hasPrefix("did:key:") else { throw .notDIDKey(text) }
        let rest = text.dropFirst("did:key:".count)
        let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let multibase = String(parts[0])
        if parts.count == 2, parts[1] != parts[0] { throw .unknownFragment(text) }
        do { publicKey = try Multikey.decodeEd25519PublicKey(multibase) } catch {
            throw .invalidKey(text, error)
        }
        publicKeyMultibase = multibase
    }

    /// `did:key:z6Mk…`
    public var did: String { "did:key:" + publicKeyMultibase }
    /// `did:key:z6Mk…#z6Mk…`
    public var verificationMethodID: String { did + "#" + publicKeyMultibase }
    public var description: String { did }

    public var verificationMethod: VerificationMethod {
        VerificationMethod(id: verificationMethodID, controller: did, publicKeyMultibase: publicKeyMultibase)
    }

    /// The DID document a did:key resolves to (Multikey form, VC 2.0 contexts).
    public var document: DIDDocument {
        DIDDocument(id: did, verificationMethods: [verificationMethod],
                    assertionMethod: [verificationMethodID], authentication: [verificationMethodID])
    }
}

public enum DIDError: Error, Equatable, Sendable, CustomStringConvertible {
    case notDIDKey(String)
    case notDIDWeb(String)
    case unknownFragment(String)
    case invalidKey(String, MultikeyError)
    case invalidDIDWeb(String)
    case invalidDocument(String)

    public var description: String {
        switch self {
        case .notDIDKey(let s): "'\(s)' is not a did:key"
        case .notDIDWeb(let s): "'\(s)' is not a did:web"
        case .unknownFragment(let s): "'\(s)': a did:key has one verification method, whose fragment repeats the key"
        case .invalidKey(let s, let e): "'\(s)': \(e)"
        case .invalidDIDWeb(let s): "'\(s)' is not a valid did:web (did:web:host[%3Aport][:path…])"
        case .invalidDocument(let why): "invalid DID document: \(why)"
        }
    }
}
