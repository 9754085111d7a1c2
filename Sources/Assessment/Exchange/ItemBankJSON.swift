import Foundation

/// The bank as JSON: either one whole-bank document or one document per skill (the bundled
/// layout). Import accepts both and is all or nothing, like the CSV import.
public enum ItemBankJSON {
    /// One document holding every item (no `skill` field).
    public static func export(_ bank: ItemBank) -> Data {
        ItemBankDocument(skill: nil, items: bank.items).encoded()
    }

    /// `<skill>.json` → document, for skills that have items.
    public static func exportPerSkill(_ bank: ItemBank) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: bank.skills.map { skill in
            ("\(skill.rawValue).json", ItemBankDocument(skill: skill, items: bank.items(for: skill)).encoded())
        })
    }

    /// Reads one document (whole bank or one skill) and validates every item.
    public static func `import`(_ data: Data, validator: ItemBankValidator = .init()) throws(ItemBankImportError) -> ItemBank {
        try self.import([data], validator: validator)
    }

    /// Reads several documents (e.g. the per-skill files) as one bank.
    public static func `import`(_ documents: [Data], validator: ItemBankValidator = .init()) throws(ItemBankImportError) -> ItemBank {
        var items: [Item] = []
        var issues: [ImportIssue] = []
        for data in documents {
            do {
                let document = try ItemBankDocument.decode(data, file: "document")
                if let skill = document.skill {
                    for (index, item) in document.items.enumerated() where item.skill != skill {
                        issues.append(.init(row: items.count + index + 1, column: "skill",
                                            message: "document is for \(skill), item \(item.id) says \(item.skill)"))
                    }
                }
                items += document.items
            } catch {
                issues.append(.init(row: nil, column: nil, message: error.description))
            }
        }
        var position: [ItemID: Int] = [:]
        for (index, item) in items.enumerated() where position[item.id] == nil { position[item.id] = index + 1 }
        for issue in validator.issues(in: items) {
            issues.append(.init(row: issue.itemID.flatMap { position[$0] }, column: issue.field, message: issue.message))
        }
        guard issues.isEmpty else { throw ItemBankImportError(issues: issues) }
        do { return try ItemBank(items: items, validator: validator) } catch {
            throw ItemBankImportError(issues: [.init(row: nil, column: nil, message: error.description)])
        }
    }
}
