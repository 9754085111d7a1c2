import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import Storage
import Testing
@testable import EmPassServer

/// Status lists hosted elsewhere: verified once, reused for their caching lifetime (HTTP
/// max-age, the list's ttl, bounded), never past it, through the real /verify page.
@Suite("Foreign status lists")
struct ForeignStatusCacheTests {
    static let listURL = "https://elsewhere.example/status/1"

    /// The other site, as the operator's seam sees it: the current signed list, with a max-age;
    /// counts fetches.
    final class OtherSite: PublishedDocuments, @unchecked Sendable {
        private let lock = NSLock()
        private var list: [UInt8] = []
        private var fetches = 0
        let maxAge: Int?
        init(maxAge: Int?) { self.maxAge = maxAge }

        var fetchCount: Int { lock.withLock { fetches } }
        func publish(revoked: Bool, ttlMilliseconds: Int?) throws {
            var bits = StatusBitstring()
            bits[bit: 7] = revoked
            let list = BitstringStatusListCredential(id: ForeignStatusCacheTests.listURL, issuer: PresentationFixtures.issuerKey.didKey.did,
                                                     purpose: .revocation, bitstring: bits, ttl: ttlMilliseconds)
            let signed = try DataIntegritySigner(canonicalizer: PresentationFixtures.canonicalizer, clock: PresentationFixtures.signingClock)
                .sign(list.unsigned(), key: PresentationFixtures.issuerKey)
            lock.withLock { self.list = JSONSerializer.serializeBytes(signed) }
        }

        func document(at url: String) async throws -> [UInt8]? {
            guard url == ForeignStatusCacheTests.listURL else { return nil }
            return lock.withLock { fetches += 1; return list }
        }

        func fetchWithLifetime(at url: String) async throws -> FetchedStatusDocument? {
            try await document(at: url).map { FetchedStatusDocument(bytes: $0, maxAgeSeconds: maxAge) }
        }
    }

    static var credential: String {
        get throws {
            let entry = StatusListEntry.make(purpose: .revocation, index: 7, listCredential: listURL).json
            return PresentationFixtures.text(try PresentationFixtures.signed(status: [entry]))
        }
    }

    @Test("a verified list is reused within its lifetime and fetched again after it; a revocation then shows", arguments: TestEngines.all)
    func reuseThenExpire(engine: DatabaseEngine) async throws {
        let site = OtherSite(maxAge: 120)
        try site.publish(revoked: false, ttlMilliseconds: 60_000)   // ttl 60 s is shorter than max-age: it bounds the lifetime
        let credential = try Self.credential
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit,
                                      configureServices: { $0.presentation.publishedDocuments = site }) { app in
            let first = try await VerificationPageTests.paste(app, credential)
            #expect(first.text.contains("Valid credential"), "\(first.text.prefix(3000))")
            #expect(site.fetchCount == 1)
            for _ in 0..<3 {
                let page = try await VerificationPageTests.paste(app, credential)
                #expect(page.text.contains("Valid credential"))
            }
            #expect(site.fetchCount == 1, "reused, not fetched and verified again")

            // The issuer revokes. Within the lifetime the copy stands (as HTTP caching allows);
            // at its end it is never used again.
            try site.publish(revoked: true, ttlMilliseconds: 60_000)
            app.clock.advance(by: 59)
            #expect(try await VerificationPageTests.paste(app, credential).text.contains("Valid credential"))
            #expect(site.fetchCount == 1)
            app.clock.advance(by: 1)
            let after = try await VerificationPageTests.paste(app, credential)
            #expect(!after.text.contains("Valid credential"))
            #expect(after.text.lowercased().contains("revoked"), "\(after.text.prefix(3000))")
            #expect(site.fetchCount == 2)
        }
    }

    @Test("without caching information a list is fetched and verified on every request", arguments: TestEngines.all)
    func noLifetimeNoReuse(engine: DatabaseEngine) async throws {
        let site = OtherSite(maxAge: nil)
        try site.publish(revoked: false, ttlMilliseconds: nil)
        let credential = try Self.credential
        try await TestHarness.withApp(engine, maxBodyBytes: VerificationPageTests.limit,
                                      configureServices: { $0.presentation.publishedDocuments = site }) { app in
            for _ in 0..<3 {
                let page = try await VerificationPageTests.paste(app, credential)
                #expect(page.text.contains("Valid credential"))
            }
            #expect(site.fetchCount == 3)
        }
    }

    @Test("the lifetime is the least of max-age, ttl, validUntil and the bound; Cache-Control is read conservatively")
    func lifetimes() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func list(ttl: Int? = nil, validUntil: Date? = nil) -> BitstringStatusListCredential {
            BitstringStatusListCredential(id: Self.listURL, issuer: "did:example:x", purpose: .revocation, bitstring: StatusBitstring(),
                                          validUntil: validUntil, ttl: ttl)
        }
        #expect(VerifiedStatusListCache.lifetime(httpMaxAge: 120, list: list(), now: now) == 120)
        #expect(VerifiedStatusListCache.lifetime(httpMaxAge: 120, list: list(ttl: 30_000), now: now) == 30)
        #expect(VerifiedStatusListCache.lifetime(httpMaxAge: 120, list: list(validUntil: now.addingTimeInterval(10)), now: now) == 10)
        #expect(VerifiedStatusListCache.lifetime(httpMaxAge: 120, list: list(validUntil: now.addingTimeInterval(-5)), now: now) == 0)
        #expect(VerifiedStatusListCache.lifetime(httpMaxAge: 86_400, list: list(), now: now) == VerifiedStatusListCache.maximumLifetimeSeconds)
        #expect(VerifiedStatusListCache.lifetime(httpMaxAge: nil, list: list(ttl: 60_000), now: now) == 0)
        #expect(CacheControlLifetime.maxAge("public, max-age=60") == 60)
        #expect(CacheControlLifetime.maxAge("max-age=60, no-cache") == 0)
        #expect(CacheControlLifetime.maxAge("no-store") == 0)
        #expect(CacheControlLifetime.maxAge("max-age=-1") == 0)
        #expect(CacheControlLifetime.maxAge("public") == nil)
        #expect(CacheControlLifetime.maxAge(nil) == nil)
    }

    @Test("the cache never answers at or after an entry's end and stays bounded")
    func cacheBounds() async throws {
        let clock = ManualWallClock()
        let cache = VerifiedStatusListCache(clock: clock)
        let list = BitstringStatusListCredential(id: Self.listURL, issuer: "did:example:x", purpose: .revocation, bitstring: StatusBitstring())
        await cache.keep(list, at: Self.listURL, lifetime: 10)
        clock.advance(by: 9.999)
        #expect(await cache.list(at: Self.listURL) != nil)
        clock.advance(by: 0.001)
        #expect(await cache.list(at: Self.listURL) == nil)
        await cache.keep(list, at: Self.listURL, lifetime: 0)
        #expect(await cache.list(at: Self.listURL) == nil)
        for i in 0..<(VerifiedStatusListCache.maximumEntries + 5) { await cache.keep(list, at: "https://x.example/\(i)", lifetime: 60) }
        #expect(await cache.count <= VerifiedStatusListCache.maximumEntries)
    }
}
