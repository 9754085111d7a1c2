import Synchronization

/// Processed contexts kept between expansions, so verifying many credentials that share the same
/// `@context` URLs processes each context once. Keyed by the identity of the context it was
/// applied to plus the context value (or the scoped context's identity), the base URL, the flags
/// and the processing mode. Thread-safe; bounded (the whole cache is dropped when it fills, which
/// is rare: a verifier sees a handful of context combinations).
public final class JSONLDContextCache: Sendable {
    enum Source: Hashable, Sendable {
        case value(JSONValue)
        case scoped(UInt64)
    }

    struct Key: Hashable, Sendable {
        var parent: UInt64
        var source: Source
        var baseURL: String?
        var overrideProtected: Bool
        var propagate: Bool
        var processingMode: JSONLDProcessingMode
    }

    struct InitialKey: Hashable, Sendable {
        var base: String?
        var processingMode: JSONLDProcessingMode
    }

    private struct Storage: ~Copyable {
        var processed: [Key: ActiveContext] = [:]
        var initial: [InitialKey: ActiveContext] = [:]
    }

    private let storage = Mutex(Storage())
    public let capacity: Int

    public init(capacity: Int = 2048) {
        self.capacity = capacity
    }

    /// Number of processed contexts held (for tests and diagnostics).
    public var count: Int { storage.withLock { $0.processed.count } }

    func processed(_ key: Key) -> ActiveContext? {
        storage.withLock { $0.processed[key] }
    }

    func store(_ context: ActiveContext, for key: Key) {
        storage.withLock {
            if $0.processed.count >= capacity { $0.processed.removeAll(keepingCapacity: true) }
            $0.processed[key] = context
        }
    }

    /// The empty active context for a base IRI, shared so that contexts derived from it hit the cache.
    func initialContext(base: String?, processingMode: JSONLDProcessingMode) -> ActiveContext {
        let key = InitialKey(base: base, processingMode: processingMode)
        return storage.withLock {
            if let hit = $0.initial[key] { return hit }
            if $0.initial.count >= capacity { $0.initial.removeAll(keepingCapacity: true) }
            let context = ActiveContext(ContextState(baseIRI: base, originalBaseURL: base))
            $0.initial[key] = context
            return context
        }
    }
}
