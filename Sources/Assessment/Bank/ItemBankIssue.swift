/// One thing wrong with an item, found by `ItemBankValidator`.
public struct ItemBankIssue: Hashable, Sendable, CustomStringConvertible {
    public var itemID: ItemID?
    /// The field at fault, named as in the JSON file (`key`, `translations.el.responses`, …).
    public var field: String
    public var message: String

    public init(itemID: ItemID?, field: String, message: String) {
        self.itemID = itemID
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(itemID.map { "item \($0)" } ?? "bank"), \(field): \(message)"
    }
}

/// Why a bank could not be loaded or built.
public enum ItemBankError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid([ItemBankIssue])
    case unreadable(file: String, reason: String)
    case unsupportedFormatVersion(file: String, version: Int)
    case missingResource(String)

    public var description: String {
        switch self {
        case .invalid(let issues):
            "item bank invalid (\(issues.count) issue(s)):\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
        case .unreadable(let file, let reason): "cannot read item bank file \(file): \(reason)"
        case .unsupportedFormatVersion(let file, let version):
            "item bank file \(file) has format version \(version); this build reads version \(ItemBankDocument.formatVersion)"
        case .missingResource(let name): "bundled item bank resource \(name) is missing"
        }
    }
}
