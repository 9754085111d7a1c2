import Credentials
import Foundation
import LinkedData
import Storage

/// What the wallet shows of one stored credential, read from its signed JSON.
struct WalletCredentialSummary {
    let id: String
    let name: String
    let issuerName: String
    let issuedOn: String
    let validUntil: String?
    let skills: [AchievementElements.SkillLevel]
    let hasSkills: Bool
    let learnerName: String?
    /// How the stored credential is secured, in words (its format column).
    let securedAs: String
    let isJWT: Bool

    init(record: IssuedCredentialRecord, language: Language, t: @escaping (String) -> String?) {
        let credential = StoredCredentialDocument.credential(of: record) ?? JSONObject()
        let subject = credential["credentialSubject"]?.objectValue ?? JSONObject()
        let elements = AchievementElements(achievement: subject["achievement"]?.objectValue ?? JSONObject(),
                                           language: language.rawValue, t: t)
        id = record.id.description
        name = elements.name.isEmpty ? (credential["name"]?.stringValue ?? record.specID ?? "—") : elements.name
        issuerName = elements.text(credential["issuer"]?["name"]) ?? (credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue) ?? "—"
        issuedOn = Timestamp.format(record.issuedAt).prefix(10).description
        validUntil = record.validUntil.map { Timestamp.format($0).prefix(10).description }
        skills = elements.skillLevels(results: subject["result"]?.arrayValue ?? [])
        hasSkills = !skills.isEmpty
        learnerName = elements.text(subject["name"])
        isJWT = record.format == .vcJWT
        securedAs = t(isJWT ? "wallet_format_vc_jwt" : "wallet_format_data_integrity") ?? record.format.rawValue
    }
}

/// `/wallet`: the learner's credentials, each with downloads, share links and LinkedIn.
struct WalletPage {
    struct Share {
        let id: String
        let url: String
        let createdOn: String
        let revoked: Bool
        let certificateHref: String
        let linkedInHref: String
    }

    struct Item {
        let credential: WalletCredentialSummary
        let jsonHref: String
        let svgHref: String
        let pngHref: String
        /// The compact token, for a VC-JWT.
        let jwtHref: String?
        let shareAction: String
        let shares: [Share]
        let hasShares: Bool
        let linkedInHref: String
    }

    let items: [Item]
    let isEmpty: Bool
}

/// `/wallet/shares/{id}/certificate`: a printable certificate with a QR code of the share link.
struct CertificatePage {
    let credential: WalletCredentialSummary
    let shareURL: String
    let qrHref: String
}
