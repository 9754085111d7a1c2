import LinkedData

/// RDF canonicalisation silently drops what JSON-LD cannot turn into absolute IRIs: a `type` or
/// `id` that no context defines becomes a relative IRI and vanishes from the dataset, so a
/// signature over the canonical N-Quads would not cover it (change `"type": "Image"` to
/// `"Imagex"` and the proof still verifies). This guard rejects such documents before signing and
/// verifying, in the spirit of jsonld.js "safe mode". It scans the expanded form for @type and @id
/// values that are neither absolute IRIs, blank node ids nor keywords.
/// It runs on the expanded form the canonicalizer computes anyway (`toRDF(expanded:)` then reuses
/// it). Properties that expansion would drop outright never reach it: the canonicalizer expands in
/// `JSONLDOptions.safeMode`, which fails on them.
enum SignedContentGuard {
    /// The first value that would be dropped from the RDF dataset, with where it is.
    static func firstUnsignedValue(in expanded: JSONValue) -> String? {
        switch expanded {
        case .array(let items):
            for item in items { if let found = firstUnsignedValue(in: item) { return found } }
            return nil
        case .object(let object):
            for (key, value) in object {
                switch key {
                case "@type":
                    for type in value.arrayValue ?? [value] {
                        if let t = type.stringValue, !isAbsoluteOrBlankOrKeyword(t) { return "type \"\(t)\"" }
                    }
                case "@id":
                    if let id = value.stringValue, !isAbsoluteOrBlankOrKeyword(id) { return "id \"\(id)\"" }
                case "@value", "@language", "@direction", "@index", "@context":
                    continue
                default:
                    if let found = firstUnsignedValue(in: value) { return found }
                }
            }
            return nil
        default:
            return nil
        }
    }

    static func isAbsoluteOrBlankOrKeyword(_ s: String) -> Bool {
        if s.hasPrefix("_:") || s.hasPrefix("@") { return true }
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        return scheme.first!.isASCII && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
