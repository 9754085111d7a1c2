import Credentials
import Foundation
import Storage

/// An issuer key ready to sign: its stored record and the unsealed key pair (memory only).
struct IssuerSigningKey: Sendable {
    let record: IssuerKeyRecord
    let keyPair: Ed25519KeyPair
}

/// Each organisation's Ed25519 keys: generated here from the injected randomness, sealed with the
/// master key before they reach the database, unsealed only to sign. Rotation adds a new active
/// key and keeps the old ones, so did.json still lists them and earlier credentials verify.
struct IssuerKeyring: Sendable {
    let store: any IssuerKeyStore
    let masterKey: MasterKey
    let clock: any Storage.WallClock
    let ids: UUIDv7Generator
    let random: any RandomSource
    /// Keys already unsealed in this process, by key id (a stored key never changes), so issuing
    /// does not run AES-GCM and Ed25519 key expansion per credential.
    let unsealed = UnsealedIssuerKeys()

    /// The organisation's active key, created on first use. Two processes creating the first key
    /// at once both end up with the one the database kept.
    func signingKey(for organisation: Organisation) async throws -> IssuerSigningKey {
        if let record = try await store.activeIssuerKey(organisationID: organisation.id) {
            return try unseal(record)
        }
        do {
            return try unseal(try await addKey(for: organisation))
        } catch StorageError.duplicate {
            guard let record = try await store.activeIssuerKey(organisationID: organisation.id) else { throw StorageError.notFound("issuer key") }
            return try unseal(record)
        }
    }

    /// Makes a new active key; the previous one is retired but stays published.
    @discardableResult
    func rotate(for organisation: Organisation) async throws -> IssuerKeyRecord {
        try await addKey(for: organisation)
    }

    func keys(for organisation: Organisation) async throws -> [IssuerKeyRecord] {
        try await store.issuerKeys(organisationID: organisation.id)
    }

    private func addKey(for organisation: Organisation) async throws -> IssuerKeyRecord {
        let keyPair = try Ed25519KeyPair(seed: random.bytes(32))
        // The fragment is the Multikey itself (`#z6Mk…`): unique per key, and offline tools that
        // read keys from such fragments (as the 1EdTech samples do) can check our proofs too.
        let fragment = keyPair.publicKeyMultibase
        let now = clock.now()
        let record = IssuerKeyRecord(
            id: IssuerKeyID(ids.next(at: now)), organisationID: organisation.id, fragment: fragment,
            publicKeyMultibase: keyPair.publicKeyMultibase,
            sealedPrivateKey: try masterKey.seal(keyPair.seed, context: Self.sealContext(organisation.id, fragment)),
            masterKeyID: masterKey.id, status: .active, createdAt: now
        )
        try await store.addIssuerKey(record)
        return record
    }

    private func unseal(_ record: IssuerKeyRecord) throws -> IssuerSigningKey {
        if let known = unsealed.key(record) { return known }
        let key = try unsealNow(record)
        unsealed.remember(key)
        return key
    }

    private func unsealNow(_ record: IssuerKeyRecord) throws -> IssuerSigningKey {
        let seed = try masterKey.open(record.sealedPrivateKey, context: Self.sealContext(record.organisationID, record.fragment),
                                      sealedBy: record.masterKeyID)
        let keyPair = try Ed25519KeyPair(seed: seed)
        guard keyPair.publicKeyMultibase == record.publicKeyMultibase else { throw MasterKeyError.unsealFailed }
        return IssuerSigningKey(record: record, keyPair: keyPair)
    }

    static func sealContext(_ organisation: OrganisationID, _ fragment: String) -> String {
        "empass issuer key|\(organisation)|\(fragment)"
    }
}

/// Unsealed issuer keys by key id, for the process. Only a key whose stored record is unchanged
/// (same sealed bytes, same public key) is returned, so a re-sealed or corrupted row is unsealed
/// (and checked) again.
final class UnsealedIssuerKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [IssuerKeyID: IssuerSigningKey] = [:]

    init() {}

    func key(_ record: IssuerKeyRecord) -> IssuerSigningKey? {
        lock.withLock {
            guard let key = keys[record.id], key.record.sealedPrivateKey == record.sealedPrivateKey,
                  key.record.publicKeyMultibase == record.publicKeyMultibase else { return nil }
            return IssuerSigningKey(record: record, keyPair: key.keyPair)
        }
    }

    func remember(_ key: IssuerSigningKey) {
        lock.withLock {
            if keys.count >= 10_000 { keys.removeAll(keepingCapacity: true) }   // bound: a few keys per organisation
            keys[key.record.id] = key
        }
    }
}

/// How an organisation is named as issuer: did:web under the platform's public URL
/// (`did:web:host%3Aport:orgs:<slug>`, document at /orgs/<slug>/did.json), or the did:key of its
/// active key.
public enum IssuerIdentityKind: String, Sendable, Codable {
    case didWeb, didKey
}

enum IssuerIdentity {
    static func didWeb(publicURL: URL, slug: String) -> DIDWeb {
        var host = publicURL.host ?? "localhost"
        if let port = publicURL.port { host += ":\(port)" }
        return DIDWeb(host: host, path: ["orgs", slug])
    }

    /// The issuer id and the verification method a proof names.
    static func names(kind: IssuerIdentityKind, publicURL: URL, organisation: Organisation,
                      key: IssuerSigningKey) -> (issuer: String, verificationMethod: String) {
        switch kind {
        case .didWeb:
            let did = didWeb(publicURL: publicURL, slug: organisation.slug).did
            return (did, did + "#" + key.record.fragment)
        case .didKey:
            let didKey = key.keyPair.didKey
            return (didKey.did, didKey.verificationMethodID)
        }
    }

    /// The organisation's DID document: every key, current and retired.
    static func document(publicURL: URL, organisation: Organisation, keys: [IssuerKeyRecord]) -> DIDDocument {
        DIDDocument.issuer(did: didWeb(publicURL: publicURL, slug: organisation.slug).did,
                           keys: keys.map { ($0.fragment, $0.publicKeyMultibase) })
    }
}
