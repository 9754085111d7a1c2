import Credentials
import Foundation

/// Public keys of this platform's own did:web verification methods
/// (`did:web:<our host>:orgs:<slug>#<fragment>`), remembered for the process once resolved.
/// Without it every verification reads the organisation and its keys and builds, serialises and
/// re-parses its DID document. Safe to keep: organisations are never renamed, and an issuer key
/// is never deleted or moved (rotation adds a key and keeps the old one listed, under
/// assertionMethod), so what a method id resolved to stays true. Failures are not remembered
/// (a key made by another process after a miss is found on the next request).
actor PlatformKeyCache {
    /// Bounds memory against requests naming many methods; a platform has a few keys per issuer.
    static let maximumEntries = 10_000
    private var keys: [String: ResolvedKey] = [:]

    init() {}

    func key(_ verificationMethod: String) -> ResolvedKey? { keys[verificationMethod] }

    func remember(_ key: ResolvedKey, for verificationMethod: String) {
        if keys.count >= Self.maximumEntries { keys.removeAll(keepingCapacity: true) }
        keys[verificationMethod] = key
    }
}

/// `base` with this platform's did:web keys answered from `cache`. Only method ids with a
/// fragment under our own did:web prefix are cached (a bare DID resolves to the document's first
/// assertion method, which rotation changes), and a key pinned in the trust store still wins.
struct PlatformKeyResolver: KeyResolver {
    let base: StandardKeyResolver
    let cache: PlatformKeyCache
    /// `did:web:<our host>:orgs:`
    let prefix: String

    init(base: StandardKeyResolver, cache: PlatformKeyCache, publicURL: URL) {
        self.base = base
        self.cache = cache
        let sample = IssuerIdentity.didWeb(publicURL: publicURL, slug: "x").did
        self.prefix = String(sample.dropLast(1))
    }

    func resolve(verificationMethod vm: String) async throws(KeyResolutionError) -> ResolvedKey {
        guard vm.hasPrefix(prefix), vm.contains("#"), base.trustedKeys.entry(for: vm) == nil else {
            return try await base.resolve(verificationMethod: vm)
        }
        if let known = await cache.key(vm) { return known }
        let resolved = try await base.resolve(verificationMethod: vm)
        await cache.remember(resolved, for: vm)
        return resolved
    }
}
