import LinkedData

/// The verifier's key resolver: the caller's trust store first (a pinned key wins), then did:key
/// (the key is the identifier), then did:web through the injected fetcher. Anything else is an
/// unknown key: https verification methods are not dereferenced, and no key is ever read from
/// the credential itself.
public struct StandardKeyResolver: KeyResolver {
    public var trustedKeys: TrustedKeyStore
    public var didWebFetcher: (any DIDDocumentFetcher)?

    public init(trustedKeys: TrustedKeyStore = TrustedKeyStore(), didWebFetcher: (any DIDDocumentFetcher)? = nil) {
        self.trustedKeys = trustedKeys
        self.didWebFetcher = didWebFetcher
    }

    public func resolve(verificationMethod vm: String) async throws(KeyResolutionError) -> ResolvedKey {
        if let entry = trustedKeys.entry(for: vm) {
            let method = VerificationMethod(id: vm, controller: entry.issuer, publicKeyMultibase: entry.publicKeyMultibase)
            do { _ = try method.ed25519PublicKey() } catch { throw .invalid(vm, reason: error.description) }
            return ResolvedKey(method: method, source: .trustStore)
        }
        if vm.hasPrefix("did:key:") {
            do { return ResolvedKey(method: try DIDKey(parsing: vm).verificationMethod, source: .didKey) } catch {
                throw .invalid(vm, reason: error.description)
            }
        }
        if vm.hasPrefix("did:web:") { return try await resolveDIDWeb(vm) }
        if vm.hasPrefix("did:") { throw .unsupportedDIDMethod(vm) }
        throw .unknownKey(vm)
    }

    private func resolveDIDWeb(_ vm: String) async throws(KeyResolutionError) -> ResolvedKey {
        let web: DIDWeb
        do { web = try DIDWeb(parsing: vm) } catch { throw .invalid(vm, reason: error.description) }
        guard let fetcher = didWebFetcher else { throw .didWebUnavailable(vm) }
        let bytes: [UInt8]
        do { bytes = try await fetcher.fetchDIDDocument(at: web.documentURL) } catch {
            throw .fetchFailed(vm, reason: String(describing: error))
        }
        let document: DIDDocument
        do { document = try DIDDocument(json: try JSONParser().parse(bytes)) } catch {
            throw .fetchFailed(vm, reason: String(describing: error))
        }
        // The document must be the one for this DID, or a host could speak for another DID.
        guard document.id == web.did else {
            throw .invalid(vm, reason: "DID document id \(document.id) is not \(web.did)")
        }
        let wanted = vm.contains("#") ? vm : (document.assertionMethod.first ?? vm)
        guard let method = document.verificationMethod(id: wanted) else { throw .notInDocument(vm) }
        do { _ = try method.ed25519PublicKey() } catch { throw .invalid(vm, reason: error.description) }
        return ResolvedKey(method: method, source: .didWeb, authorizedForAssertion: document.assertionMethod.contains(method.id))
    }
}
