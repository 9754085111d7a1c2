import Foundation

/// A signed credential as issued and stored. `credentialJSON` is the exact signed text, served
/// byte for byte; the other columns index it.
public struct IssuedCredentialRecord: Sendable, Hashable {
    public var id: IssuedCredentialID
    public var organisationID: OrganisationID
    /// The platform user it was awarded to, when there is one (VC-API callers may name none).
    public var learnerUserID: UserID?
    /// `credentialSubject.id` as issued (a DID, or nil when the subject is an IdentityObject).
    public var subjectID: String?
    public var specID: String?
    public var specVersion: Int?
    public var credentialJSON: String
    public var issuedAt: Date
    public var validUntil: Date?
    /// Unique per organisation: a retried request with the same key gets this credential back.
    public var idempotencyKey: String?
    /// SHA-256 of the request that created it, so a key reused for a different request is refused.
    public var requestHash: String?
    /// The indexes allocated to it, one per purpose (filled in by the store).
    public var statusEntries: [StatusAllocation]
    /// How `credentialJSON` is secured.
    public var format: StoredCredentialFormat

    public init(id: IssuedCredentialID, organisationID: OrganisationID, learnerUserID: UserID? = nil, subjectID: String? = nil,
                specID: String? = nil, specVersion: Int? = nil, credentialJSON: String, issuedAt: Date,
                validUntil: Date? = nil, idempotencyKey: String? = nil, requestHash: String? = nil,
                statusEntries: [StatusAllocation] = [], format: StoredCredentialFormat = .dataIntegrity) {
        self.id = id
        self.organisationID = organisationID
        self.learnerUserID = learnerUserID
        self.subjectID = subjectID
        self.specID = specID
        self.specVersion = specVersion
        self.credentialJSON = credentialJSON
        self.issuedAt = issuedAt
        self.validUntil = validUntil
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.statusEntries = statusEntries
        self.format = format
    }
}

/// A credential's status as its entries say: revoked wins over suspended.
public enum CredentialState: String, Sendable, Codable, CaseIterable {
    case active, suspended, revoked
}

/// How a stored credential is secured (its media type): an embedded Data Integrity proof, or a
/// VC-JWT kept as an EnvelopedVerifiableCredential.
public enum StoredCredentialFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case dataIntegrity = "application/vc"
    case vcJWT = "application/vc+jwt"
}
