/// The JSON reader and canonical JSON writer JSON-LD uses, in one place: documents registered as
/// text are parsed with the package's `JSONParser` (with its size and depth limits), and `@json`
/// literals are written in the JCS (RFC 8785) canonical form that JSON-LD 1.1 asks for.
enum JSONLDDocumentParsing {
    static func parse(_ text: String) throws -> JSONValue {
        try JSONParser().parse(text)
    }
}

enum JSONLDCanonicalJSON {
    /// The canonical text of a JSON literal; numbers JCS cannot write (non-finite) make the
    /// literal invalid.
    static func serialize(_ value: JSONValue) throws -> String {
        do { return try JCS.canonicalize(value) } catch {
            throw JSONLDError(.invalidJSONLiteral, "\(error)")
        }
    }
}
