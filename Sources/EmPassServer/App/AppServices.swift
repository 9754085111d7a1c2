import Catalogue
import Credentials
import Foundation
import Logging
import Storage

/// The application's collaborators, built once in `buildApplication` and shared by routes.
/// Later modules add their stores and services here.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let database: Database
    public let organisations: any OrganisationStore
    public let users: any UserStore
    public let sessions: any SessionStore
    public let apiTokens: any ApiTokenStore
    public let auditLog: any AuditLog
    public let loginThrottle: any LoginThrottle
    /// Micro-credential specification versions.
    public let specs: any SpecStore
    /// Providers' quality-assurance records (read through `qualityAssurance`).
    public let qaRecords: any QARecordStore
    /// The EmPass skills framework (bundled with the Catalogue library).
    public let skills: SkillsFramework
    public let clock: any Storage.WallClock
    public let random: any RandomSource
    /// Ids that increase in creation order (shared with the audit recorder).
    public let ids: UUIDv7Generator
    public let passwords: PasswordHasher
    public let audit: AuditRecorder
    public let pages: PageRenderer
    public let metrics: HTTPMetrics
    public let logger: Logger
    /// Test sessions, awards, cohorts and the item bank with its forms (Sources/EmPassServer/Testing).
    public let testing: TestingContext
    /// Issued credentials and their status entries.
    public let credentials: any CredentialStore
    public let statusLists: any StatusListStore
    public let issuerKeys: any IssuerKeyStore
    /// Issuer keys, sealed with the master key.
    let issuerKeyring: IssuerKeyring
    /// Canonicalizer with the bundled contexts and EmPass v1, shared for its context cache.
    public let credentialCanonicalizer: DocumentCanonicalizer
    /// Learners' share links for wallet credentials.
    public let shareLinks: any ShareLinkStore
    /// Quality-assurance lookup, published documents and pinned keys for verification pages
    /// (honest defaults until the issuance and QA services are wired in).
    public var presentation = PresentationSeams()
    /// Bulk-issuance batches being processed by this process.
    public let bulkIssuanceRuns = BulkIssuanceRuns()
    /// Test seam: failures injected before bulk-issuance attempts (nil in production).
    public var bulkIssuanceFaults: BulkIssuanceFaults? = nil
    /// What never changes about hosted status lists, cached for the process (HostedStatusCheck).
    let hostedStatus = HostedStatusDirectory()
    /// Public keys of this platform's did:web verification methods, cached for the process.
    let platformKeys = PlatformKeyCache()
    /// Our signed status lists, by id, at the version they were signed at (StatusListPublisher).
    let publishedStatusLists = StatusListCache()
    /// Status lists hosted elsewhere, kept for their caching lifetime once verified (set in makeServices: it reads the clock).
    var foreignStatusLists: VerifiedStatusListCache? = nil

    var cookies: SessionCookies { SessionCookies(secure: config.cookieSecure, sessionLifetime: config.sessionLifetime) }

    /// A new UUIDv7 from the injected clock and randomness.
    public func newID<Entity>(_: EntityID<Entity>.Type = EntityID<Entity>.self) -> EntityID<Entity> {
        EntityID(ids.next(at: clock.now()))
    }
}
