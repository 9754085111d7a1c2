import Synchronization

/// A document the loader produced for a URL (JSON-LD 1.1 API §9.4.1, reduced to what a library
/// without I/O needs).
public struct RemoteDocument: Sendable {
    /// The final URL of the document (after any redirect); base URL for relative references in it.
    public var documentURL: String
    public var document: JSONValue
    /// A context linked from an HTTP `Link` header, if the transport had one.
    public var contextURL: String?

    public init(documentURL: String, document: JSONValue, contextURL: String? = nil) {
        self.documentURL = documentURL
        self.document = document
        self.contextURL = contextURL
    }
}

/// Where JSON-LD contexts come from. Synchronous because the library does no I/O: a loader serves
/// documents it already holds (the bundled contexts, documents registered by the application).
public protocol DocumentLoader: Sendable {
    /// The document for `url`, or a thrown error (conventionally `JSONLDError.loadingDocumentFailed`).
    func loadDocument(_ url: String) throws -> RemoteDocument

    /// Where processed contexts derived from this loader's documents are kept between calls. The
    /// cache belongs to the loader because a processed context is only valid for the documents the
    /// loader returned. nil (the default) disables caching.
    var contextCache: JSONLDContextCache? { get }
}

extension DocumentLoader {
    public var contextCache: JSONLDContextCache? { nil }
}

/// A loader over an in-memory map from URL to document. Documents given as bytes or text are
/// parsed on first use and then kept.
public final class StaticDocumentLoader: DocumentLoader {
    /// A document as registered: parsed already, or raw JSON text parsed on first use.
    public enum Source: Sendable {
        case json(JSONValue)
        case text(String)
    }

    private let sources: [String: Source]
    private let parsed = Mutex<[String: RemoteDocument]>([:])
    public let contextCache: JSONLDContextCache?

    /// `documents` maps each URL to its document. `cacheProcessedContexts: false` is for loaders
    /// whose documents are not stable for the life of the loader.
    public init(_ documents: [String: Source], cacheProcessedContexts: Bool = true) {
        self.sources = documents
        self.contextCache = cacheProcessedContexts ? JSONLDContextCache() : nil
    }

    public var urls: Dictionary<String, Source>.Keys { sources.keys }

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        if let hit = parsed.withLock({ $0[url] }) { return hit }
        guard let source = sources[url] else { throw JSONLDError.loadingDocumentFailed(url) }
        let document: JSONValue
        switch source {
        case .json(let value): document = value
        case .text(let text):
            do { document = try JSONLDDocumentParsing.parse(text) } catch {
                throw JSONLDError.loadingDocumentFailed(url, reason: "not valid JSON: \(error)")
            }
        }
        let remote = RemoteDocument(documentURL: url, document: document)
        parsed.withLock { $0[url] = remote }
        return remote
    }
}

/// Tries each loader in turn and returns the first document found; fails with the last loader's
/// error naming the URL. Use it to add application documents (an extension context) to the
/// bundled ones.
public struct ComposedDocumentLoader: DocumentLoader {
    public let loaders: [any DocumentLoader]
    public let contextCache: JSONLDContextCache?

    public init(_ loaders: [any DocumentLoader]) {
        self.loaders = loaders
        self.contextCache = JSONLDContextCache()
    }

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        var lastError: any Error = JSONLDError.loadingDocumentFailed(url)
        for loader in loaders {
            do { return try loader.loadDocument(url) } catch { lastError = error }
        }
        throw lastError
    }
}
