/// The outcome of verifying one credential: ordered checks, each with a status, a reason code and
/// a sentence for people. `isValid` holds only when no check failed. Codable, so the API and
/// `empass verify --json` return it as is.
public struct VerificationReport: Sendable, Hashable, Codable {
    public var checks: [VerificationCheck]
    /// The credential's issuer id, when the document names one.
    public var issuer: String?
    public var credentialID: String?

    public init(checks: [VerificationCheck] = [], issuer: String? = nil, credentialID: String? = nil) {
        self.checks = checks
        self.issuer = issuer
        self.credentialID = credentialID
    }

    public var isValid: Bool { !checks.isEmpty && !checks.contains { $0.status == .fail } }
    public var failures: [VerificationCheck] { checks.filter { $0.status == .fail } }
    public var warnings: [VerificationCheck] { checks.filter { $0.status == .warning } }
    public func checks(_ kind: VerificationCheck.Kind) -> [VerificationCheck] { checks.filter { $0.kind == kind } }

    enum CodingKeys: String, CodingKey { case isValid, issuer, credentialID, checks }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        checks = try c.decode([VerificationCheck].self, forKey: .checks)
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
        credentialID = try c.decodeIfPresent(String.self, forKey: .credentialID)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(isValid, forKey: .isValid)
        try c.encodeIfPresent(issuer, forKey: .issuer)
        try c.encodeIfPresent(credentialID, forKey: .credentialID)
        try c.encode(checks, forKey: .checks)
    }

    mutating func add(_ kind: VerificationCheck.Kind, _ status: VerificationCheck.Status, _ reason: VerificationCheck.Reason,
                      _ message: String, proofIndex: Int? = nil) {
        checks.append(VerificationCheck(kind: kind, status: status, reason: reason, message: message, proofIndex: proofIndex))
    }
}

public struct VerificationCheck: Sendable, Hashable, Codable {
    /// What was checked, in the order the verifier reports them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case parse, context, shape, keyResolution, proof, validityPeriod
        /// Revocation / suspension via the credential's status lists (added by CredentialStatusChecker).
        case status
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case pass, fail, warning, skipped
    }

    /// Why a check ended as it did; stable strings for the API and for tests.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case ok
        // parse
        case invalidJSON, notAnObject
        // context
        case missingContext, wrongBaseContext, contextNotAllowed, contextLoadFailed
        // shape
        case missingType, missingVerifiableCredentialType, missingOpenBadgeType, missingIssuer, invalidIssuer,
             missingCredentialSubject, invalidCredentialSubject, invalidValidFrom, invalidValidUntil,
             invalidIssuanceDate, invalidExpirationDate, missingIssuanceDate
        // proof
        case missingProof, malformedProof, unknownProofType, unknownCryptosuite, malformedProofValue,
             signatureMismatch, canonicalizationFailed, undefinedTerm, wrongProofPurpose, proofContextMismatch, invalidCreated,
             previousProofMissing, notVerifiedKeyUnresolved
        // key resolution
        case unknownKey, unsupportedDIDMethod, didWebUnavailable, didDocumentUnavailable, keyNotInDIDDocument,
             invalidKey, keyNotBoundToIssuer, keyNotAuthorizedForAssertion
        // validity period
        case expired, notYetValid, validUntilBeforeValidFrom, noValidityPeriod
        // status
        case revoked, suspended, statusNotChecked, noStatusDeclared
        // VC-JWT (VC-JOSE-COSE): the compact JWS and its protected header
        case malformedJWS, unsupportedAlgorithm, embeddedKeyRejected, unsupportedCriticalHeader, unsupportedMediaType,
             missingKeyID, jwtClaimConflict, embeddedProofIgnored
    }

    public var kind: Kind
    public var status: Status
    public var reason: Reason
    public var message: String
    /// Which entry of `proof` this check is about (0-based), for proof and key checks.
    public var proofIndex: Int?

    public init(kind: Kind, status: Status, reason: Reason, message: String, proofIndex: Int? = nil) {
        self.kind = kind
        self.status = status
        self.reason = reason
        self.message = message
        self.proofIndex = proofIndex
    }
}

extension VerificationCheck: CustomStringConvertible {
    public var description: String {
        let which = proofIndex.map { " [proof \($0)]" } ?? ""
        return "\(status.rawValue.uppercased()) \(kind.rawValue)\(which) (\(reason.rawValue)): \(message)"
    }
}
