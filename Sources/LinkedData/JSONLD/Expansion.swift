/// The Expansion algorithm (JSON-LD 1.1 API §5.1) and Value Expansion (§5.3.2). Documents are
/// processed in document order (`ordered` is false), which does not change the RDF produced.
struct Expander {
    let contexts: ContextProcessor
    /// `JSONLDOptions.safeMode`: a dropped key is an error.
    var safeMode = false
    var processingMode: JSONLDProcessingMode { contexts.processingMode }
    private var is10: Bool { processingMode == .jsonLD10 }

    // MARK: Expansion algorithm

    /// `knownDefinition` is `property`'s term definition in `active` when the caller already
    /// looked it up (expansion otherwise repeats that lookup for every value and array item).
    func expand(_ active: ActiveContext, property: String?, element: JSONValue, baseURL: String?,
                fromMap: Bool = false, knownDefinition: TermDefinition?? = nil) throws -> JSONValue {
        // 3
        let propertyDefinition = knownDefinition ?? property.flatMap { active.term($0) }
        let propertyScoped = propertyDefinition?.context
        switch element {
        case .null:
            return .null
        case .array(let items):
            // 5
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            let isList = propertyDefinition?.container.contains(.list) ?? false
            for item in items {
                var expanded = try expand(active, property: property, element: item, baseURL: baseURL, fromMap: fromMap,
                                          knownDefinition: .some(propertyDefinition))
                if isList, case .array = expanded { expanded = .object(JSONObject([("@list", expanded)])) }
                switch expanded {
                case .array(let inner): result.append(contentsOf: inner)
                case .null: continue
                default: result.append(expanded)
                }
            }
            return .array(result)
        case .object(let object):
            return try expandObject(active, property: property, propertyScoped: propertyScoped,
                                    object: object, baseURL: baseURL, fromMap: fromMap)
        default:
            // 4: scalars
            if property == nil || property!.isKeyword("@graph") { return .null }
            var context = active
            if let propertyScoped {
                context = try contexts.process(active, local: propertyScoped.value, scoped: propertyScoped,
                                               baseURL: propertyScoped.baseURL, overrideProtected: true)
            }
            let definition = context === active ? propertyDefinition : property.flatMap { context.term($0) }
            return .object(expandValue(context, definition: definition, value: element))
        }
    }

    private func expandObject(_ activeIn: ActiveContext, property: String?, propertyScoped: ScopedContext?,
                              object element: JSONObject, baseURL: String?, fromMap: Bool) throws -> JSONValue {
        var active = activeIn
        // 7: a type-scoped context does not apply to new node objects.
        if let previous = active.previousContext, !fromMap {
            var revert = true
            for key in element.keys {
                guard let expanded = active.valueOrIdKeyword(key) else { continue }
                if expanded == "@value" { revert = false; break }
                if expanded == "@id", element.count == 1 { revert = false; break }
            }
            if revert { active = previous }
        }
        // 8
        if let propertyScoped {
            active = try contexts.process(active, local: propertyScoped.value, scoped: propertyScoped,
                                          baseURL: propertyScoped.baseURL, overrideProtected: true)
        }
        // 9
        if let local = element["@context"] {
            active = try contexts.process(active, local: local, baseURL: baseURL)
        }
        // 10
        let typeScoped = active
        // 11, 12: apply type-scoped contexts (types in lexicographic order) and find the input type.
        var inputType: String?
        var inputTypeKey: String?
        for (key, value) in element where active.expandsToType(key) {
            var types: [String] = []
            switch value {
            case .string(let s): types = [s]
            case .array(let array): for case .string(let s) in array { types.append(s) }
            default: break
            }
            if inputTypeKey == nil || key < inputTypeKey! {
                inputTypeKey = key
                inputType = types.last
            }
            for type in types.sorted() {
                if let scoped = typeScoped.term(type)?.context {
                    active = try contexts.process(active, local: scoped.value, scoped: scoped,
                                                  baseURL: scoped.baseURL, propagate: false)
                }
            }
        }
        let expandedInputType = inputType.flatMap { active.expandVocabAndDocumentRelative($0) }

        // 13, 14
        var result = JSONObject()
        result.reserveCapacity(element.count)
        try expandEntries(element, into: &result, active: active, typeScoped: typeScoped, property: property,
                          inputType: expandedInputType, baseURL: baseURL)

        // One scan of the (few) result keys instead of a hash lookup per question.
        var shape = ResultShape()
        for key in result.keys where key.startsWithAt {
            switch key {
            case "@value": shape.value = true
            case "@type": shape.type = true
            case "@set": shape.set = true
            case "@list": shape.list = true
            case "@language": shape.language = true
            case "@id": shape.id = true
            default: break
            }
        }
        // 15
        if shape.value, let value = result["@value"] {
            for key in result.keys {
                switch key {
                case "@direction", "@index", "@language", "@type", "@value": continue
                default: throw JSONLDError(.invalidValueObject, key)
                }
            }
            let type = result["@type"]
            if type != nil, result["@language"] != nil || result["@direction"] != nil {
                throw JSONLDError(.invalidValueObject, "@type with @language or @direction")
            }
            if type == .string("@json") {
                // a JSON literal: any value
            } else {
                if value == .null { return .null }
                if case .array(let a) = value, a.isEmpty { return .null }
                if result["@language"] != nil, value.stringValue == nil {
                    throw JSONLDError(.invalidLanguageTaggedValue, "\(value)")
                }
                if case .array = value { throw JSONLDError(.invalidValueObjectValue, "\(value)") }
                if let type {
                    guard case .string(let iri) = type, IRI.isWellFormedAbsolute(iri) else {
                        throw JSONLDError(.invalidTypedValue, "\(type)")
                    }
                }
            }
        } else if shape.type, let type = result["@type"] {
            // 16
            if case .array = type {} else { result["@type"] = .array([type]) }
        } else if shape.set || shape.list {
            // 17
            if result.count > 2 || (result.count == 2 && result["@index"] == nil) {
                throw JSONLDError(.invalidSetOrListObject)
            }
            if let set = result["@set"] { return try finishSet(set, property: property) }
        }
        // 18
        if result.count == 1, shape.language { return .null }
        // 19
        if property == nil || property!.isKeyword("@graph") {
            if result.isEmpty || shape.value || shape.list { return .null }
            if result.count == 1, shape.id { return .null }
        }
        return .object(result)
    }

    /// Step 17.2: an `@set` object is replaced by its value (then steps 18–19 apply to a map value).
    private func finishSet(_ set: JSONValue, property: String?) throws -> JSONValue {
        guard case .object(let object) = set else { return set }
        if object.count == 1, object["@language"] != nil { return .null }
        if property == nil || property == "@graph" {
            if object.isEmpty || object["@value"] != nil || object["@list"] != nil { return .null }
            if object.count == 1, object["@id"] != nil { return .null }
        }
        return set
    }

    /// Steps 13 and 14 for the entries of `element` (called again for each `@nest` value).
    private func expandEntries(_ element: JSONObject, into result: inout JSONObject, active: ActiveContext,
                               typeScoped: ActiveContext, property: String?, inputType: String?,
                               baseURL: String?) throws {
        var nests: [String] = []
        for (key, value) in element {
            // 13.1–13.3
            if key.isKeyword("@context") { continue }
            let definition = active.term(key)
            guard let expandedProperty = definition != nil ? definition!.iri : active.expandVocab(key) else {
                if safeMode { throw JSONLDError(.droppedProperty, key) }
                continue
            }
            let isKeyword = JSONLDKeyword.isKeyword(expandedProperty)
            if !isKeyword, !IRI.containsColon(expandedProperty) {
                if safeMode { throw JSONLDError(.droppedProperty, key) }
                continue
            }

            if isKeyword {
                // 13.4
                if property?.isKeyword("@reverse") == true { throw JSONLDError(.invalidReversePropertyMap, key) }
                if result[expandedProperty] != nil,
                   is10 || (expandedProperty != "@included" && expandedProperty != "@type") {
                    throw JSONLDError(.collidingKeywords, expandedProperty)
                }
                var expandedValue: JSONValue?
                switch expandedProperty {
                case "@id":
                    guard case .string(let id) = value else { throw JSONLDError(.invalidIdValue, "\(value)") }
                    // A keyword-like @id expands to null; it is kept as null so that the node (and
                    // any triple pointing at it) is dropped by toRdf rather than given a blank node.
                    expandedValue = active.expandDocumentRelative(id).map(JSONValue.string) ?? .null
                case "@type":
                    let expanded: JSONValue
                    switch value {
                    case .string(let type):
                        guard let iri = typeScoped.expandVocabAndDocumentRelative(type) else { continue }
                        expanded = .string(iri)
                    case .array(let array):
                        var types: [JSONValue] = []
                        types.reserveCapacity(array.count)
                        for item in array {
                            guard case .string(let type) = item else { throw JSONLDError(.invalidTypeValue, "\(value)") }
                            if let iri = typeScoped.expandVocabAndDocumentRelative(type) { types.append(.string(iri)) }
                        }
                        expanded = .array(types)
                    default:
                        throw JSONLDError(.invalidTypeValue, "\(value)")
                    }
                    if let existing = result["@type"] {
                        expandedValue = .array(asArray(existing) + asArray(expanded))
                    } else {
                        expandedValue = expanded
                    }
                case "@graph":
                    let expanded = try expand(active, property: "@graph", element: value, baseURL: baseURL)
                    expandedValue = .array(asArray(expanded).filter { $0.objectValue != nil })
                case "@included":
                    if is10 { continue }
                    let expanded = asArray(try expand(active, property: "@included", element: value, baseURL: baseURL))
                    for item in expanded {
                        guard case .object(let node) = item, node["@value"] == nil, node["@list"] == nil,
                              node["@set"] == nil
                        else { throw JSONLDError(.invalidIncludedValue) }
                    }
                    if let existing = result["@included"] {
                        expandedValue = .array(asArray(existing) + expanded)
                    } else {
                        expandedValue = .array(expanded)
                    }
                case "@value":
                    if inputType == "@json" {
                        if is10 { throw JSONLDError(.invalidValueObjectValue, "\(value)") }
                        expandedValue = value
                    } else {
                        switch value {
                        case .null:
                            result["@value"] = .null
                            continue
                        case .array, .object:
                            throw JSONLDError(.invalidValueObjectValue, "\(value)")
                        default:
                            expandedValue = value
                        }
                    }
                case "@language":
                    guard case .string = value else { throw JSONLDError(.invalidLanguageTaggedString, "\(value)") }
                    expandedValue = value
                case "@direction":
                    if is10 { continue }
                    guard case .string(let d) = value, JSONLDDirection(rawValue: d) != nil else {
                        throw JSONLDError(.invalidBaseDirection, "\(value)")
                    }
                    expandedValue = value
                case "@index":
                    guard case .string = value else { throw JSONLDError(.invalidIndexValue, "\(value)") }
                    expandedValue = value
                case "@list":
                    if property == nil || property == "@graph" { continue }
                    let expanded = try expand(active, property: property, element: value, baseURL: baseURL)
                    expandedValue = .array(asArray(expanded))
                case "@set":
                    expandedValue = try expand(active, property: property, element: value, baseURL: baseURL)
                case "@reverse":
                    guard case .object = value else { throw JSONLDError(.invalidReverseValue, "\(value)") }
                    let expanded = try expand(active, property: "@reverse", element: value, baseURL: baseURL)
                    guard case .object(let reversed) = expanded else { continue }
                    if case .object(let doubleReversed)? = reversed["@reverse"] {
                        for (reverseProperty, item) in doubleReversed {
                            addValue(&result, reverseProperty, item)
                        }
                    }
                    if reversed.count > (reversed["@reverse"] == nil ? 0 : 1) {
                        var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
                        for (reverseProperty, items) in reversed where reverseProperty != "@reverse" {
                            for item in asArray(items) {
                                if case .object(let o) = item, o["@value"] != nil || o["@list"] != nil {
                                    throw JSONLDError(.invalidReversePropertyValue, reverseProperty)
                                }
                                addValue(&reverseMap, reverseProperty, item)
                            }
                        }
                        result["@reverse"] = .object(reverseMap)
                    }
                    continue
                case "@nest":
                    nests.append(key)
                    continue
                default:
                    // @context handled above; other keywords (@vocab, @base, ...) carry no data here.
                    expandedValue = value
                }
                if let expandedValue { result[expandedProperty] = expandedValue }
                continue
            }

            // 13.5–13.14: a property.
            let container = definition?.container ?? []
            var expandedValue: JSONValue
            if definition?.typeMapping?.isKeyword("@json") == true {
                // 13.6
                expandedValue = .object(JSONObject([("@value", value), ("@type", .string("@json"))]))
            } else if container.contains(.language), case .object(let languageMap) = value {
                // 13.7
                var items: [JSONValue] = []
                var direction = active.state.defaultDirection
                if let mapping = definition?.directionMapping { direction = mapping }
                for (language, languageValue) in languageMap {
                    for item in asArray(languageValue) {
                        if case .null = item { continue }
                        guard case .string = item else { throw JSONLDError(.invalidLanguageMapValue, "\(item)") }
                        var v = JSONObject([("@value", item), ("@language", .string(language))])
                        if language == "@none" || active.expandVocab(language) == "@none" { v["@language"] = nil }
                        if let direction { v["@direction"] = .string(direction.rawValue) }
                        items.append(.object(v))
                    }
                }
                expandedValue = .array(items)
            } else if !container.isDisjoint(with: [.index, .type, .id]), case .object(let map) = value {
                // 13.8
                expandedValue = .array(try expandIndexMap(map, key: key, container: container,
                                                          definition: definition, active: active, baseURL: baseURL))
            } else {
                // 13.9
                expandedValue = try expand(active, property: key, element: value, baseURL: baseURL,
                                           knownDefinition: .some(definition))
            }
            // 13.10
            if case .null = expandedValue { continue }
            // 13.11
            if container.contains(.list), !isListObject(expandedValue) {
                expandedValue = .object(JSONObject([("@list", .array(asArray(expandedValue)))]))
            }
            // 13.12
            if container.contains(.graph), !container.contains(.id), !container.contains(.index) {
                expandedValue = .array(asArray(expandedValue).map {
                    .object(JSONObject([("@graph", .array(asArray($0)))]))
                })
            }
            // 13.13, 13.14
            if definition?.reverse == true {
                var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
                for item in asArray(expandedValue) {
                    if case .object(let o) = item, o["@value"] != nil || o["@list"] != nil {
                        throw JSONLDError(.invalidReversePropertyValue, key)
                    }
                    addValue(&reverseMap, expandedProperty, item)
                }
                result["@reverse"] = .object(reverseMap)
            } else {
                addValue(&result, expandedProperty, expandedValue)
            }
        }
        // 14: @nest
        for nestingKey in nests {
            for nested in asArray(element[nestingKey] ?? .null) {
                guard case .object(let nestedObject) = nested else {
                    throw JSONLDError(.invalidNestValue, nestingKey)
                }
                // A nesting term's property-scoped context applies inside it (steps 3 and 8 again).
                var nestActive = active
                if let scoped = active.term(nestingKey)?.context {
                    nestActive = try contexts.process(active, local: scoped.value, scoped: scoped,
                                                      baseURL: scoped.baseURL, overrideProtected: true)
                }
                for nestedKey in nestedObject.keys where nestActive.expandVocab(nestedKey) == "@value" {
                    throw JSONLDError(.invalidNestValue, nestingKey)
                }
                try expandEntries(nestedObject, into: &result, active: nestActive, typeScoped: typeScoped,
                                  property: property, inputType: inputType, baseURL: baseURL)
            }
        }
    }

    /// Step 13.8: index, id and type maps.
    private func expandIndexMap(_ map: JSONObject, key: String, container: ContainerMapping,
                                definition: TermDefinition?, active: ActiveContext, baseURL: String?) throws -> [JSONValue] {
        var expanded: [JSONValue] = []
        let indexKey = definition?.index ?? "@index"
        for (index, indexValue) in map {
            var mapContext = active
            if container.contains(.id) || container.contains(.type) {
                mapContext = active.previousContext ?? active
            }
            if container.contains(.type), let scoped = mapContext.term(index)?.context {
                mapContext = try contexts.process(mapContext, local: scoped.value, scoped: scoped, baseURL: scoped.baseURL)
            }
            let expandedIndex = active.expandVocab(index)
            let items = try expand(mapContext, property: key, element: .array(asArray(indexValue)),
                                   baseURL: baseURL, fromMap: true)
            for itemValue in asArray(items) {
                var item = itemValue
                if container.contains(.graph), !isGraphObject(item) {
                    item = .object(JSONObject([("@graph", .array(asArray(item)))]))
                }
                guard case .object(var object) = item else { expanded.append(item); continue }
                if container.contains(.index), indexKey != "@index", expandedIndex != "@none" {
                    let reExpanded = JSONValue.object(expandValue(active, definition: active.term(indexKey), value: .string(index)))
                    guard let expandedIndexKey = active.expandVocab(indexKey) else { continue }
                    var values = [reExpanded]
                    if let existing = object[expandedIndexKey] { values += asArray(existing) }
                    object[expandedIndexKey] = .array(values)
                    if object["@value"] != nil { throw JSONLDError(.invalidValueObject, "property-valued index on a value") }
                } else if container.contains(.index), object["@index"] == nil, expandedIndex != "@none" {
                    object["@index"] = .string(index)
                } else if container.contains(.id), object["@id"] == nil, expandedIndex != "@none" {
                    if let id = active.expandDocumentRelative(index) { object["@id"] = .string(id) }
                } else if container.contains(.type), expandedIndex != "@none", let expandedIndex {
                    var types: [JSONValue] = [.string(expandedIndex)]
                    if let existing = object["@type"] { types += asArray(existing) }
                    object["@type"] = .array(types)
                }
                expanded.append(.object(object))
            }
        }
        return expanded
    }

    // MARK: Value Expansion

    /// `definition` is the active property's term definition in `active`, if any.
    func expandValue(_ active: ActiveContext, definition: TermDefinition?, value: JSONValue) -> JSONObject {
        if case .string(let s) = value {
            if definition?.typeMapping?.isKeyword("@id") == true {
                return JSONObject([("@id", active.expandDocumentRelative(s).map(JSONValue.string) ?? .null)])
            }
            if definition?.typeMapping?.isKeyword("@vocab") == true {
                return JSONObject([("@id", active.expandVocabAndDocumentRelative(s).map(JSONValue.string) ?? .null)])
            }
        }
        var result = JSONObject()
        result.reserveCapacity(3)   // @value plus @type, or @language and @direction
        result.appendAbsent("@value", value)
        if let type = definition?.typeMapping, !type.startsWithAt || (type != "@id" && type != "@vocab" && type != "@none") {
            result.appendAbsent("@type", .string(type))
        } else if case .string = value {
            let language: String? = if let mapping = definition?.languageMapping { mapping } else { active.state.defaultLanguage }
            let direction: JSONLDDirection? = if let mapping = definition?.directionMapping { mapping } else { active.state.defaultDirection }
            if let language { result.appendAbsent("@language", .string(language)) }
            if let direction { result.appendAbsent("@direction", .string(direction.rawValue)) }
        }
        return result
    }
}

// MARK: Helpers on expanded values

extension String {
    /// Keywords start with "@"; IRIs and terms (almost) never do. Checking that byte first spares
    /// the general String comparison, which is slow for the long strings IRIs are.
    @inline(__always) var startsWithAt: Bool {
        // Through the contiguous bytes: `utf8.first` goes the generic Collection way (~60 instructions).
        utf8.withContiguousStorageIfAvailable { $0.first == UInt8(ascii: "@") } ?? (utf8.first == UInt8(ascii: "@"))
    }

    /// `self == keyword`, for a keyword literal.
    @inline(__always) func isKeyword(_ keyword: String) -> Bool { startsWithAt && self == keyword }
}

/// Which keywords an expanded map holds (steps 15–19 ask several times).
private struct ResultShape {
    var value = false, type = false, set = false, list = false, language = false, id = false
}

@inline(__always) func asArray(_ value: JSONValue) -> [JSONValue] {
    switch value {
    case .array(let a): a
    case .null: []
    default: [value]
    }
}

func isListObject(_ value: JSONValue) -> Bool {
    if case .object(let o) = value, o["@list"] != nil { return true }
    return false
}

/// A graph object: `@graph` plus optionally `@id` and `@index`, nothing else.
func isGraphObject(_ value: JSONValue) -> Bool {
    guard case .object(let o) = value, o["@graph"] != nil else { return false }
    return o.keys.allSatisfy { $0 == "@graph" || $0 == "@id" || $0 == "@index" || $0 == "@context" }
}

/// "Add value" with `as array` true: appends (flattening arrays) to the entry, creating it.
func addValue(_ object: inout JSONObject, _ key: String, _ value: JSONValue) {
    object.update(key) { entry in
        // Taken out of the object, the array is uniquely referenced: the append does not copy it.
        guard let current = entry.take() else {
            entry = if case .array = value { value } else { .array([value]) }
            return
        }
        var existing: [JSONValue] = if case .array(let a) = current { a } else { [current] }
        if case .array(let a) = value { existing.append(contentsOf: a) } else { existing.append(value) }
        entry = .array(existing)
    }
}
