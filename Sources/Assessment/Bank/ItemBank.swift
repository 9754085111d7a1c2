import Foundation

/// The validated set of items. A bank value always satisfies `ItemBankValidator`: construction
/// fails otherwise, so nothing downstream has to re-check keys, languages or parameters.
public struct ItemBank: Hashable, Sendable {
    /// Items in framework order of their skill, then by id.
    public let items: [Item]
    private let index: [ItemID: Int]

    public init(items: [Item], validator: ItemBankValidator = .init()) throws(ItemBankError) {
        let issues = validator.issues(in: items)
        guard issues.isEmpty else { throw .invalid(issues) }
        self.items = items.sorted { lhs, rhs in
            (lhs.skill.frameworkIndex, lhs.id.rawValue) < (rhs.skill.frameworkIndex, rhs.id.rawValue)
        }
        self.index = Dictionary(uniqueKeysWithValues: self.items.enumerated().map { ($1.id, $0) })
    }

    public subscript(id: ItemID) -> Item? { index[id].map { items[$0] } }

    public func items(for skill: SkillID) -> [Item] { items.filter { $0.skill == skill } }

    public var skills: [SkillID] { SkillID.allCases.filter { skill in items.contains { $0.skill == skill } } }

    /// Items whose every claimed language is present, per language.
    public func itemCount(in language: LanguageCode) -> Int {
        items.count { $0.translations[language] != nil }
    }

    /// Returns a copy with one item changed (e.g. new parameters after calibration), re-validated.
    public func replacing(_ item: Item) throws(ItemBankError) -> ItemBank {
        var items = self.items
        guard let position = index[item.id] else {
            throw .invalid([.init(itemID: item.id, field: "id", message: "no such item in the bank")])
        }
        items[position] = item
        return try ItemBank(items: items)
    }

    /// Adds the given exposures (item id → times shown) to the stored counts.
    public func addingExposures(_ counts: [ItemID: Int]) -> ItemBank {
        var items = self.items
        for (id, count) in counts {
            if let position = index[id] { items[position].exposureCount += count }
        }
        // Counts only grow, so the bank stays valid.
        return try! ItemBank(items: items)
    }
}

extension ItemBank {
    /// The bank bundled with EmPass (Resources/ItemBank/<skill>.json).
    public static func bundled() throws(ItemBankError) -> ItemBank {
        // The target copies its Resources folder as is, so the bank sits at Resources/ItemBank.
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw .missingResource("Resources/ItemBank")
        }
        let directory = resources.appendingPathComponent("ItemBank")
        return try load(directory: directory)
    }

    /// Loads every `<skill>.json` in a directory (other files are ignored).
    public static func load(directory: URL) throws(ItemBankError) -> ItemBank {
        var items: [Item] = []
        var found = false
        for skill in SkillID.allCases {
            let url = directory.appendingPathComponent("\(skill.rawValue).json")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            found = true
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw .unreadable(file: url.lastPathComponent, reason: "\(error)")
            }
            let document = try ItemBankDocument.decode(data, file: url.lastPathComponent)
            if let declared = document.skill,
                let wrong = document.items.first(where: { $0.skill != declared })
            {
                throw .invalid([.init(itemID: wrong.id, field: "skill",
                                      message: "file \(url.lastPathComponent) is for \(declared) but the item says \(wrong.skill)")])
            }
            items += document.items
        }
        guard found else { throw .missingResource(directory.path) }
        return try ItemBank(items: items)
    }
}
