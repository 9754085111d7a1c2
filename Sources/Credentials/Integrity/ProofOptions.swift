import Foundation

/// What a new proof says about itself. `verificationMethod` nil means the key's did:key
/// (`did:key:z6Mk…#z6Mk…`); `created` nil means the signer's clock.
public struct ProofOptions: Sendable, Hashable {
    public var suite: ProofSuite
    public var verificationMethod: String?
    public var created: Date?
    public var proofPurpose: String
    /// Optional proof id (needed when later proofs chain to this one).
    public var id: String?
    /// Ids of existing proofs this one endorses (a proof chain); they are signed along.
    public var previousProof: [String]

    public init(suite: ProofSuite = .eddsaRdfc2022, verificationMethod: String? = nil, created: Date? = nil,
                proofPurpose: String = "assertionMethod", id: String? = nil, previousProof: [String] = []) {
        self.suite = suite
        self.verificationMethod = verificationMethod
        self.created = created
        self.proofPurpose = proofPurpose
        self.id = id
        self.previousProof = previousProof
    }
}
