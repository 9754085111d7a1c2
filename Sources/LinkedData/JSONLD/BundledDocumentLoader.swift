import Foundation

/// The offline loader: serves the JSON-LD contexts shipped in `Sources/LinkedData/Contexts` (VC 1.1
/// and 2.0, Data Integrity, Multikey, Ed25519 2020, status lists, DID v1, OB 3.0.x, CLR 2.0) and
/// refuses every other URL with `JSONLDError` code `loading document failed` naming the URL.
/// Files are read and parsed once, on first use, and kept. Extra documents (an application's own
/// extension context) can be registered at init.
public final class BundledDocumentLoader: DocumentLoader {
    /// The bundled contexts only. Processed contexts loaded through it are cached process-wide.
    public static let shared = BundledDocumentLoader()

    /// Context URL → bundled file name. For OB 3.0.3 the validator's 2026 revision is served: it is
    /// a strict superset of the spec repository's file (adds `jti` and `endorsementJwt`).
    public static let bundledFiles: [String: String] = [
        "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
        "https://www.w3.org/2018/credentials/v1": "credentials-v1.jsonld",
        "https://www.w3.org/ns/credentials/examples/v2": "credentials-examples-v2.jsonld",
        "https://www.w3.org/2018/credentials/examples/v1": "credentials-examples-v1.jsonld",
        "https://www.w3.org/ns/credentials/undefined-terms/v2": "credentials-undefined-terms-v2.jsonld",
        "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
        "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
        "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
        "https://w3id.org/security/jwk/v1": "jwk-v1.jsonld",
        "https://www.w3.org/ns/credentials/status/v1": "credentials-status-v1.jsonld",
        "https://w3id.org/vc/status-list/2021/v1": "status-list-2021-v1.jsonld",
        "https://w3id.org/security/suites/ed25519-2020/v1": "ed25519-signature-2020-v1.jsonld",
        "https://w3id.org/citizenship/v4rc1": "citizenship-v4rc1.jsonld",
        "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0-context-3.0.0.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.validator-2026.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-context-2.0.1.json",
    ]

    private let extra: StaticDocumentLoader?
    private let bundled: StaticDocumentLoader
    public let contextCache: JSONLDContextCache?

    /// `extraDocuments` are served in addition to (and ahead of) the bundled contexts.
    public init(extraDocuments: [String: StaticDocumentLoader.Source] = [:]) {
        var sources: [String: StaticDocumentLoader.Source] = [:]
        for (url, file) in Self.bundledFiles {
            if let text = Self.readBundled(file) { sources[url] = .text(text) }
        }
        bundled = StaticDocumentLoader(sources, cacheProcessedContexts: false)
        extra = extraDocuments.isEmpty ? nil : StaticDocumentLoader(extraDocuments, cacheProcessedContexts: false)
        contextCache = JSONLDContextCache()
    }

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        if let extra, extra.urls.contains(url) { return try extra.loadDocument(url) }
        return try bundled.loadDocument(url)
    }

    private static func readBundled(_ file: String) -> String? {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Contexts")
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
