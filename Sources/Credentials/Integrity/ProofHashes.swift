/// The inputs of an EdDSA Data Integrity signature, kept for tests (the W3C vectors publish each)
/// and diagnostics: the canonical proof configuration and document, their SHA-256 hashes, and
/// `combined` = proof configuration hash ‖ document hash, the 64 bytes that are signed.
/// The canonical forms are kept as the UTF-8 bytes that were hashed; the text is made on request.
public struct ProofHashes: Sendable, Hashable {
    public var canonicalProofConfigBytes: [UInt8]
    public var canonicalDocumentBytes: [UInt8]
    public var proofConfigHash: [UInt8]
    public var documentHash: [UInt8]

    public var canonicalProofConfig: String { String(decoding: canonicalProofConfigBytes, as: UTF8.self) }
    public var canonicalDocument: String { String(decoding: canonicalDocumentBytes, as: UTF8.self) }
    public var combined: [UInt8] { proofConfigHash + documentHash }
}
