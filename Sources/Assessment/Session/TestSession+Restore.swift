import Foundation

extension Answer {
    /// An answer read back from storage (the memberwise initialiser is internal).
    public static func restored(itemID: ItemID, ratings: Ratings, answeredAt: Date, language: LanguageCode, revisions: Int) -> Answer {
        Answer(itemID: itemID, ratings: ratings, answeredAt: answeredAt, language: language, revisions: revisions)
    }
}

extension PresentedItem {
    /// A presentation read back from storage.
    public static func restored(itemID: ItemID, skill: SkillID, responseOrder: [Int], presentedAt: Date) -> PresentedItem {
        PresentedItem(itemID: itemID, skill: skill, responseOrder: responseOrder, presentedAt: presentedAt)
    }
}
