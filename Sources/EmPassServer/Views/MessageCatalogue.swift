import Foundation

/// The translated strings of the site, one JSON object per language in `Messages/<code>.json`.
/// Templates use them as `{{t.key}}`; every language must define every key (a test checks).
public struct MessageCatalogue: Sendable {
    public let messages: [Language: [String: String]]

    public init(messages: [Language: [String: String]]) {
        self.messages = messages
    }

    /// Loads the bundled catalogues.
    public static func bundled() throws -> MessageCatalogue {
        guard let directory = Bundle.module.url(forResource: "Messages", withExtension: nil) else {
            throw ResourceError.missing("Messages")
        }
        return try load(directory: directory)
    }

    public static func load(directory: URL) throws -> MessageCatalogue {
        var messages: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent("\(language.rawValue).json")
            let data = try Data(contentsOf: file)
            do {
                messages[language] = try JSONDecoder().decode([String: String].self, from: data)
            } catch {
                throw ResourceError.invalid("Messages/\(language.rawValue).json: \(error)")
            }
        }
        return MessageCatalogue(messages: messages)
    }

    /// The strings for `language`, with English filling any gap (so a page never shows a raw key).
    public func strings(for language: Language) -> [String: String] {
        let english = messages[.english] ?? [:]
        guard language != .english, let own = messages[language] else { return english }
        return english.merging(own) { _, translated in translated }
    }

    /// One string, with `{name}` placeholders filled.
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var text = strings(for: language)[key] ?? key
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}

public enum ResourceError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .missing(let name): "bundled resource missing: \(name)"
        case .invalid(let detail): "bundled resource invalid: \(detail)"
        }
    }
}
