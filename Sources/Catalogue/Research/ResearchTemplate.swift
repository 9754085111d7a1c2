/// CEDEFOP's research template for describing micro-credentials (the information collected in
/// the manufacturing-sector examples), columns (a)–(q). The header texts are the template's
/// wording verbatim, letter included; two trailing EmPass columns carry the identity needed to
/// re-import a row as the same specification (both optional on import).
public enum ResearchColumn: String, CaseIterable, Sendable, Codable {
    case a = "(a) a title"
    case b = "(b) a provider or awarding body"
    case c = "(c) learning outcomes (LOs)"
    case d = "(d) duration and pace"
    case e = "(e) notional workload or credits"
    case f = "(f) type of assessment"
    case g = "(g) option to accumulate and combine"
    case h = "(h) link to European qualifications framework (EQF) and national qualifications frameworks (NQF)"
    case i = "(i) link to occupational standards"
    case j = "(j) mode of delivery"
    case k = "(k) format of certification"
    case l = "(l) prerequisites needed to start a learning activity"
    case m = "(m) target group"
    case n = "(n) country or region where available"
    case o = "(o) purpose"
    case p = "(p) costs and funding options"
    case q = "(q) additional information where and if relevant"
    case specID = "EmPass specification id"
    case version = "EmPass version"

    /// The 17 CEDEFOP columns, in template order.
    public static let template: [ResearchColumn] = [.a, .b, .c, .d, .e, .f, .g, .h, .i, .j, .k, .l, .m, .n, .o, .p, .q]
    public var isTemplateColumn: Bool { Self.template.contains(self) }
    public var header: String { rawValue }

    /// The template column a specification field (validation path) is reported under.
    public static func column(forPath path: String) -> ResearchColumn {
        let head = String(path.prefix { $0 != "." && $0 != "[" })
        switch head {
        case "title": return .a
        case "awardingBodies": return .b
        case "learningOutcomes": return .c
        case "workload": return .e
        case "assessment", "gradeScheme":
            return path.hasPrefix("assessment.certificationFormats") ? .k : .f
        case "use": return .g
        case "level": return .h
        case "occupationalFields", "occupationalStandards": return .i
        case "participation": return .j
        case "pedagogy": return path.hasPrefix("pedagogy.durationAndPace") ? .d : .j
        case "access": return path.hasPrefix("access.targetGroup") ? .m : .l
        case "issuerCountries": return .n
        case "purposes": return .o
        case "costs": return .p
        default: return .q
        }
    }
}

/// The line grammar used inside template cells so that a row carries structured values and
/// several languages and reads naturally in a spreadsheet:
/// - `[el] κείμενο` — text in a language; `label [en] text` — text for a named field (in (q));
///   a line without a tag is text in the row's default language;
/// - `key=value; key=value` — structured values (lists comma-separated);
/// - in (c) every line starts with the outcome's number: `3. [ro] …`, `3. skill=teamwork; domain=skills`.
/// Line breaks inside a text are written as spaces.
struct CellLines {
    struct Text: Equatable { var label: String?; var language: String; var text: String }
    var pairs: [(key: String, value: String)] = []
    var texts: [Text] = []
    var untagged: [String] = []

    func value(_ key: String) -> String? { pairs.last { $0.key == key }?.value }

    /// Texts for `label` (nil: unlabelled), untagged lines counted as `defaultLanguage`.
    func localized(_ label: String? = nil, defaultLanguage: String, includeUntagged: Bool = true) -> LocalizedText? {
        var values: [String: String] = [:]
        for t in texts where t.label == label {
            values[t.language] = values[t.language].map { $0 + " " + t.text } ?? t.text
        }
        if label == nil, includeUntagged, !untagged.isEmpty {
            let joined = untagged.joined(separator: " ")
            values[defaultLanguage] = values[defaultLanguage].map { $0 + " " + joined } ?? joined
        }
        return values.isEmpty ? nil : LocalizedText(values)
    }

    /// `structured: false` for pure text columns, where a line with `=` is still text.
    static func parse(_ cell: String, structured: Bool = true) -> CellLines {
        var result = CellLines()
        for raw in cell.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
            let line = raw.trimmed
            if line.isEmpty { continue }
            result.add(line: line, structured: structured)
        }
        return result
    }

    mutating func add(line: String, structured: Bool = true) {
        if let text = Self.taggedText(line) { texts.append(text); return }
        if structured, let pairs = Self.pairs(line) { self.pairs += pairs; return }
        untagged.append(line)
    }

    /// `[xx] text` or `label [xx] text`.
    static func taggedText(_ line: String) -> Text? {
        var label: String?
        var rest = Substring(line)
        if let space = rest.firstIndex(of: " "), rest.first != "[" {
            let candidate = rest[..<space]
            guard candidate.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            label = String(candidate)
            rest = rest[rest.index(after: space)...]
        }
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
        let tag = rest[rest.index(after: rest.startIndex)..<close]
        guard !tag.isEmpty, tag.count <= 12, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return nil
        }
        let text = rest[rest.index(after: close)...].trimmed
        return Text(label: label, language: String(tag), text: text)
    }

    /// `key=value; key=value`, keys being ASCII identifiers; nil when the line is not of that form.
    static func pairs(_ line: String) -> [(key: String, value: String)]? {
        var out: [(key: String, value: String)] = []
        for part in line.split(separator: ";") {
            let piece = part.trimmed
            guard let eq = piece.firstIndex(of: "=") else { return nil }
            let key = piece[..<eq].trimmed
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            out.append((key, piece[piece.index(after: eq)...].trimmed))
        }
        return out.isEmpty ? nil : out
    }

    // MARK: Writing

    static func textLines(_ text: LocalizedText?, label: String? = nil) -> [String] {
        guard let text else { return [] }
        return text.languages.compactMap { tag in
            guard let value = text[tag], !value.trimmed.isEmpty else { return nil }
            let flat = value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            return (label.map { "\($0) " } ?? "") + "[\(tag.rawValue)] \(flat)"
        }
    }

    static func pairLine(_ pairs: [(String, String?)]) -> String? {
        let present = pairs.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : "\(key)=\($0)" } }
        return present.isEmpty ? nil : present.joined(separator: "; ")
    }
}
