/// Why a compact JWS was refused before any key was looked at (RFC 7515 §5.2 plus this
/// verifier's policy: EdDSA only, no keys carried in the token, no unknown critical headers).
public enum JWSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Compact serialisation is exactly three segments separated by `.` (a JWE has five).
    case wrongSegmentCount(Int)
    case emptySegment(String)
    case invalidBase64URL(segment: String, Base64URLError)
    case headerNotJSON(String)
    case headerNotObject
    case missingAlgorithm
    /// `alg: none` (an unsecured JWS) — never accepted.
    case unsecuredAlgorithm
    /// Any algorithm but EdDSA (HS256 with a public key as secret, RS256, ES256, …).
    case algorithmNotAllowed(String)
    /// `jwk`, `x5c`, `x5u` or `jku`: a key the token offers for itself; keys come only from the resolver.
    case embeddedKey(String)
    case unsupportedCritical([String])
    case unsupportedType(String)
    case payloadNotJSON(String)
    case payloadNotObject
    case invalidSignatureLength(Int)
    /// The header parameter has the wrong JSON type (e.g. `kid` is a number).
    case invalidHeaderParameter(String)

    public var description: String {
        switch self {
        case .wrongSegmentCount(let n): "a compact JWS has 3 segments separated by '.', this has \(n)"
        case .emptySegment(let name): "the JWS \(name) segment is empty"
        case .invalidBase64URL(let segment, let error): "the JWS \(segment) segment is not base64url: \(error)"
        case .headerNotJSON(let why): "the JWS protected header is not JSON: \(why)"
        case .headerNotObject: "the JWS protected header is not a JSON object"
        case .missingAlgorithm: "the JWS protected header has no alg"
        case .unsecuredAlgorithm: "alg none (an unsecured JWS) is never accepted"
        case .algorithmNotAllowed(let alg): "alg \(alg) is not accepted; only EdDSA (Ed25519) is"
        case .embeddedKey(let name): "the JWS header carries a key (\(name)); keys are taken only from the issuer's DID, never from the token"
        case .unsupportedCritical(let names): "the JWS marks header parameters this verifier does not understand as critical: \(names.joined(separator: ", "))"
        case .unsupportedType(let typ): "typ \(typ) is not a VC 2.0 JOSE credential (expected vc+jwt)"
        case .payloadNotJSON(let why): "the JWS payload is not JSON: \(why)"
        case .payloadNotObject: "the JWS payload is not a JSON object (a credential)"
        case .invalidSignatureLength(let n): "an Ed25519 signature is 64 bytes, this one is \(n)"
        case .invalidHeaderParameter(let name): "the JWS header parameter \(name) has the wrong type"
        }
    }

    /// The report's reason code for this refusal.
    public var reason: VerificationCheck.Reason {
        switch self {
        case .wrongSegmentCount, .emptySegment, .invalidBase64URL, .headerNotJSON, .headerNotObject, .missingAlgorithm,
             .invalidSignatureLength, .invalidHeaderParameter: .malformedJWS
        case .unsecuredAlgorithm, .algorithmNotAllowed: .unsupportedAlgorithm
        case .embeddedKey: .embeddedKeyRejected
        case .unsupportedCritical: .unsupportedCriticalHeader
        case .unsupportedType: .unsupportedMediaType
        case .payloadNotJSON: .invalidJSON
        case .payloadNotObject: .notAnObject
        }
    }
}
