import Credentials
import Foundation

/// Whether an issuer's quality assurance covered a credential on its issue date. Another module
/// (`services.qualityAssurance`) answers this from the providers' QA records; until it is wired
/// the page says "not known" — never "valid".
public protocol QualityAssuranceLookup: Sendable {
    func qualityAssurance(issuer: String, specificationID: String?, on date: Date) async -> QualityAssuranceFinding
}

public enum QualityAssuranceFinding: Sendable, Hashable {
    /// Covered on that date; `body` names who assured it, `detail` says how (e.g. the QA type).
    case valid(body: String, detail: String?)
    /// Known, but not covering that date (or withdrawn); `reason` says why in plain words.
    case notValid(reason: String)
    case notKnown
}

/// The lookup used until the quality-assurance service is wired in.
public struct UnknownQualityAssurance: QualityAssuranceLookup {
    public init() {}
    public func qualityAssurance(issuer: String, specificationID: String?, on date: Date) async -> QualityAssuranceFinding { .notKnown }
}

/// Documents this server publishes itself — its organisations' DID documents
/// (`/orgs/{slug}/did.json`) and status lists (`/status/{list}`) — given by absolute URL. The
/// verification page reads them in-process; it fetches nothing from other sites, so a pasted
/// credential cannot make the server call arbitrary URLs.
public protocol PublishedDocuments: Sendable {
    /// The bytes at `url`, or nil when this server does not publish that URL.
    func document(at url: String) async throws -> [UInt8]?
    /// The bytes with their HTTP caching lifetime (a seam backed by HTTP passes
    /// `CacheControlLifetime.maxAge` of the response); the default gives none.
    func fetchWithLifetime(at url: String) async throws -> FetchedStatusDocument?
}

public struct NoPublishedDocuments: PublishedDocuments {
    public init() {}
    public func document(at url: String) async throws -> [UInt8]? { nil }
}

/// The presentation feature's collaborators that other modules provide. `AppServices` holds one
/// with honest defaults; the lead replaces them when the issuance and QA services are merged.
public struct PresentationSeams: Sendable {
    public var qualityAssurance: any QualityAssuranceLookup
    public var publishedDocuments: any PublishedDocuments
    /// Keys an operator pins for issuers whose keys are not did:key or published here.
    public var trustedKeys: TrustedKeyStore

    public init(qualityAssurance: any QualityAssuranceLookup = UnknownQualityAssurance(),
                publishedDocuments: any PublishedDocuments = NoPublishedDocuments(),
                trustedKeys: TrustedKeyStore = TrustedKeyStore()) {
        self.qualityAssurance = qualityAssurance
        self.publishedDocuments = publishedDocuments
        self.trustedKeys = trustedKeys
    }
}

/// Serves did:web documents and status lists from `PublishedDocuments`; any other URL is
/// "not hosted here", which the status checker reports as "could not be checked".
struct LocalDocumentFetcher: DIDDocumentFetcher, StatusListFetcher {
    let documents: any PublishedDocuments

    func fetchDIDDocument(at url: String) async throws -> [UInt8] { try await get(url) }
    func fetchStatusList(at url: String) async throws -> [UInt8] { try await get(url) }

    private func get(_ url: String) async throws -> [UInt8] {
        guard let bytes = try await documents.document(at: url) else { throw StatusFetchError.notHostedHere(url) }
        return bytes
    }
}
