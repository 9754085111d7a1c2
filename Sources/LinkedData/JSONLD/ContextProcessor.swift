/// Context Processing (JSON-LD 1.1 API §4.1) and Create Term Definition (§4.2).
struct ContextProcessor {
    let loader: any DocumentLoader
    let processingMode: JSONLDProcessingMode
    /// Remote contexts nested deeper than this are a `context overflow`.
    static let maxRemoteContexts = 32

    private var is10: Bool { processingMode == .jsonLD10 }

    // MARK: Cached entry point used by expansion

    /// Context processing as expansion calls it (fresh remote-context list), through the loader's
    /// processed-context cache when it has one.
    func process(
        _ active: ActiveContext, local: JSONValue, scoped: ScopedContext? = nil, baseURL: String?,
        overrideProtected: Bool = false, propagate: Bool = true
    ) throws -> ActiveContext {
        guard let cache = loader.contextCache else {
            return try process(active, local: local, baseURL: baseURL, remoteContexts: [],
                               overrideProtected: overrideProtected, propagate: propagate, validateScoped: true)
        }
        // A scoped context usually resolves against its own base URL, which its identity implies:
        // a one-byte marker (no URL has a NUL) stands for it, sparing a hash of the URL per typed node.
        let keyBase = if let scoped, scoped.baseURL == baseURL { "\u{0}" } else { baseURL }
        let key = JSONLDContextCache.Key(
            parent: active.id, source: scoped.map { .scoped($0.id) } ?? .value(local), baseURL: keyBase,
            overrideProtected: overrideProtected, propagate: propagate, processingMode: processingMode)
        if let hit = cache.processed(key) { return hit }
        let result = try process(active, local: local, baseURL: baseURL, remoteContexts: [],
                                 overrideProtected: overrideProtected, propagate: propagate, validateScoped: true)
        cache.store(result, for: key)
        return result
    }

    // MARK: Context Processing algorithm

    func process(
        _ active: ActiveContext, local: JSONValue, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool, propagate propagateIn: Bool, validateScoped: Bool
    ) throws -> ActiveContext {
        // @base is ignored in contexts loaded from a document (step 5.7 "not a remote context").
        let isRemote = !remoteContexts.isEmpty
        var remoteContexts = remoteContexts
        var result = active.state
        var propagate = propagateIn
        // 2
        if case .object(let object) = local, let value = object["@propagate"] {
            guard case .bool(let flag) = value else { throw JSONLDError(.invalidPropagateValue, "\(value)") }
            propagate = flag
        }
        // 3
        if !propagate, result.previousContext == nil { result.previousContext = active }
        // 4
        let items: [JSONValue] = if case .array(let array) = local { array } else { [local] }
        for item in items {
            switch item {
            case .null:
                // 5.1
                if !overrideProtected, result.hasProtectedTerms {
                    throw JSONLDError(.invalidContextNullification)
                }
                let previous = result
                result = ContextState(baseIRI: active.state.originalBaseURL, originalBaseURL: active.state.originalBaseURL)
                if !propagate { result.previousContext = ActiveContext(previous) }
            case .string(let reference):
                // 5.2
                let url = IRI.resolve(reference, against: baseURL)
                if baseURL == nil || !IRI.hasScheme(baseURL!) {
                    guard IRI.hasScheme(url) else { throw JSONLDError(.loadingDocumentFailed, url) }
                }
                if !validateScoped, remoteContexts.contains(url) { continue }
                if remoteContexts.count > Self.maxRemoteContexts { throw JSONLDError(.contextOverflow, url) }
                remoteContexts.append(url)
                let document: RemoteDocument
                do { document = try loader.loadDocument(url) } catch {
                    throw JSONLDError(.loadingRemoteContextFailed, "\(url): \(error)")
                }
                guard case .object(let top) = document.document, let loaded = top["@context"] else {
                    throw JSONLDError(.invalidRemoteContext, url)
                }
                let processed = try process(
                    ActiveContext(result), local: loaded, baseURL: document.documentURL,
                    remoteContexts: remoteContexts, overrideProtected: overrideProtected,
                    propagate: true, validateScoped: validateScoped)
                result = processed.state
            case .object(var context):
                try processDefinition(&context, into: &result, active: active, baseURL: baseURL, isRemote: isRemote,
                                      remoteContexts: remoteContexts, overrideProtected: overrideProtected,
                                      validateScoped: validateScoped)
            default:
                throw JSONLDError(.invalidLocalContext, "\(item)")
            }
        }
        return ActiveContext(result)
    }

    /// Steps 5.5–5.13 for one context definition (a map).
    private func processDefinition(
        _ context: inout JSONObject, into result: inout ContextState, active: ActiveContext, baseURL: String?,
        isRemote: Bool, remoteContexts: [String], overrideProtected: Bool, validateScoped: Bool
    ) throws {
        // 5.5
        if let version = context["@version"] {
            guard case .number(let n) = version, n.doubleValue == 1.1 else {
                throw JSONLDError(.invalidVersionValue, "\(version)")
            }
            if is10 { throw JSONLDError(.processingModeConflict) }
        }
        // 5.6
        if let importValue = context["@import"] {
            if is10 { throw JSONLDError(.invalidContextEntry, "@import") }
            guard case .string(let reference) = importValue else {
                throw JSONLDError(.invalidImportValue, "\(importValue)")
            }
            let url = IRI.resolve(reference, against: baseURL)
            let document: RemoteDocument
            do { document = try loader.loadDocument(url) } catch {
                throw JSONLDError(.loadingRemoteContextFailed, "\(url): \(error)")
            }
            guard case .object(let top) = document.document, case .object(let imported)? = top["@context"] else {
                throw JSONLDError(.invalidRemoteContext, url)
            }
            if imported["@import"] != nil { throw JSONLDError(.invalidContextEntry, "@import in \(url)") }
            var merged = imported
            for (key, value) in context where key != "@import" { merged[key] = value }
            context = merged
        }
        // 5.7
        if let baseValue = context["@base"], !isRemote {
            switch baseValue {
            case .null: result.baseIRI = nil
            case .string(let value):
                if IRI.hasScheme(value) { result.baseIRI = value }
                else if let current = result.baseIRI { result.baseIRI = IRI.resolve(value, against: current) }
                else { throw JSONLDError(.invalidBaseIRI, value) }
            default: throw JSONLDError(.invalidBaseIRI, "\(baseValue)")
            }
        }
        // 5.8
        if let vocabValue = context["@vocab"] {
            switch vocabValue {
            case .null: result.vocabularyMapping = nil
            case .string(let value):
                if is10, !IRI.hasScheme(value), !IRI.isBlankNode(value) {
                    throw JSONLDError(.invalidVocabMapping, value)
                }
                guard let expanded = result.expandIRI(value, documentRelative: true, vocab: true),
                      IRI.hasScheme(expanded) || IRI.isBlankNode(expanded)
                else { throw JSONLDError(.invalidVocabMapping, value) }
                result.vocabularyMapping = expanded
            default: throw JSONLDError(.invalidVocabMapping, "\(vocabValue)")
            }
        }
        // 5.9
        if let languageValue = context["@language"] {
            switch languageValue {
            case .null: result.defaultLanguage = nil
            case .string(let value): result.defaultLanguage = value
            default: throw JSONLDError(.invalidDefaultLanguage, "\(languageValue)")
            }
        }
        // 5.10
        if let directionValue = context["@direction"] {
            if is10 { throw JSONLDError(.invalidContextEntry, "@direction") }
            switch directionValue {
            case .null: result.defaultDirection = nil
            case .string(let value):
                guard let direction = JSONLDDirection(rawValue: value) else {
                    throw JSONLDError(.invalidBaseDirection, value)
                }
                result.defaultDirection = direction
            default: throw JSONLDError(.invalidBaseDirection, "\(directionValue)")
            }
        }
        // 5.11
        if let propagateValue = context["@propagate"] {
            if is10 { throw JSONLDError(.invalidContextEntry, "@propagate") }
            guard case .bool = propagateValue else { throw JSONLDError(.invalidPropagateValue, "\(propagateValue)") }
        }
        // 5.12–5.13
        var protected = false
        if let protectedValue = context["@protected"] {
            guard case .bool(let flag) = protectedValue else {
                throw JSONLDError(.invalidProtectedValue, "\(protectedValue)")
            }
            protected = flag
        }
        var definer = TermDefiner(
            processor: self, local: context, baseURL: baseURL, protected: protected,
            overrideProtected: overrideProtected, remoteContexts: remoteContexts, validateScoped: validateScoped)
        for key in context.keys {
            switch key {
            case "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab":
                continue
            default:
                try definer.define(key, in: &result)
            }
        }
    }
}

/// Create Term Definition (§4.2) for the terms of one local context, with the `defined` map that
/// detects cycles.
struct TermDefiner {
    let processor: ContextProcessor
    let local: JSONObject
    let baseURL: String?
    let protected: Bool
    let overrideProtected: Bool
    let remoteContexts: [String]
    let validateScoped: Bool
    var defined: [String: Bool] = [:]

    init(processor: ContextProcessor, local: JSONObject, baseURL: String?, protected: Bool,
         overrideProtected: Bool, remoteContexts: [String], validateScoped: Bool) {
        self.processor = processor
        self.local = local
        self.baseURL = baseURL
        self.protected = protected
        self.overrideProtected = overrideProtected
        self.remoteContexts = remoteContexts
        self.validateScoped = validateScoped
    }

    private var is10: Bool { processor.processingMode == .jsonLD10 }

    /// IRI Expansion with a local context: may define terms the value depends on first.
    mutating func expandIRI(_ value: String, in active: inout ContextState, documentRelative: Bool = false,
                            vocab: Bool = false) throws -> String? {
        if JSONLDKeyword.isKeyword(value) { return value }
        if IRI.hasKeywordForm(value) { return nil }
        // 3
        if local[value] != nil, defined[value] != true { try define(value, in: &active) }
        // 4, 5
        if let definition = active.terms[value] {
            if let iri = definition.iri, JSONLDKeyword.isKeyword(iri) { return iri }
            if vocab { return definition.iri }
        }
        // 6
        if let colon = IRI.firstColon(value), colon != value.startIndex {
            let prefix = String(value[..<colon])
            let suffix = value[value.utf8.index(after: colon)...]
            if prefix == "_" || suffix.utf8.starts(with: "//".utf8) { return value }
            if local[prefix] != nil, defined[prefix] != true { try define(prefix, in: &active) }
            if let definition = active.terms[prefix], let iri = definition.iri, definition.prefix {
                return iri + suffix
            }
            if IRI.hasScheme(value) { return value }
        }
        // 7, 8
        if vocab, let vocabulary = active.vocabularyMapping { return vocabulary + value }
        if documentRelative { return IRI.resolve(value, against: active.baseIRI) }
        return value
    }

    mutating func define(_ term: String, in active: inout ContextState) throws {
        // 1
        if let state = defined[term] {
            if state { return }
            throw JSONLDError(.cyclicIRIMapping, term)
        }
        // 2
        if term.isEmpty { throw JSONLDError(.invalidTermDefinition, "empty term") }
        defined[term] = false
        // 3
        guard var value = local[term] else { defined[term] = true; return }
        // 4
        if term == "@type" {
            if is10 { throw JSONLDError(.keywordRedefinition, term) }
            guard case .object(let object) = value, !object.isEmpty else {
                throw JSONLDError(.keywordRedefinition, term)
            }
            for (key, entry) in object {
                switch key {
                case "@container": if entry != .string("@set") { throw JSONLDError(.keywordRedefinition, term) }
                case "@protected": continue
                default: throw JSONLDError(.keywordRedefinition, term)
                }
            }
        } else if JSONLDKeyword.isKeyword(term) {
            // 5
            throw JSONLDError(.keywordRedefinition, term)
        } else if IRI.hasKeywordForm(term) {
            defined[term] = true
            return
        }
        // 6
        let previous = active.terms.removeValue(forKey: term)
        // 7–9
        var simpleTerm = false
        switch value {
        case .null: value = .object(JSONObject([("@id", .null)]))
        case .string:
            value = .object(JSONObject([("@id", value)]))
            simpleTerm = true
        case .object: break
        default: throw JSONLDError(.invalidTermDefinition, term)
        }
        guard case .object(let map) = value else { throw JSONLDError(.invalidTermDefinition, term) }
        // 10
        let definition = TermDefinition()
        definition.protected = protected
        // 11
        if let protectedValue = map["@protected"] {
            if is10 { throw JSONLDError(.invalidTermDefinition, term) }
            guard case .bool(let flag) = protectedValue else { throw JSONLDError(.invalidProtectedValue, term) }
            definition.protected = flag
        }
        // 12
        if let typeValue = map["@type"] {
            guard case .string(let type) = typeValue else { throw JSONLDError(.invalidTypeMapping, term) }
            guard let expanded = try expandIRI(type, in: &active, vocab: true) else {
                throw JSONLDError(.invalidTypeMapping, term)
            }
            switch expanded {
            case "@json", "@none":
                if is10 { throw JSONLDError(.invalidTypeMapping, term) }
            case "@id", "@vocab": break
            default:
                guard IRI.hasScheme(expanded) else { throw JSONLDError(.invalidTypeMapping, "\(term): \(expanded)") }
            }
            definition.typeMapping = expanded
        }
        // 13
        if let reverseValue = map["@reverse"] {
            if map["@id"] != nil || map["@nest"] != nil { throw JSONLDError(.invalidReverseProperty, term) }
            guard case .string(let reverse) = reverseValue else { throw JSONLDError(.invalidIRIMapping, term) }
            if IRI.hasKeywordForm(reverse) { defined[term] = true; return }
            guard let expanded = try expandIRI(reverse, in: &active, vocab: true),
                  IRI.hasScheme(expanded) || IRI.isBlankNode(expanded)
            else { throw JSONLDError(.invalidIRIMapping, term) }
            definition.iri = expanded
            if let containerValue = map["@container"] {
                switch containerValue {
                case .null: break
                case .string("@set"): definition.container = .set
                case .string("@index"): definition.container = .index
                default: throw JSONLDError(.invalidReverseProperty, term)
                }
            }
            definition.reverse = true
            try finish(term, definition, previous: previous, in: &active)
            return
        }
        // 14–18
        if let idValue = map["@id"], idValue != .string(term) {
            switch idValue {
            case .null:
                break
            case .string(let id):
                if !JSONLDKeyword.isKeyword(id), IRI.hasKeywordForm(id) { defined[term] = true; return }
                guard let expanded = try expandIRI(id, in: &active, vocab: true),
                      JSONLDKeyword.isKeyword(expanded) || IRI.hasScheme(expanded) || IRI.isBlankNode(expanded)
                else { throw JSONLDError(.invalidIRIMapping, term) }
                if expanded == "@context" { throw JSONLDError(.invalidKeywordAlias, term) }
                definition.iri = expanded
                let utf8 = term.utf8
                let innerColon = utf8.dropFirst().dropLast().contains(UInt8(ascii: ":"))
                let hasSlash = utf8.contains(UInt8(ascii: "/"))
                if innerColon || hasSlash {
                    defined[term] = true
                    let selfExpanded = try expandIRI(term, in: &active, vocab: true)
                    if selfExpanded != expanded { throw JSONLDError(.invalidIRIMapping, term) }
                }
                if !utf8.contains(UInt8(ascii: ":")), !hasSlash, simpleTerm,
                   IRI.endsWithGenDelim(expanded) || IRI.isBlankNode(expanded) {
                    definition.prefix = true
                }
            default:
                throw JSONLDError(.invalidIRIMapping, term)
            }
        } else if let colon = IRI.firstColon(term), colon != term.startIndex {
            // 15
            let prefix = String(term[..<colon])
            let suffix = term[term.utf8.index(after: colon)...]
            if local[prefix] != nil { try define(prefix, in: &active) }
            if let prefixDefinition = active.terms[prefix], let iri = prefixDefinition.iri {
                definition.iri = iri + suffix
            } else {
                definition.iri = term
            }
        } else if term.utf8.contains(UInt8(ascii: "/")) {
            // 16 (expanded against the context as it stands: the term itself is being defined)
            guard let expanded = active.expandIRI(term, documentRelative: false, vocab: true), IRI.hasScheme(expanded) else {
                throw JSONLDError(.invalidIRIMapping, term)
            }
            definition.iri = expanded
        } else if term == "@type" {
            // 17
            definition.iri = "@type"
        } else if let vocabulary = active.vocabularyMapping {
            // 18
            definition.iri = vocabulary + term
        } else {
            throw JSONLDError(.invalidIRIMapping, term)
        }
        // 19
        if let containerValue = map["@container"] {
            definition.container = try containerMapping(containerValue, term: term)
            if definition.container.contains(.type) {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                if definition.typeMapping != "@id", definition.typeMapping != "@vocab" {
                    throw JSONLDError(.invalidTypeMapping, term)
                }
            }
        }
        // 20
        if let indexValue = map["@index"] {
            if is10 || !definition.container.contains(.index) { throw JSONLDError(.invalidTermDefinition, term) }
            guard case .string(let index) = indexValue, !JSONLDKeyword.isKeyword(index),
                  let expanded = try expandIRI(index, in: &active, vocab: true), IRI.hasScheme(expanded)
            else { throw JSONLDError(.invalidTermDefinition, term) }
            definition.index = index
        }
        // 21
        if let scoped = map["@context"] {
            if is10 { throw JSONLDError(.invalidTermDefinition, term) }
            do {
                _ = try processor.process(
                    ActiveContext(active), local: scoped, baseURL: baseURL, remoteContexts: remoteContexts,
                    overrideProtected: true, propagate: true, validateScoped: false)
            } catch let error as JSONLDError {
                throw JSONLDError(.invalidScopedContext, "\(term): \(error)")
            }
            definition.context = ScopedContext(value: scoped, baseURL: baseURL)
        }
        // 22
        if let languageValue = map["@language"], map["@type"] == nil {
            switch languageValue {
            case .null: definition.languageMapping = .some(nil)
            case .string(let language): definition.languageMapping = .some(language)
            default: throw JSONLDError(.invalidLanguageMapping, term)
            }
        }
        // 23
        if let directionValue = map["@direction"], map["@type"] == nil {
            switch directionValue {
            case .null: definition.directionMapping = .some(nil)
            case .string(let value):
                guard let direction = JSONLDDirection(rawValue: value) else {
                    throw JSONLDError(.invalidBaseDirection, term)
                }
                definition.directionMapping = .some(direction)
            default: throw JSONLDError(.invalidBaseDirection, term)
            }
        }
        // 24
        if let nestValue = map["@nest"] {
            if is10 { throw JSONLDError(.invalidTermDefinition, term) }
            guard case .string(let nest) = nestValue, nest == "@nest" || !JSONLDKeyword.isKeyword(nest) else {
                throw JSONLDError(.invalidNestValue, term)
            }
            definition.nest = nest
        }
        // 25
        if let prefixValue = map["@prefix"] {
            if is10 || term.utf8.contains(UInt8(ascii: ":")) || term.utf8.contains(UInt8(ascii: "/")) {
                throw JSONLDError(.invalidTermDefinition, term)
            }
            guard case .bool(let flag) = prefixValue else { throw JSONLDError(.invalidPrefixValue, term) }
            definition.prefix = flag
            if flag, let iri = definition.iri, JSONLDKeyword.isKeyword(iri) {
                throw JSONLDError(.invalidTermDefinition, term)
            }
        }
        // 26
        for key in map.keys {
            switch key {
            case "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest",
                 "@prefix", "@protected", "@type":
                continue
            default:
                throw JSONLDError(.invalidTermDefinition, "\(term): \(key)")
            }
        }
        try finish(term, definition, previous: previous, in: &active)
    }

    /// Steps 27–28: protected-term check, then store.
    private mutating func finish(_ term: String, _ definition: TermDefinition, previous: TermDefinition?,
                                 in active: inout ContextState) throws {
        var definition = definition
        if !overrideProtected, let previous, previous.protected {
            if !definition.isSameDefinition(as: previous) {
                throw JSONLDError(.protectedTermRedefinition, term)
            }
            definition = previous
        }
        active.terms[term] = definition
        defined[term] = true
    }

    private func containerMapping(_ value: JSONValue, term: String) throws -> ContainerMapping {
        var keywords: [String] = []
        switch value {
        case .string(let keyword): keywords = [keyword]
        case .array(let array) where !is10:
            for item in array {
                guard case .string(let keyword) = item else { throw JSONLDError(.invalidContainerMapping, term) }
                keywords.append(keyword)
            }
        case .null: return []
        default: throw JSONLDError(.invalidContainerMapping, term)
        }
        var mapping: ContainerMapping = []
        for keyword in keywords {
            guard let flag = ContainerMapping(keyword: keyword) else { throw JSONLDError(.invalidContainerMapping, term) }
            mapping.insert(flag)
        }
        if is10 {
            if case .array = value { throw JSONLDError(.invalidContainerMapping, term) }
            if mapping.contains(.graph) || mapping.contains(.id) || mapping.contains(.type) {
                throw JSONLDError(.invalidContainerMapping, term)
            }
            return mapping
        }
        // Allowed combinations (step 19.1).
        let isArray: Bool = if case .array = value { true } else { false }
        if !isArray || keywords.count == 1 { return mapping }
        if mapping.contains(.list) { throw JSONLDError(.invalidContainerMapping, term) }
        let withoutSet = mapping.subtracting(.set)
        if mapping.contains(.graph), withoutSet.isSubset(of: [.graph, .id]) || withoutSet.isSubset(of: [.graph, .index]) {
            return mapping
        }
        if mapping.contains(.set), withoutSet.isSubset(of: [.index, .graph, .id, .type, .language]) {
            // @set with any of the others, but only combinations that are themselves valid.
            if withoutSet.contains(.graph), !withoutSet.isSubset(of: [.graph, .id]), !withoutSet.isSubset(of: [.graph, .index]) {
                throw JSONLDError(.invalidContainerMapping, term)
            }
            if withoutSet.subtracting(.graph).rawValue.nonzeroBitCount > 1 {
                throw JSONLDError(.invalidContainerMapping, term)
            }
            return mapping
        }
        throw JSONLDError(.invalidContainerMapping, term)
    }
}
