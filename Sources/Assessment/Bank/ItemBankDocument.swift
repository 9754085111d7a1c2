import Foundation

/// The JSON file shape: `{"formatVersion": 1, "skill": "teamwork", "items": [...]}`. `skill` is
/// present in the per-skill bundled files and absent in a whole-bank export.
public struct ItemBankDocument: Codable, Hashable, Sendable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var skill: SkillID?
    public var items: [Item]

    public init(skill: SkillID?, items: [Item]) {
        self.formatVersion = Self.formatVersion
        self.skill = skill
        self.items = items
    }

    /// Stable, diff-friendly output: sorted keys, two-space indent, UTF-8 text unescaped.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Items hold only strings, integers and finite doubles: encoding cannot fail.
        return try! encoder.encode(self) + Data("\n".utf8)
    }

    static func decode(_ data: Data, file: String) throws(ItemBankError) -> ItemBankDocument {
        let document: ItemBankDocument
        do {
            document = try JSONDecoder().decode(ItemBankDocument.self, from: data)
        } catch let error as DecodingError {
            throw .unreadable(file: file, reason: error.readableDescription)
        } catch {
            throw .unreadable(file: file, reason: "\(error)")
        }
        guard document.formatVersion == Self.formatVersion else {
            throw .unsupportedFormatVersion(file: file, version: document.formatVersion)
        }
        return document
    }
}

extension DecodingError {
    /// "items[3].key: expert key values must have at most one decimal" rather than the default dump.
    var readableDescription: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue { text += "[\(index)]" } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): missing \(type) value"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field is missing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}
