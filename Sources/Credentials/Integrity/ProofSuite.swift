import LinkedData

/// The proof kinds this library knows: the two Data Integrity EdDSA cryptosuites it creates and
/// verifies, and the legacy Ed25519Signature2020 it verifies (OB 3.0 v1-era credentials).
public enum ProofSuite: String, Sendable, Hashable, Codable, CaseIterable {
    case eddsaRdfc2022 = "eddsa-rdfc-2022"
    case eddsaJcs2022 = "eddsa-jcs-2022"
    case ed25519Signature2020 = "Ed25519Signature2020"

    /// The suites a signer may create.
    public static let signable: [ProofSuite] = [.eddsaRdfc2022, .eddsaJcs2022]

    /// Canonicalisation: RDFC-1.0 over JSON-LD toRdf, or JCS over the JSON text.
    var usesRDFCanonicalization: Bool { self != .eddsaJcs2022 }

    /// The proof `type` written for this suite.
    var proofType: String { self == .ed25519Signature2020 ? "Ed25519Signature2020" : "DataIntegrityProof" }

    /// Which suite a proof claims, from `type` and `cryptosuite`.
    static func identify(_ proof: JSONObject) -> Identification {
        guard let type = proof["type"]?.stringValue else { return .unknownType("(none)") }
        switch type {
        case "DataIntegrityProof":
            guard let name = proof["cryptosuite"]?.stringValue else { return .unknownCryptosuite("(none)") }
            switch name {
            case "eddsa-rdfc-2022": return .known(.eddsaRdfc2022)
            case "eddsa-jcs-2022": return .known(.eddsaJcs2022)
            default: return .unknownCryptosuite(name)
            }
        case "Ed25519Signature2020": return .known(.ed25519Signature2020)
        default: return .unknownType(type)
        }
    }

    enum Identification: Equatable {
        case known(ProofSuite)
        case unknownType(String)
        case unknownCryptosuite(String)
    }
}
