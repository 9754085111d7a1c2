/// Why a proof could not be created or checked (as opposed to a signature that does not match,
/// which is a verdict, reported in the `VerificationReport`).
public enum DataIntegrityError: Error, Equatable, Sendable, CustomStringConvertible {
    case documentNotAnObject
    case missingContext
    case canonicalization(String)
    /// A value JSON-LD would drop from the signed dataset (not defined by the contexts).
    case undefinedTerm(String)
    case invalidCreated(String)
    case unsupportedSuite(String)
    case previousProofNotFound(String)
    case signing(String)

    public var description: String {
        switch self {
        case .documentNotAnObject: "the document to sign is not a JSON object"
        case .missingContext: "the document has no @context (required by eddsa-rdfc-2022)"
        case .canonicalization(let why): "canonicalisation failed: \(why)"
        case .undefinedTerm(let what): "\(what) is not defined by the document's contexts, so a signature could not cover it"
        case .invalidCreated(let s): "'\(s)' is not an XML Schema dateTimeStamp"
        case .unsupportedSuite(let s): "cannot sign with \(s); use eddsa-rdfc-2022 or eddsa-jcs-2022"
        case .previousProofNotFound(let id): "previousProof \(id) is not among the document's proofs"
        case .signing(let why): "Ed25519 signing failed: \(why)"
        }
    }
}
