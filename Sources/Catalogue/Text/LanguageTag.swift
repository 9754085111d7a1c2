/// A BCP 47 language tag restricted to what a European catalogue needs: a primary language
/// subtag from `LanguageTag.knownLanguages` (the EU's 24 official languages plus the other ESCO
/// languages and co-official regional languages), optionally followed by a script (`Latn`) and/or
/// a region (`GR`, `419`). Anything else is reported by validation instead of being guessed at.
public struct LanguageTag: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let english: LanguageTag = "en"
    public static let greek: LanguageTag = "el"
    public static let spanish: LanguageTag = "es"
    public static let romanian: LanguageTag = "ro"

    /// The 24 official languages of the European Union (ISO 639-1).
    public static let euOfficialLanguages: Set<String> = [
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
        "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ]
    /// Other languages ESCO is published in, and co-official regional languages of member states.
    public static let otherAcceptedLanguages: Set<String> = [
        "is", "no", "nb", "nn", "uk", "ar", "ca", "eu", "gl", "lb", "cy", "gd", "tr", "sq", "mk", "sr", "bs",
    ]
    public static var knownLanguages: Set<String> { euOfficialLanguages.union(otherAcceptedLanguages) }

    /// The primary language subtag, lower-cased (`el` for `el-GR`).
    public var primaryLanguage: String {
        String(rawValue.split(separator: "-", maxSplits: 1).first ?? "").lowercased()
    }

    /// Why this tag is not acceptable, or nil when it is.
    public var problem: String? {
        let parts = rawValue.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return "empty language tag" }
        guard first.count == 2 || first.count == 3, first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return "'\(rawValue)' is not a BCP 47 language tag"
        }
        guard Self.knownLanguages.contains(first.lowercased()) else {
            return "'\(rawValue)': unknown or unsupported language '\(first)'"
        }
        var rest = parts.dropFirst()
        if let script = rest.first, script.count == 4, script.allSatisfy({ $0.isASCII && $0.isLetter }) {
            rest = rest.dropFirst()
        }
        if let region = rest.first {
            let isAlphaRegion = region.count == 2 && region.allSatisfy { $0.isASCII && $0.isLetter }
            let isNumericRegion = region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber }
            guard isAlphaRegion || isNumericRegion else {
                return "'\(rawValue)': '\(region)' is not a script or region subtag"
            }
            if isAlphaRegion, !CountryCode.isAssigned(region.uppercased()) {
                return "'\(rawValue)': unknown region '\(region)'"
            }
            rest = rest.dropFirst()
        }
        if !rest.isEmpty { return "'\(rawValue)': variants and extensions are not supported" }
        return nil
    }
    public var isValid: Bool { problem == nil }

    /// The ISO 639-2/B-style three-letter code the EU Publications Office language authority
    /// table uses in its URIs (http://publications.europa.eu/resource/authority/language/ELL).
    public var publicationsOfficeCode: String? {
        let table: [String: String] = [
            "bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG", "es": "SPA",
            "et": "EST", "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV", "hu": "HUN", "it": "ITA",
            "lt": "LIT", "lv": "LAV", "mt": "MLT", "nl": "NLD", "pl": "POL", "pt": "POR", "ro": "RON",
            "sk": "SLK", "sl": "SLV", "sv": "SWE", "is": "ISL", "no": "NOR", "nb": "NOB", "nn": "NNO",
            "uk": "UKR", "ar": "ARA", "ca": "CAT", "eu": "EUS", "gl": "GLG", "lb": "LTZ", "cy": "CYM",
            "gd": "GLA", "tr": "TUR", "sq": "SQI", "mk": "MKD", "sr": "SRP", "bs": "BOS",
        ]
        return table[primaryLanguage]
    }
}
