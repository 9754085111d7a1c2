import Credentials
import LinkedData
import Storage

/// How an issued credential is secured. Data Integrity (an embedded eddsa-rdfc-2022 or
/// eddsa-jcs-2022 proof) is the default; a VC-JWT (W3C VC-JOSE-COSE, media type
/// `application/vc+jwt`) is chosen with `options.format` on POST /credentials/issue. A VC-JWT is
/// returned and stored as an EnvelopedVerifiableCredential (VC-DM 2.0 §4.13) whose id is
/// `data:application/vc+jwt,<compact JWS>` — the form the VC-API and the W3C VC-JOSE-COSE test
/// suite exchange — so the stored JSON keeps its format and still says what it is.
public enum SecuringFormat: String, Sendable, Hashable, Codable {
    case dataIntegrity = "application/vc"
    case vcJWT = "application/vc+jwt"

    init(_ stored: StoredCredentialFormat) {
        self = stored == .vcJWT ? .vcJWT : .dataIntegrity
    }

    /// As the credential's row records it.
    var stored: StoredCredentialFormat { self == .vcJWT ? .vcJWT : .dataIntegrity }

    /// The values `options.format` accepts (the media types, and short names for people).
    init?(option: String) {
        switch option {
        case "application/vc", "vc", "data-integrity": self = .dataIntegrity
        case "application/vc+jwt", "vc+jwt", "vc-jwt": self = .vcJWT
        default: return nil
        }
    }
}

/// A stored or submitted credential, whichever way it is secured: the JSON document, or a
/// VC-JWT with the credential its payload carries (unverified: for display and status lookups).
/// A stored credential says how it is secured (`IssuedCredentialRecord.format`).
enum StoredCredentialDocument {
    /// The credential a stored record holds, read as its format column says.
    static func credential(of record: IssuedCredentialRecord) -> JSONObject? {
        switch record.format {
        case .vcJWT:
            guard let envelope = try? JSONParser().parse(record.credentialJSON),
                  let token = EnvelopedCredential.compactJWS(in: envelope) else { return nil }
            return VCJWT.unverifiedCredential(in: token)
        case .dataIntegrity:
            return (try? JSONParser().parse(record.credentialJSON))?.objectValue
        }
    }

    /// What to bake for a stored record: the compact JWS of a VC-JWT (OB 3.0 §5.3), else the JSON.
    static func baked(of record: IssuedCredentialRecord) -> BakedCredential {
        if record.format == .vcJWT, let envelope = try? JSONParser().parse(record.credentialJSON),
           let token = EnvelopedCredential.compactJWS(in: envelope) {
            return .compactJWS(token)
        }
        return .json(record.credentialJSON)
    }
}

extension AppServices {
    /// Organisations' issuance settings (the one SQL store over this database).
    var issuanceSettings: any IssuanceSettingsStore { SQLStore(database: database, random: random) }

    /// The VC-JWT verifier with the same key resolution as `credentialVerifier` (did:key, this
    /// platform's did:web documents from the database).
    var vcJWTVerifier: VCJWTVerifier {
        VCJWTVerifier(keyResolver: credentialVerifier.keyResolver, clock: CredentialsClock(clock))
    }
}
