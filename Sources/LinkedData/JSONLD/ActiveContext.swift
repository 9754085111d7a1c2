import Synchronization

/// `@direction` values.
public enum JSONLDDirection: String, Sendable, Hashable {
    case ltr, rtl
}

/// The `@container` keywords a term can carry.
struct ContainerMapping: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let list = ContainerMapping(rawValue: 1 << 0)
    static let set = ContainerMapping(rawValue: 1 << 1)
    static let index = ContainerMapping(rawValue: 1 << 2)
    static let language = ContainerMapping(rawValue: 1 << 3)
    static let id = ContainerMapping(rawValue: 1 << 4)
    static let type = ContainerMapping(rawValue: 1 << 5)
    static let graph = ContainerMapping(rawValue: 1 << 6)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(keyword: String) {
        switch keyword {
        case "@list": self = .list
        case "@set": self = .set
        case "@index": self = .index
        case "@language": self = .language
        case "@id": self = .id
        case "@type": self = .type
        case "@graph": self = .graph
        default: return nil
        }
    }
}

/// A term's `@context` (a property- or type-scoped context). A reference type with a stable id so
/// the processed-context cache can key on "this scoped context" without hashing its JSON each time.
final class ScopedContext: Sendable {
    let value: JSONValue
    /// The base URL of the context that defined the term (scoped contexts resolve against it).
    let baseURL: String?
    let id: UInt64

    init(value: JSONValue, baseURL: String?) {
        self.value = value
        self.baseURL = baseURL
        self.id = ContextIdentity.next()
    }
}

/// Hands out process-unique ids for contexts and scoped contexts (cache keys).
enum ContextIdentity {
    private static let counter = Atomic<UInt64>(1)
    static func next() -> UInt64 { counter.wrappingAdd(1, ordering: .relaxed).oldValue }
}

/// A term definition (JSON-LD 1.1 §4.1). Optional members distinguish "not set" from set values;
/// `languageMapping == .some(nil)` is an explicit `"@language": null`.
/// A class so that looking a term up during expansion costs one retain, not a copy of ten fields;
/// it is only mutated while Create Term Definition builds it, and never after it is stored in an
/// active context (hence the unchecked Sendable).
final class TermDefinition: @unchecked Sendable {
    var iri: String?
    var prefix = false
    var protected = false
    var reverse = false
    var context: ScopedContext?
    var container: ContainerMapping = []
    var directionMapping: JSONLDDirection??
    var languageMapping: String??
    var nest: String?
    var typeMapping: String?
    var index: String?

    /// Equality "other than the value of protected", used for protected-term redefinition checks.
    func isSameDefinition(as other: TermDefinition) -> Bool {
        iri == other.iri && prefix == other.prefix && reverse == other.reverse
            && container == other.container && directionMapping == other.directionMapping
            && languageMapping == other.languageMapping && nest == other.nest
            && typeMapping == other.typeMapping && index == other.index
            && context?.value == other.context?.value
    }
}

/// The mutable state of an active context while a local context is being processed.
struct ContextState: Sendable {
    var terms: [String: TermDefinition] = [:]
    var baseIRI: String?
    var originalBaseURL: String?
    var vocabularyMapping: String?
    var defaultLanguage: String?
    var defaultDirection: JSONLDDirection?
    var previousContext: ActiveContext?

    var hasProtectedTerms: Bool { terms.values.contains { $0.protected } }
}

/// A processed, immutable active context. Reference type: expansion passes it around a lot, and
/// its `id` keys the processed-context cache. It memoises IRI expansions of the strings it sees
/// (property names and `@type` values), which repeat across credentials using the same contexts.
final class ActiveContext: Sendable {
    let state: ContextState
    let id: UInt64
    private let vocabExpansions = Mutex<[String: String?]>([:])
    private static let memoLimit = 4096

    /// Terms whose IRI mapping is `@type` (VC contexts alias it as `type`): expansion asks of
    /// every key of every object whether it expands to `@type`, and a short array answers that
    /// without a hash lookup.
    let typeAliases: [String]
    /// Terms aliasing `@value` and `@id` (VC contexts alias `id`): expansion asks of every key of
    /// every node in a type-scoped context whether it expands to one of them (step 7).
    let valueAliases: [String]
    let idAliases: [String]
    /// `state.terms` for lookups during expansion.
    private let table: ByteStringMap<TermDefinition>

    init(_ state: ContextState) {
        self.state = state
        self.id = ContextIdentity.next()
        typeAliases = state.terms.compactMap { $0.value.iri == "@type" ? $0.key : nil }
        valueAliases = state.terms.compactMap { $0.value.iri == "@value" ? $0.key : nil }
        idAliases = state.terms.compactMap { $0.value.iri == "@id" ? $0.key : nil }
        table = ByteStringMap(state.terms)
    }

    /// Whether `key` expands (vocabulary-relative) to `@type`; the same answer as
    /// `expandVocab(key) == "@type"`.
    func expandsToType(_ key: String) -> Bool {
        if key == "@type" { return true }
        let length = key.utf8.count
        if typeAliases.contains(where: { $0.utf8.count == length && $0 == key }) { return true }
        // Not a term: only a compact IRI could still expand to a keyword (through its prefix).
        guard IRI.containsColon(key), table[key] == nil else { return false }
        return expandVocab(key) == "@type"
    }

    /// `expandVocab(key)` when that is `@value` or `@id`, else nil, without a lookup: a key that
    /// is neither a keyword nor a term aliasing one expands to an IRI (compact IRIs and `@vocab`
    /// never produce a keyword).
    func valueOrIdKeyword(_ key: String) -> String? {
        if key.startsWithAt { return key == "@value" || key == "@id" ? key : nil }
        let length = key.utf8.count
        if valueAliases.contains(where: { $0.utf8.count == length && $0 == key }) { return "@value" }
        if idAliases.contains(where: { $0.utf8.count == length && $0 == key }) { return "@id" }
        return nil
    }

    @inline(__always) var terms: [String: TermDefinition] { state.terms }
    @inline(__always) var previousContext: ActiveContext? { state.previousContext }
    @inline(__always) func term(_ name: String) -> TermDefinition? { table[name] }

    /// IRI expansion with `vocab: true` outside context processing, memoised.
    func expandVocab(_ value: String) -> String? {
        // A term hit is as cheap as the memo itself; a keyword expands to itself.
        if let definition = table[value] { return definition.iri }
        if JSONLDKeyword.isKeyword(value) { return value }
        if let hit = vocabExpansions.withLock({ $0[value] }) { return hit }
        let expanded = state.expandIRI(value, documentRelative: false, vocab: true) { table[$0] }
        vocabExpansions.withLock {
            if $0.count >= Self.memoLimit { $0.removeAll(keepingCapacity: true) }
            $0[value] = expanded
        }
        return expanded
    }

    /// IRI expansion of an `@id`-like value (document relative, not vocabulary relative).
    func expandDocumentRelative(_ value: String) -> String? {
        state.expandIRI(value, documentRelative: true, vocab: false) { table[$0] }
    }

    /// IRI expansion of a `@type` value or a `@vocab`-typed value (both flags).
    func expandVocabAndDocumentRelative(_ value: String) -> String? {
        if let definition = table[value] { return definition.iri }
        return state.expandIRI(value, documentRelative: true, vocab: true) { table[$0] }
    }
}

extension ContextState {
    /// IRI Expansion (JSON-LD 1.1 API §5.2) without a local context: the form used once a context
    /// has been processed. (Context processing uses its own variant that can define terms.)
    func expandIRI(_ value: String, documentRelative: Bool, vocab: Bool) -> String? {
        expandIRI(value, documentRelative: documentRelative, vocab: vocab) { terms[String($0)] }
    }

    /// The same, with term lookups through `term` (an active context's `TermTable`).
    @inline(__always)
    func expandIRI(_ value: String, documentRelative: Bool, vocab: Bool,
                   term: (Substring) -> TermDefinition?) -> String? {
        if JSONLDKeyword.isKeyword(value) { return value }
        if IRI.hasKeywordForm(value) { return nil }
        if let definition = term(value[...]) {
            if let iri = definition.iri, JSONLDKeyword.isKeyword(iri) { return iri }
            if vocab { return definition.iri }
        }
        if let colon = IRI.firstColon(value), colon != value.startIndex {
            let prefix = value[..<colon]
            let suffix = value[value.utf8.index(after: colon)...]
            if prefix == "_" || suffix.utf8.starts(with: "//".utf8) { return value }
            if let definition = term(prefix), let iri = definition.iri, definition.prefix {
                return iri + suffix
            }
            if IRI.hasScheme(value) { return value }
        }
        if vocab, let vocabularyMapping { return vocabularyMapping + value }
        if documentRelative { return IRI.resolve(value, against: baseIRI) }
        return value
    }
}

/// JSON-LD keywords.
enum JSONLDKeyword {
    /// By length, then a few small-string comparisons (raw bits): the Set this replaces hashed every
    /// candidate with SipHash, and expansion asks this of every key.
    static func isKeyword(_ s: String) -> Bool {
        guard s.startsWithAt else { return false }
        switch s.utf8.count {
        case 3: return s == "@id"
        case 4: return s == "@set"
        case 5: return s == "@type" || s == "@list" || s == "@base" || s == "@json" || s == "@nest" || s == "@none"
        case 6: return s == "@value" || s == "@graph" || s == "@index" || s == "@vocab"
        case 7: return s == "@import" || s == "@prefix"
        case 8: return s == "@context" || s == "@reverse" || s == "@version"
        case 9: return s == "@language" || s == "@included"
        case 10: return s == "@container" || s == "@direction" || s == "@propagate" || s == "@protected"
        default: return false
        }
    }
}
