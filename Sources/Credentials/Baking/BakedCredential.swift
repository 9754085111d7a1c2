import LinkedData

/// What an Open Badges 3.0 image carries: a credential secured with an embedded proof (its JSON
/// text) or a VC-JWT (its compact JWS). OB 3.0 §5.3 bakes both; they are stored differently in SVG.
public enum BakedCredential: Sendable, Hashable {
    case json(String)
    case compactJWS(String)

    /// Serialises a credential document (exact number text and key order are kept).
    public static func json(_ document: JSONValue) -> BakedCredential {
        .json(JSONSerializer.serialize(document))
    }

    /// Text as it is stored in a PNG iTXt chunk (both kinds are stored as plain text there).
    public var text: String {
        switch self {
        case .json(let text), .compactJWS(let text): text
        }
    }

    /// Tells a JWS from JSON the way a reader must: JSON credentials start with `{`; a compact JWS
    /// is three base64url segments.
    static func classify(_ raw: String) throws(BakingError) -> BakedCredential {
        let trimmed = raw.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw .emptyCredential }
        if trimmed.hasPrefix("{") { return .json(trimmed) }
        return .compactJWS(trimmed)
    }
}

extension String {
    /// Drops leading and trailing ASCII whitespace (space, tab, CR, LF) — what XML and the PNG text
    /// keep around a payload — without Foundation.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
