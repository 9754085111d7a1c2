/// Turns a proof's `verificationMethod` into a public key from a place the verifier trusts.
/// Implementations must never take a key from the document under verification.
public protocol KeyResolver: Sendable {
    func resolve(verificationMethod: String) async throws(KeyResolutionError) -> ResolvedKey
}

/// A key and where it came from. `method.controller` is what binding to the issuer compares.
public struct ResolvedKey: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Codable {
        case didKey, didWeb, trustStore
    }
    public var method: VerificationMethod
    public var source: Source
    /// Whether the controller lists the method under assertionMethod (did:key and the trust store
    /// imply it).
    public var authorizedForAssertion: Bool

    public init(method: VerificationMethod, source: Source, authorizedForAssertion: Bool = true) {
        self.method = method
        self.source = source
        self.authorizedForAssertion = authorizedForAssertion
    }
}

public enum KeyResolutionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No resolver knows this verification method (e.g. an https URL that is not in the trust store).
    case unknownKey(String)
    case unsupportedDIDMethod(String)
    /// did:web needs a fetcher; the offline verifier has none.
    case didWebUnavailable(String)
    case fetchFailed(String, reason: String)
    case notInDocument(String)
    case invalid(String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let vm): "no trusted key for verification method \(vm) (not a did:key, not a did:web, not in the trust store)"
        case .unsupportedDIDMethod(let vm): "unsupported DID method in \(vm)"
        case .didWebUnavailable(let vm): "\(vm) is a did:web and this verifier is offline (no DID document fetcher)"
        case .fetchFailed(let vm, let reason): "could not fetch the DID document for \(vm): \(reason)"
        case .notInDocument(let vm): "the DID document does not list verification method \(vm)"
        case .invalid(let vm, let reason): "verification method \(vm): \(reason)"
        }
    }
}
