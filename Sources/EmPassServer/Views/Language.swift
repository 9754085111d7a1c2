import Foundation

/// The languages the site speaks. Add a case together with `Messages/<code>.json`.
public enum Language: String, Sendable, CaseIterable, Codable {
    case english = "en"
    case greek = "el"
    case spanish = "es"
    case romanian = "ro"

    /// The name of the language in itself, for the switcher.
    public var nativeName: String {
        switch self {
        case .english: "English"
        case .greek: "Ελληνικά"
        case .spanish: "Español"
        case .romanian: "Română"
        }
    }

    /// `?lang=` wins, then the `empass_lang` cookie, then `Accept-Language` (by q-value), then English.
    public static func negotiate(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
        if let query, let language = Language(code: query) { return language }
        if let cookie, let language = Language(code: cookie) { return language }
        if let acceptLanguage {
            for code in preferences(acceptLanguage) {
                if let language = Language(code: code) { return language }
            }
        }
        return .english
    }

    /// Accepts `el`, `EL`, `el-GR`.
    public init?(code: String) {
        let primary = code.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// Language ranges of an Accept-Language header, most preferred first (RFC 9110 §12.5.4).
    static func preferences(_ header: String) -> [String] {
        let ranked: [(code: String, q: Double, index: Int)] = header.split(separator: ",").enumerated().compactMap { index, part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let code = pieces.first, !code.isEmpty, code != "*" else { return nil }
            var q = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            return q > 0 ? (code, q, index) : nil
        }
        return ranked.sorted { $0.q != $1.q ? $0.q > $1.q : $0.index < $1.index }.map(\.code)
    }
}
