import Catalogue
import Credentials
import Foundation
import LinkedData
import Storage

/// The server's clock, as the Credentials library asks for it.
struct CredentialsClock: Credentials.WallClock {
    let clock: any Storage.WallClock
    init(_ clock: any Storage.WallClock) { self.clock = clock }
    func now() -> Date { clock.now() }
}

enum CredentialContexts {
    /// Bundled contexts plus the EmPass v1 context, with processed contexts cached for the
    /// process (one canonicalizer is shared by issuing and verifying).
    static func canonicalizer() throws -> DocumentCanonicalizer {
        DocumentCanonicalizer(loader: try EmPassContext.documentLoader())
    }
}

/// Resolves this platform's own did:web documents (`did:web:<our host>:orgs:<slug>`) from the
/// database instead of over HTTP, so the server verifies its credentials without calling itself.
/// Other hosts are not fetched (the server makes no outbound requests).
struct LocalDIDDocumentFetcher: DIDDocumentFetcher {
    let organisations: any OrganisationStore
    let keys: any IssuerKeyStore
    let publicURL: URL

    struct NotOurs: Error, CustomStringConvertible {
        let url: String
        var description: String { "\(url) is not served by this platform; remote did:web documents are not fetched" }
    }

    func fetchDIDDocument(at url: String) async throws -> [UInt8] {
        let ours = IssuerIdentity.didWeb(publicURL: publicURL, slug: "x").host
        let prefix = "https://\(ours)/orgs/"
        guard url.hasPrefix(prefix), url.hasSuffix("/did.json") else { throw NotOurs(url: url) }
        let slug = String(url.dropFirst(prefix.count).dropLast("/did.json".count))
        guard !slug.contains("/"), let organisation = try await organisations.organisation(slug: slug) else { throw NotOurs(url: url) }
        let records = try await keys.issuerKeys(organisationID: organisation.id)
        return JSONSerializer.serializeBytes(IssuerIdentity.document(publicURL: publicURL, organisation: organisation, keys: records).json)
    }
}

extension AppServices {
    /// The verification pipeline with this platform's contexts and did:web documents.
    var credentialVerifier: CredentialVerifier {
        CredentialVerifier(canonicalizer: credentialCanonicalizer, keyResolver: platformKeyResolver(), clock: CredentialsClock(clock))
    }

    /// did:key, pinned keys, and this platform's did:web documents read from the database, with
    /// resolved platform keys remembered for the process (PlatformKeyCache says why that is safe).
    func platformKeyResolver(trustedKeys: TrustedKeyStore = TrustedKeyStore()) -> PlatformKeyResolver {
        PlatformKeyResolver(base: StandardKeyResolver(trustedKeys: trustedKeys, didWebFetcher: localDIDDocuments),
                            cache: platformKeys, publicURL: config.publicURL)
    }

    var localDIDDocuments: LocalDIDDocumentFetcher {
        LocalDIDDocumentFetcher(organisations: organisations, keys: issuerKeys, publicURL: config.publicURL)
    }

    var issuance: IssuanceService { IssuanceService(services: self) }
}
