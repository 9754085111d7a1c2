/// The languages the EmPass bank is written in. English is the source language every item has;
/// the pilot countries add Greek, Spanish and Romanian.
public enum LanguageCode: String, Codable, CaseIterable, Sendable, Hashable, CodingKeyRepresentable,
    CustomStringConvertible
{
    case en, el, es, ro

    public static let source: LanguageCode = .en

    public var description: String { rawValue }
}
