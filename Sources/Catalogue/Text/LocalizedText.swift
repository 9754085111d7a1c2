import Foundation

/// Text in several languages, keyed by language tag. Encodes as a plain JSON object
/// (`{"en": "…", "el": "…"}`), the shape ELM and most catalogue exchanges use.
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    /// Values by language tag text. Kept as strings so that an unknown tag survives decoding and is
    /// reported by validation with its path instead of failing the whole document.
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }
    public init(dictionaryLiteral elements: (String, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }
    public init(_ language: LanguageTag, _ text: String) { self.values = [language.rawValue: text] }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    public subscript(language: LanguageTag) -> String? {
        get { values[language.rawValue] }
        set { values[language.rawValue] = newValue }
    }

    /// Language tags present, sorted for stable output.
    public var languages: [LanguageTag] { values.keys.sorted().map(LanguageTag.init(rawValue:)) }
    public var isEmpty: Bool { values.values.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }

    /// The text in `language`, else in `fallback`, else any text (by sorted tag) so a reader
    /// always sees something.
    public func text(in language: LanguageTag, fallback: LanguageTag = .english) -> String? {
        if let t = values[language.rawValue], !t.isEmpty { return t }
        // `el-GR` asked, `el` present (or the reverse): match on the primary subtag.
        if let match = values.first(where: { LanguageTag($0.key).primaryLanguage == language.primaryLanguage && !$0.value.isEmpty }) {
            return match.value
        }
        if let t = values[fallback.rawValue], !t.isEmpty { return t }
        return values.keys.sorted().lazy.compactMap { self.values[$0] }.first { !$0.isEmpty }
    }
}
