import Credentials
import Foundation
import LinkedData
import Storage

/// A signed BitstringStatusListCredential ready to serve, with the validator a client caches by.
struct PublishedStatusList: Sendable {
    let etag: String
    let body: [UInt8]
}

/// Builds and signs the status list credentials served at `/status/{list}`.
///
/// A list's content is a function of its id and its `version`, which the store bumps in the
/// transaction that changes one of its entries; so the ETag is known from the list's row alone
/// (one primary-key read, whatever the list holds), a conditional request is answered 304 from
/// it, and the signed bytes are rebuilt only when the version moved. The ETag is weak: processes
/// sign the same content at different `created` times. A key rotation does not re-sign an
/// unchanged list: its proof by the retired key still verifies (retired keys stay published).
struct StatusListPublisher: Sendable {
    let services: AppServices

    /// How long clients and caches may reuse a list before asking again (revocations show up
    /// within this time, and a conditional request costs one query). Also the list's `ttl`.
    static let maxAgeSeconds = 60

    /// The list's row (with its version); `AppError.notFound` when there is none.
    func list(_ listID: StatusListID) async throws -> StatusListRecord {
        guard let list = try await services.statusLists.statusList(id: listID) else { throw AppError.notFound("this status list") }
        return list
    }

    static func etag(_ list: StatusListRecord) -> String { "W/\"v\(list.version)\"" }

    /// The signed list for `list` as it is at its version: from memory when already signed.
    func publish(_ list: StatusListRecord) async throws -> PublishedStatusList {
        let etag = Self.etag(list)
        if let cached = await services.publishedStatusLists.get(list.id), cached.etag == etag { return cached }
        guard let organisation = try await services.organisations.organisation(id: list.organisationID) else {
            throw AppError.notFound("this status list")
        }
        let setIndexes = try await services.statusLists.setIndexes(listID: list.id)
        let key = try await services.issuerKeyring.signingKey(for: organisation)
        var bits = StatusBitstring(bitCount: list.capacity)
        for index in setIndexes { bits[bit: index] = true }
        let names = IssuerIdentity.names(kind: .didWeb, publicURL: services.config.publicURL, organisation: organisation, key: key)
        let credential = BitstringStatusListCredential(
            id: IssuanceService.statusListURL(publicURL: services.config.publicURL, list: list.id), issuer: names.issuer,
            purpose: list.purpose == .revocation ? .revocation : .suspension, bitstring: bits, validFrom: list.createdAt,
            ttl: Self.maxAgeSeconds * 1000)
        let signer = DataIntegritySigner(canonicalizer: services.credentialCanonicalizer, clock: CredentialsClock(services.clock))
        let signed = try signer.sign(credential.unsigned(), key: key.keyPair,
                                     options: ProofOptions(verificationMethod: names.verificationMethod))
        let published = PublishedStatusList(etag: etag, body: JSONSerializer.serializeBytes(signed))
        await services.publishedStatusLists.put(list.id, published)
        return published
    }

    func publish(listID: StatusListID) async throws -> PublishedStatusList {
        try await publish(try await list(listID))
    }
}

/// Signed lists by list id, per application (one entry per list; a few hundred bytes each). Not
/// process-global: list ids are unique within a database, and a process may host several apps
/// (tests do), whose lists must not answer for each other.
actor StatusListCache {
    private var entries: [StatusListID: PublishedStatusList] = [:]
    func get(_ id: StatusListID) -> PublishedStatusList? { entries[id] }
    func put(_ id: StatusListID, _ value: PublishedStatusList) { entries[id] = value }
}

/// Revoke, suspend, unsuspend: one place that changes a credential's status and audits it.
struct CredentialStatusService: Sendable {
    enum Change: String, Sendable, CaseIterable {
        case revoke, suspend, unsuspend

        var purpose: StatusListPurpose { self == .revoke ? .revocation : .suspension }
        var isSet: Bool { self != .unsuspend }
        var auditAction: AuditAction {
            switch self {
            case .revoke: .credentialRevoked
            case .suspend: .credentialSuspended
            case .unsuspend: .credentialUnsuspended
            }
        }
    }

    let services: AppServices

    /// The credential, if it exists and was issued by `organisation` (nil: any organisation).
    func credential(_ id: IssuedCredentialID, issuedBy organisation: OrganisationID?) async throws -> IssuedCredentialRecord {
        guard let record = try await services.credentials.credential(id: id),
              organisation == nil || record.organisationID == organisation else {
            throw AppError.notFound("this credential")
        }
        return record
    }

    /// Applies `change` and returns the credential's resulting state. A reason is required for
    /// revocation and suspension (it is recorded in the audit log and the status entry).
    @discardableResult
    func apply(_ change: Change, to record: IssuedCredentialRecord, reason: String?, actor: UserID?,
               context: AppRequestContext?) async throws -> CredentialState {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if change != .unsuspend, reason?.isEmpty ?? true {
            throw AppError.invalidInput("a reason is required to \(change.rawValue) a credential")
        }
        if let reason, reason.count > 500 { throw AppError.invalidInput("the reason is longer than 500 characters") }
        guard record.statusEntries.contains(where: { $0.purpose == change.purpose }) else {
            throw AppError.conflict("this credential has no \(change.purpose.rawValue) status entry")
        }
        let changed = try await services.statusLists.setStatus(credentialID: record.id, purpose: change.purpose, isSet: change.isSet,
                                                               reason: reason, at: services.clock.now())
        if changed {
            try await services.audit.record(change.auditAction, actor: actor, target: "credential:\(record.id)", context: context,
                                            details: ["reason": reason ?? "", "organisation": record.organisationID.description])
        }
        return try await services.statusLists.credentialState(id: record.id)
    }
}
