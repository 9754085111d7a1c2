/// A country or region of the issuer: an ISO 3166-1 alpha-2 country code (`GR`, `ES`, `RO`) or an
/// ISO 3166-2 subdivision code (`GR-B`, `ES-CT`). `EU` (exceptionally reserved in ISO 3166) is
/// accepted for bodies acting at European level.
public struct CountryCode: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The country part (`GR` for `GR-B`).
    public var country: String { String(rawValue.split(separator: "-", maxSplits: 1).first ?? "") }
    /// True for an ISO 3166-2 subdivision code.
    public var isSubdivision: Bool { rawValue.contains("-") }

    /// Why this code is not acceptable, or nil when it is.
    public var problem: String? {
        let parts = rawValue.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let country = parts[0]
        if country == "EL" { return "'EL' is the EU's abbreviation for Greece; ISO 3166 uses 'GR'" }
        if country == "UK" { return "'UK' is not an ISO 3166 code; use 'GB'" }
        guard country.count == 2, country == country.uppercased() else {
            return "'\(rawValue)' is not an upper-case ISO 3166-1 alpha-2 code"
        }
        guard Self.isAssigned(country) || country == "EU" else { return "'\(country)' is not an ISO 3166-1 country code" }
        if parts.count == 1 { return nil }
        guard parts.count == 2, (1...3).contains(parts[1].count),
            parts[1].allSatisfy({ ($0.isASCII && $0.isNumber) || ($0.isASCII && $0.isUppercase) })
        else { return "'\(rawValue)' is not an ISO 3166-2 subdivision code (CC-XXX)" }
        return nil
    }
    public var isValid: Bool { problem == nil }

    /// Whether an alpha-2 code is officially assigned in ISO 3166-1.
    public static func isAssigned(_ alpha2: String) -> Bool { assigned.contains(alpha2) }

    /// The 249 officially assigned ISO 3166-1 alpha-2 codes.
    public static let assigned: Set<String> = Set(
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(separator: " ").map(String.init)
    )

    /// Member states of the European Union (ISO codes; Greece is GR).
    public static let euMemberStates: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]
}
