import Catalogue
import Credentials
import Crypto
import Foundation
import LinkedData
import Storage

/// A credential as issued: the stored record and its signed JSON.
public struct IssuedCredential: Sendable {
    public let record: IssuedCredentialRecord
    public let credential: JSONValue
    /// True when an earlier request with the same idempotency key had already issued it.
    public let replayed: Bool
}

/// Issues EmPass credentials: validates the award against the exact specification version, builds
/// the OpenBadgeCredential, and — in one database transaction — allocates its status indexes,
/// signs it with the organisation's key and stores it. A failure or a crash anywhere before the
/// commit leaves nothing behind.
public struct IssuanceService: Sendable {
    let credentials: any CredentialStore
    let organisations: any OrganisationStore
    let catalogue: SpecCatalogue
    let framework: SkillsFramework
    let keyring: IssuerKeyring
    let signer: DataIntegritySigner
    let clock: any Storage.WallClock
    let ids: UUIDv7Generator
    let random: any RandomSource
    let publicURL: URL
    /// Organisations' default format for awards.
    let settings: any IssuanceSettingsStore
    /// Test hook: runs after signing, before the store commits (to prove a failure there rolls back).
    var beforeCommit: (@Sendable (JSONValue) async throws -> Void)?

    init(services: AppServices) {
        credentials = services.credentials
        organisations = services.organisations
        catalogue = SpecCatalogue(services: services)
        framework = services.skills
        keyring = services.issuerKeyring
        signer = DataIntegritySigner(canonicalizer: services.credentialCanonicalizer, clock: CredentialsClock(services.clock))
        clock = services.clock
        ids = services.ids
        random = services.random
        publicURL = services.config.publicURL
        settings = services.issuanceSettings
    }

    /// Issues the credential for `award` on behalf of `organisation`.
    public func issue(_ award: AwardInput, organisation: Organisation, options: IssuanceOptions = IssuanceOptions()) async throws -> IssuedCredential {
        try checkIssuer(organisation)
        var chosen = options
        // VC-JWT when the request says so, else as the award says (a bulk row fixes it when
        // planned), else as the organisation chose; Data Integrity by default.
        if chosen.format == .dataIntegrity {
            if let format = award.format {
                chosen.format = format
            } else if let key = options.idempotencyKey,
                      let earlier = try await credentials.credential(organisationID: organisation.id, idempotencyKey: key) {
                // A retry is answered as the first attempt was issued, even if the setting changed since.
                chosen.format = SecuringFormat(earlier.format)
            } else if let setting = try await settings.credentialFormat(organisationID: organisation.id) {
                chosen.format = SecuringFormat(setting)
            }
        }
        let options = chosen
        let requestHash = try Self.requestHash(award, options)
        if let replay = try await replay(organisation: organisation, options: options, requestHash: requestHash) { return replay }

        guard let stored = try await catalogue.spec(id: SpecID(rawValue: award.specID), version: award.specVersion) else {
            throw IssuanceError.specNotFound(id: award.specID, version: award.specVersion)
        }
        guard stored.spec.status == .published else {
            throw IssuanceError.specNotIssuable(id: award.specID, version: award.specVersion, status: stored.spec.status.rawValue)
        }
        try validate(award, against: stored.spec)
        guard let testCentre = try await organisations.organisation(id: award.evidence.testCentre) else {
            throw IssuanceError.testCentreNotFound(award.evidence.testCentre.description)
        }
        let now = clock.now()
        let validFrom = award.validFrom ?? now
        if let until = award.validUntil, until <= validFrom {
            throw IssuanceError.invalidValidity("validUntil must be after validFrom")
        }
        let achievementID = AchievementMapper.achievementID(publicURL: publicURL.absoluteString, spec: stored.spec.reference)
        let achievement = try AchievementMapper(framework: framework).achievement(for: stored.spec, id: achievementID)
        let key = try await keyring.signingKey(for: organisation)
        let names = IssuerIdentity.names(kind: options.issuerIdentity, publicURL: publicURL, organisation: organisation, key: key)
        let salt = random.bytes(16).map { String(format: "%02x", $0) }.joined()
        let subjectID: String? = if case .did(let did) = award.learner { did } else { nil }

        return try await store(organisation: organisation, options: options, requestHash: requestHash, at: now) { id, entries in
            let unsigned = OpenBadgeCredentialBuilder().build(.init(
                credentialID: id, issuerID: names.issuer, issuerName: organisation.name, achievement: achievement,
                achievementID: achievementID, award: award, testCentre: testCentre, validFrom: validFrom,
                identitySalt: salt, statusEntries: entries))
            let signed = try self.sign(unsigned, key: key, verificationMethod: names.verificationMethod, options: options, at: now)
            return (signed, IssuedCredentialRecord(
                id: id, organisationID: organisation.id, learnerUserID: award.learnerUserID, subjectID: subjectID,
                specID: award.specID, specVersion: award.specVersion, credentialJSON: JSONSerializer.serialize(signed),
                issuedAt: now, validUntil: award.validUntil, requestHash: requestHash, format: options.format.stored))
        }
    }

    /// Signs and stores a caller-written credential (the VC-API): the organisation becomes its
    /// issuer whatever the document says, it gets an id and status entries, then a proof.
    public func issue(document: JSONValue, organisation: Organisation, options: IssuanceOptions = IssuanceOptions()) async throws -> IssuedCredential {
        try checkIssuer(organisation)
        guard case .object(var credential) = document else { throw IssuanceError.invalidCredential("credential must be a JSON object") }
        guard credential["proof"] == nil else { throw IssuanceError.invalidCredential("credential already has a proof") }
        guard case .array(let contexts)? = credential["@context"], contexts.first == .string(CredentialModel.v2.rawValue) else {
            throw IssuanceError.invalidCredential("@context must be an array starting with \(CredentialModel.v2.rawValue)")
        }
        let types = credential["type"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard types.contains("VerifiableCredential") else { throw IssuanceError.invalidCredential("type must include VerifiableCredential") }
        guard credential["credentialSubject"] != nil else { throw IssuanceError.invalidCredential("credentialSubject is missing") }
        if credential["credentialStatus"] != nil { throw IssuanceError.invalidCredential("credentialStatus is assigned by the issuer") }
        // The request hash only serves a retry with the same Idempotency-Key: without one, no
        // canonicalisation or hashing of the body.
        var hash: String?
        if options.idempotencyKey != nil {
            let canonical: String
            do { canonical = try JCS.canonicalize(document) } catch { throw IssuanceError.invalidCredential(error.description) }
            hash = Self.digest(canonical + "|" + String(describing: options.suite) + "|" + options.issuerIdentity.rawValue
                                      + "|" + options.statusLayout.rawValue + Self.formatHashSuffix(options))
        }
        let requestHash = hash
        if let replay = try await replay(organisation: organisation, options: options, requestHash: requestHash) { return replay }
        let key = try await keyring.signingKey(for: organisation)
        let names = IssuerIdentity.names(kind: options.issuerIdentity, publicURL: publicURL, organisation: organisation, key: key)
        let now = clock.now()
        if credential["validFrom"] == nil { credential["validFrom"] = .string(DateTimeStamp.format(now)) }
        let subjectID = credential["credentialSubject"]?["id"]?.stringValue
        let validUntil = credential["validUntil"]?.stringValue.flatMap { DateTimeStamp.parse($0) }
        let prepared = credential

        return try await store(organisation: organisation, options: options, requestHash: requestHash, at: now) { id, entries in
            var c = prepared
            c["id"] = .string(OpenBadgeCredentialBuilder.credentialURI(id))
            switch c["issuer"] {
            case .object(var issuer)?:
                issuer["id"] = .string(names.issuer)
                c["issuer"] = .object(issuer)
            default:
                c["issuer"] = .string(names.issuer)
            }
            let json = entries.map(\.json)
            c["credentialStatus"] = json.count == 1 ? json[0] : .array(json)
            let signed = try self.sign(.object(c), key: key, verificationMethod: names.verificationMethod, options: options, at: now)
            return (signed, IssuedCredentialRecord(
                id: id, organisationID: organisation.id, subjectID: subjectID, credentialJSON: JSONSerializer.serialize(signed),
                issuedAt: now, validUntil: validUntil, requestHash: requestHash, format: options.format.stored))
        }
    }

    // MARK: - Steps

    /// The one transaction: allocate → build and sign → store (see `CredentialStore.issue`).
    private func store(organisation: Organisation, options: IssuanceOptions, requestHash: String?, at now: Date,
                       make: @escaping @Sendable (IssuedCredentialID, [StatusListEntry]) throws -> (JSONValue, IssuedCredentialRecord))
        async throws -> IssuedCredential {
        let id = IssuedCredentialID(ids.next(at: now))
        let publicURL = self.publicURL
        let beforeCommit = self.beforeCommit
        do {
            let box = SignedBox()
            let record = try await credentials.issue(credentialID: id, organisationID: organisation.id, idempotencyKey: options.idempotencyKey,
                                                     purposes: options.statusLayout.purposes, at: now) { allocations in
                let entries = allocations.map {
                    StatusListEntry.make(purpose: StatusPurpose(rawValue: $0.purpose.rawValue)!, index: $0.index,
                                         listCredential: Self.statusListURL(publicURL: publicURL, list: $0.listID))
                }
                let (signed, record) = try make(id, entries)
                try await beforeCommit?(signed)
                box.value = signed
                return record
            }
            guard let signed = box.value else { throw IssuanceError.signingFailed("no credential was produced") }
            return IssuedCredential(record: record, credential: signed, replayed: false)
        } catch StorageError.duplicate(let what) {
            // A concurrent request with the same idempotency key committed first: answer with its credential.
            if let replay = try await replay(organisation: organisation, options: options, requestHash: requestHash) { return replay }
            throw StorageError.duplicate(what)
        }
    }

    private func replay(organisation: Organisation, options: IssuanceOptions, requestHash: String?) async throws -> IssuedCredential? {
        guard let key = options.idempotencyKey,
              let existing = try await credentials.credential(organisationID: organisation.id, idempotencyKey: key) else { return nil }
        guard existing.requestHash == requestHash else { throw IssuanceError.idempotencyKeyReused(key) }
        return IssuedCredential(record: existing, credential: try JSONParser().parse(Array(existing.credentialJSON.utf8)), replayed: true)
    }

    private func sign(_ unsigned: JSONValue, key: IssuerSigningKey, verificationMethod: String,
                      options: IssuanceOptions, at now: Date) throws -> JSONValue {
        if options.format == .vcJWT {
            // The credential is the JWS payload; kid is the same verification method a proof names.
            do { return EnvelopedCredential.wrap(try VCJWTSigner().sign(unsigned, key: key.keyPair, keyID: verificationMethod)) } catch {
                throw IssuanceError.signingFailed(error.description)
            }
        }
        let proofSuite: ProofSuite = options.suite == .eddsaJcs2022 ? .eddsaJcs2022 : .eddsaRdfc2022
        let signed: JSONValue
        do {
            signed = try signer.sign(unsigned, key: key.keyPair,
                                     options: ProofOptions(suite: proofSuite, verificationMethod: verificationMethod, created: now))
        } catch {
            throw IssuanceError.signingFailed(error.description)
        }
        // The OB 3.0 JSON Schema wants `proof` as an array; VC 2.0 allows both, and the proof is
        // not part of what it signs, so the one proof is wrapped in an array.
        guard case .object(var object) = signed, case .object(let proof)? = object["proof"] else { return signed }
        object["proof"] = .array([.object(proof)])
        return .object(object)
    }

    private func checkIssuer(_ organisation: Organisation) throws {
        guard organisation.kind == .issuer || organisation.kind == .testCentre else {
            throw IssuanceError.organisationCannotIssue("a \(organisation.kind.rawValue) is not an issuer or test centre")
        }
    }

    /// The award must match the specification version exactly: one result per assessed skill, at
    /// a level the framework defines, with a finite θ and a positive standard error when it has an
    /// estimate (a practical-only result has neither); rubric evidence only for assessed skills.
    func validate(_ award: AwardInput, against spec: MicroCredentialSpec) throws {
        let assessed = Set(spec.content.skills.map(\.skill.rawValue))
        var seen = Set<String>()
        for result in award.results {
            guard let skill = framework.skill(SkillID(rawValue: result.skill)) else { throw IssuanceError.unknownSkill(result.skill) }
            guard assessed.contains(result.skill) else { throw IssuanceError.skillNotInSpecification(result.skill) }
            guard seen.insert(result.skill).inserted else { throw IssuanceError.duplicateSkillResult(result.skill) }
            let levels = skill.levels.map(\.level).sorted()
            guard levels.contains(result.level) else {
                throw IssuanceError.levelOutOfRange(skill: result.skill, level: result.level, allowed: levels)
            }
            switch (result.theta, result.standardError) {
            case (nil, nil):
                break   // practical evidence: a level without an IRT estimate
            case (let theta?, let se?):
                guard theta.isFinite, abs(theta) <= 10 else {
                    throw IssuanceError.invalidEstimate(skill: result.skill, reason: "θ must be a finite number within ±10")
                }
                guard se.isFinite, se > 0 else {
                    throw IssuanceError.invalidEstimate(skill: result.skill, reason: "the standard error must be a positive number")
                }
            default:
                throw IssuanceError.invalidEstimate(skill: result.skill, reason: "θ and its standard error go together: give both or neither")
            }
        }
        for assessment in award.rubric ?? [] where !seen.contains(assessment.skill) {
            throw IssuanceError.skillNotInSpecification(assessment.skill)
        }
        if let missing = spec.content.skills.map(\.skill.rawValue).first(where: { !seen.contains($0) }) {
            throw IssuanceError.missingSkillResult(missing)
        }
        switch award.learner {
        case .did(let did):
            let parts = did.split(separator: ":", maxSplits: 2)
            guard parts.count == 3, parts[0] == "did", !parts[1].isEmpty, !parts[2].isEmpty,
                  !did.contains(where: { $0.isWhitespace }) else { throw IssuanceError.invalidLearnerDID(did) }
        case .email(let email):
            let parts = email.split(separator: "@")
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: { $0.isWhitespace }) else {
                throw IssuanceError.invalidLearnerEmail
            }
        }
    }

    public static func statusListURL(publicURL: URL, list: StatusListID) -> String {
        let base = publicURL.absoluteString.hasSuffix("/") ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
        return "\(base)/status/\(list)"
    }

    /// nil without an Idempotency-Key (nothing would ever compare it).
    static func requestHash(_ award: AwardInput, _ options: IssuanceOptions) throws -> String? {
        guard options.idempotencyKey != nil else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        // Hashing comes before validation; a NaN must still hash (and then be refused).
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        let body = String(decoding: try encoder.encode(award), as: UTF8.self)
        return digest(body + "|" + options.suite.rawValue + "|" + options.issuerIdentity.rawValue + "|" + options.statusLayout.rawValue
                      + formatHashSuffix(options))
    }

    /// A VC-JWT request differs from the same Data Integrity request (an idempotency key reused
    /// across formats is a conflict); Data Integrity hashes stay as they were before VC-JWT.
    static func formatHashSuffix(_ options: IssuanceOptions) -> String {
        options.format == .dataIntegrity ? "" : "|" + options.format.rawValue
    }

    static func digest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Carries the signed document out of the store's transaction closure.
private final class SignedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: JSONValue?
    var value: JSONValue? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
