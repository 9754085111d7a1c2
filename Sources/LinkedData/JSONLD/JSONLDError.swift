/// The error codes of JSON-LD 1.1 (https://www.w3.org/TR/json-ld11-api/#jsonldprocessor), one
/// case each, so callers and the conformance suite compare codes rather than messages.
/// `rawValue` is the spec's code string exactly as the test manifests write it.
public enum JSONLDErrorCode: String, Sendable, Hashable, CaseIterable {
    case collidingKeywords = "colliding keywords"
    case conflictingIndexes = "conflicting indexes"
    case contextOverflow = "context overflow"
    case cyclicIRIMapping = "cyclic IRI mapping"
    case invalidIdValue = "invalid @id value"
    case invalidImportValue = "invalid @import value"
    case invalidIncludedValue = "invalid @included value"
    case invalidIndexValue = "invalid @index value"
    case invalidNestValue = "invalid @nest value"
    case invalidPrefixValue = "invalid @prefix value"
    case invalidPropagateValue = "invalid @propagate value"
    case invalidProtectedValue = "invalid @protected value"
    case invalidReverseValue = "invalid @reverse value"
    case invalidVersionValue = "invalid @version value"
    case invalidBaseDirection = "invalid base direction"
    case invalidBaseIRI = "invalid base IRI"
    case invalidContainerMapping = "invalid container mapping"
    case invalidContextEntry = "invalid context entry"
    case invalidContextNullification = "invalid context nullification"
    case invalidDefaultLanguage = "invalid default language"
    case invalidIRIMapping = "invalid IRI mapping"
    case invalidJSONLiteral = "invalid JSON literal"
    case invalidKeywordAlias = "invalid keyword alias"
    case invalidLanguageMapValue = "invalid language map value"
    case invalidLanguageMapping = "invalid language mapping"
    case invalidLanguageTaggedString = "invalid language-tagged string"
    case invalidLanguageTaggedValue = "invalid language-tagged value"
    case invalidLocalContext = "invalid local context"
    case invalidRemoteContext = "invalid remote context"
    case invalidReverseProperty = "invalid reverse property"
    case invalidReversePropertyMap = "invalid reverse property map"
    case invalidReversePropertyValue = "invalid reverse property value"
    case invalidScopedContext = "invalid scoped context"
    case invalidSetOrListObject = "invalid set or list object"
    case invalidTermDefinition = "invalid term definition"
    case invalidTypeMapping = "invalid type mapping"
    case invalidTypeValue = "invalid type value"
    case invalidTypedValue = "invalid typed value"
    case invalidValueObject = "invalid value object"
    case invalidValueObjectValue = "invalid value object value"
    case invalidVocabMapping = "invalid vocab mapping"
    case iriConfusedWithPrefix = "IRI confused with prefix"
    case keywordRedefinition = "keyword redefinition"
    case loadingDocumentFailed = "loading document failed"
    case loadingRemoteContextFailed = "loading remote context failed"
    case processingModeConflict = "processing mode conflict"
    case protectedTermRedefinition = "protected term redefinition"
    /// Not a JSON-LD API code: raised only in `safeMode`, where expansion would silently drop a
    /// property (a key no context maps to an absolute IRI), which a signature over RDF cannot cover.
    case droppedProperty = "dropped property (safe mode)"
    /// Not a JSON-LD API code: raised only in `safeMode` by `encodedDataset(expanded:)`, where toRdf
    /// would silently drop a node identifier, type or property IRI (relative, keyword-like or not
    /// well-formed), so the content the JSON shows is not in the RDF a signature covers.
    case droppedValue = "dropped value (safe mode)"
}

/// A JSON-LD processing failure: the spec's error code plus what triggered it (a term, a key, a
/// URL), so a verifier can say *why* a credential's context was rejected.
public struct JSONLDError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: JSONLDErrorCode
    /// The term, key, value or URL at fault (may be empty).
    public let detail: String

    public init(_ code: JSONLDErrorCode, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// The document loader refused or could not produce `url` (the bundled loader serves only the
    /// contexts it carries; it never goes to the network).
    public static func loadingDocumentFailed(_ url: String, reason: String = "not available offline") -> JSONLDError {
        JSONLDError(.loadingDocumentFailed, "\(url): \(reason)")
    }

    public var description: String {
        detail.isEmpty ? "JSON-LD error: \(code.rawValue)" : "JSON-LD error: \(code.rawValue) (\(detail))"
    }
}
