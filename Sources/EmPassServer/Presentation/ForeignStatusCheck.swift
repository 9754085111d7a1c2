import Credentials
import Foundation
import LinkedData
import Storage

/// A status list document as the operator's seam fetched it, with how long HTTP caching allows
/// it to be reused (`Cache-Control: max-age`; nil when the response said nothing).
public struct FetchedStatusDocument: Sendable {
    public var bytes: [UInt8]
    public var maxAgeSeconds: Int?

    public init(bytes: [UInt8], maxAgeSeconds: Int?) {
        self.bytes = bytes
        self.maxAgeSeconds = maxAgeSeconds
    }
}

extension PublishedDocuments {
    /// The document with its caching lifetime. A seam that only returns bytes gives none, so
    /// its lists are verified on every request (nothing is assumed fresh).
    public func fetchWithLifetime(at url: String) async throws -> FetchedStatusDocument? {
        try await document(at: url).map { FetchedStatusDocument(bytes: $0, maxAgeSeconds: nil) }
    }
}

/// `Cache-Control` as far as reuse goes: `no-store`/`no-cache` → 0, else `max-age` (`s-maxage`
/// is for shared caches, which this is not), else nil.
public enum CacheControlLifetime {
    public static func maxAge(_ header: String?) -> Int? {
        guard let header else { return nil }
        var maxAge: Int?
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            switch parts[0] {
            case "no-store", "no-cache": return 0
            case "max-age" where parts.count == 2:
                guard let seconds = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds >= 0 else { return 0 }
                maxAge = seconds
            default: continue
            }
        }
        return maxAge
    }
}

/// Status lists hosted elsewhere, kept after their proof verified, by URL, until their lifetime
/// ends: the least of the HTTP `max-age`, the list's own `ttl` and `validUntil`, and
/// `maximumLifetime`. Read with the injected clock; an entry is never returned at or after its
/// end (so a stale "active" cannot outlive what the publisher allowed). Bounded in entries.
actor VerifiedStatusListCache {
    struct Entry {
        let list: BitstringStatusListCredential
        let expires: Date
    }

    static let maximumLifetimeSeconds = 300
    static let maximumEntries = 1000
    let clock: any Storage.WallClock
    private var entries: [String: Entry] = [:]

    init(clock: any Storage.WallClock) {
        self.clock = clock
    }

    func list(at url: String) -> BitstringStatusListCredential? {
        guard let entry = entries[url] else { return nil }
        guard clock.now() < entry.expires else {
            entries[url] = nil
            return nil
        }
        return entry.list
    }

    /// Keeps `list` for `lifetime` seconds from now (nothing when 0 or less).
    func keep(_ list: BitstringStatusListCredential, at url: String, lifetime seconds: Int) {
        guard seconds > 0 else { return }
        let now = clock.now()
        if entries.count >= Self.maximumEntries {
            entries = entries.filter { now < $0.value.expires }
            if entries.count >= Self.maximumEntries { entries.removeAll(keepingCapacity: true) }
        }
        entries[url] = Entry(list: list, expires: now.addingTimeInterval(TimeInterval(seconds)))
    }

    var count: Int { entries.count }

    /// How long a verified list may be reused: see the type's comment.
    static func lifetime(httpMaxAge: Int?, list: BitstringStatusListCredential, now: Date) -> Int {
        var seconds = min(httpMaxAge ?? 0, maximumLifetimeSeconds)
        if let ttl = list.ttl { seconds = min(seconds, max(0, ttl / 1000)) }
        if let until = list.validUntil { seconds = min(seconds, Int(until.timeIntervalSince(now).rounded(.down))) }
        return max(0, seconds)
    }
}

/// The status of entries in lists this platform does not host, fetched through the operator's
/// `PublishedDocuments` seam. Each list's proof is verified once per lifetime (see
/// `VerifiedStatusListCache`), not on every verification. Fails closed like
/// `CredentialStatusChecker`: what cannot be fetched, verified or read is "not checked".
struct ForeignStatusCheck: Sendable {
    let documents: any PublishedDocuments
    let verifier: CredentialVerifier
    let cache: VerifiedStatusListCache
    let clock: any Storage.WallClock

    func check(_ credential: JSONObject, issuer: String?) async -> CredentialStatusReport {
        await CredentialStatusChecker.report(for: credential) { await load($0, issuer: issuer) }
    }


    private func load(_ url: String, issuer: String?) async -> Result<BitstringStatusListCredential, StatusListLoadFailure> {
        // A cached list was verified and its issuer recorded; it still speaks only for that issuer.
        if let cached = await cache.list(at: url) { return bound(cached, url: url, issuer: issuer) }
        let fetched: FetchedStatusDocument
        do {
            guard let document = try await documents.fetchWithLifetime(at: url) else {
                return .failure(StatusListLoadFailure("could not fetch the status list \(url): \(StatusFetchError.notHostedHere(url))"))
            }
            fetched = document
        } catch {
            return .failure(StatusListLoadFailure("could not fetch the status list \(url): \(error)"))
        }
        let document: JSONValue
        do { document = try verifier.parser.parse(fetched.bytes) } catch {
            return .failure(StatusListLoadFailure("the status list \(url) is not JSON: \(error)"))
        }
        let report = await verifier.verify(document)
        guard report.isValid else {
            return .failure(StatusListLoadFailure("the status list \(url) did not verify: " + report.failures.map(\.message).joined(separator: "; ")))
        }
        let list: BitstringStatusListCredential
        do { list = try BitstringStatusListCredential(json: document) } catch {
            return .failure(StatusListLoadFailure("the status list \(url) is unusable: \(error)"))
        }
        await cache.keep(list, at: url, lifetime: VerifiedStatusListCache.lifetime(httpMaxAge: fetched.maxAgeSeconds, list: list, now: clock.now()))
        return bound(list, url: url, issuer: issuer)
    }

    /// Anyone can publish a list; only the credential's issuer may decide its status.
    private func bound(_ list: BitstringStatusListCredential, url: String, issuer: String?) -> Result<BitstringStatusListCredential, StatusListLoadFailure> {
        guard let issuer, list.issuer == issuer else {
            return .failure(StatusListLoadFailure("the status list \(url) was issued by \(list.issuer), not by the credential's issuer \(issuer ?? "(none)")"))
        }
        return .success(list)
    }
}
