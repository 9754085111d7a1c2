/// The inputs of an EdDSA Data Integrity signature, kept for tests (the W3C vectors publish each)
/// and diagnostics: the canonical proof configuration and document, their SHA-256 hashes, and
/// `combined` = proof configuration hash ‖ document hash, the 64 bytes that are signed.
public struct ProofHashes: Sendable, Hashable {
    public var canonicalProofConfig: String
    public var canonicalDocument: String
    public var proofConfigHash: [UInt8]
    public var documentHash: [UInt8]

    public var combined: [UInt8] { proofConfigHash + documentHash }
}
