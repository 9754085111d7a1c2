import Foundation

/// The translated strings of the site, one JSON object per language in `Messages/<code>.json`
/// and `Messages/<feature>/<code>.json`.
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

    /// Reads `<code>.json` in `directory` and in each of its sub-folders (one per feature area, so
    /// features add their strings without editing one shared file). A key defined twice is an error.
    public static func load(directory: URL) throws -> MessageCatalogue {
        let folders = [directory] + featureFolders(in: directory)
        var messages: [Language: [String: String]] = [:]
        for language in Language.allCases {
            var merged: [String: String] = [:]
            for folder in folders {
                let file = folder.appendingPathComponent("\(language.rawValue).json")
                guard folder == directory || FileManager.default.fileExists(atPath: file.path) else { continue }
                let name = folder == directory ? file.lastPathComponent
                    : "\(folder.lastPathComponent)/\(file.lastPathComponent)"
                let data = try Data(contentsOf: file)
                let strings: [String: String]
                do {
                    strings = try JSONDecoder().decode([String: String].self, from: data)
                } catch {
                    throw ResourceError.invalid("Messages/\(name): \(error)")
                }
                for (key, value) in strings {
                    guard merged.updateValue(value, forKey: key) == nil else {
                        throw ResourceError.invalid("Messages/\(name): key \"\(key)\" is defined twice")
                    }
                }
            }
            messages[language] = merged
        }
        return MessageCatalogue(messages: messages)
    }

    private static func featureFolders(in directory: URL) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        return entries
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
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
