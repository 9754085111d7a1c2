import Foundation

public enum IssuerKeyStatus: String, Sendable, Codable, CaseIterable {
    /// Signs new credentials; one per organisation at most.
    case active
    /// Signs nothing new but stays published so earlier credentials still verify.
    case retired
}

/// An organisation's Ed25519 key as stored. The private key is only ever held sealed here
/// (`sealedPrivateKey`: AES-GCM nonce ‖ ciphertext ‖ tag, base64, under the master key whose
/// fingerprint is `masterKeyID`); Storage never sees it in clear.
public struct IssuerKeyRecord: Sendable, Hashable {
    public var id: IssuerKeyID
    public var organisationID: OrganisationID
    /// The verification method's fragment in the organisation's DID document (`#key-…`).
    public var fragment: String
    public var publicKeyMultibase: String
    public var sealedPrivateKey: String
    public var masterKeyID: String
    public var status: IssuerKeyStatus
    public var createdAt: Date
    public var retiredAt: Date?

    public init(id: IssuerKeyID, organisationID: OrganisationID, fragment: String, publicKeyMultibase: String,
                sealedPrivateKey: String, masterKeyID: String, status: IssuerKeyStatus = .active,
                createdAt: Date, retiredAt: Date? = nil) {
        self.id = id
        self.organisationID = organisationID
        self.fragment = fragment
        self.publicKeyMultibase = publicKeyMultibase
        self.sealedPrivateKey = sealedPrivateKey
        self.masterKeyID = masterKeyID
        self.status = status
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }
}
