/// Open Badges 3.0 baking for SVG (OB 3.0 §5.3.2): an `openbadges:credential` element, in the
/// namespace `https://purl.imsglobal.org/ob/v3p0`, as the first child of the root `<svg>`. A JSON
/// credential is its content in a CDATA section; a VC-JWT is its `verify` attribute.
public enum SVGBaker {
    public static let namespace = "https://purl.imsglobal.org/ob/v3p0"
    static let preferredPrefix = "openbadges"

    public static func bake(_ credential: BakedCredential, into svg: [UInt8]) throws(BakingError) -> [UInt8] {
        guard !credential.text.isEmpty else { throw .emptyCredential }
        var scanner = XMLScanner(bytes: svg, matchNamespace: namespace, matchLocalName: "credential")
        let document = try scanner.scan()
        guard document.root.localName == "svg" else { throw .svgRootNotSVG(found: document.root.name) }

        // Reuse a prefix the root already binds to the OB namespace; otherwise declare ours.
        var declaration = ""
        let prefix: String
        if let bound = document.rootBindings.first(where: { $0.value == namespace && !$0.key.isEmpty })?.key {
            prefix = bound
        } else {
            var candidate = preferredPrefix, n = 1
            while document.rootBindings[candidate] != nil { n += 1; candidate = "\(preferredPrefix)\(n)" }
            prefix = candidate
            declaration = " xmlns:\(prefix)=\"\(namespace)\""
        }
        let element = Array(Self.element(for: credential, prefix: prefix).utf8)

        // Remove earlier credential elements (back to front so ranges stay valid), then insert.
        var out = svg
        for match in document.matches.reversed() { out.removeSubrange(match.range) }
        let tagEnd = document.rootStartTagEnd
        if document.rootSelfClosing {
            // `<svg …/>` becomes `<svg …>ELEMENT</svg>`.
            let close = Array("</\(document.root.name)>".utf8)
            out.replaceSubrange(tagEnd..<(tagEnd + 2), with: Array("\(declaration)>".utf8) + element + close)
        } else {
            // rootStartTagEnd is just after `>`; the declaration goes before it.
            out.replaceSubrange((tagEnd - 1)..<tagEnd, with: Array("\(declaration)>".utf8) + element)
        }
        return out
    }

    public static func unbake(_ svg: [UInt8]) throws(BakingError) -> BakedCredential {
        var scanner = XMLScanner(bytes: svg, matchNamespace: namespace, matchLocalName: "credential")
        let document = try scanner.scan()
        guard document.root.localName == "svg" else { throw .svgRootNotSVG(found: document.root.name) }
        guard let element = document.matches.first else { throw .notBaked }
        guard document.matches.count == 1 else { throw .bakedMoreThanOnce(count: document.matches.count) }
        if let jws = element.attribute("verify") {
            let trimmed = jws.trimmingASCIIWhitespace()
            guard !trimmed.isEmpty else { throw .emptyCredential }
            return .compactJWS(trimmed)
        }
        return try BakedCredential.classify(element.text)
    }

    /// No whitespace around the element, so re-baking (remove, insert) gives the same bytes.
    static func element(for credential: BakedCredential, prefix: String) -> String {
        switch credential {
        case .compactJWS(let jws):
            return "<\(prefix):credential verify=\"\(escapeAttribute(jws))\"/>"
        case .json(let json):
            // `]]>` cannot appear inside CDATA: end the section and start another between `]]` and `>`.
            let safe = json.replacing("]]>", with: "]]]]><![CDATA[>")
            return "<\(prefix):credential><![CDATA[\(safe)]]></\(prefix):credential>"
        }
    }

    static func escapeAttribute(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
