import Foundation

/// The one textual form of a point in time used in storage and APIs: UTC, ISO 8601, milliseconds, `Z`
/// (`2026-11-22T02:31:07.123Z`). Fixed width, so text order equals time order in both databases.
///
/// Dates are normalised to whole milliseconds computed in integers (`Double(ms) / 1000`), so a value
/// read back compares equal to the value written: formatting a binary fraction directly would
/// print `.122` for a stored `.123`.
public enum Timestamp {
    private static let secondsStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)
    private static let parseStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public static func format(_ date: Date) -> String {
        let millis = milliseconds(date)
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = millis - seconds * 1000
        let text = Date(timeIntervalSince1970: Double(seconds)).formatted(secondsStyle)   // …:SSZ
        return text.dropLast() + "." + String(format: "%03d", fraction) + "Z"
    }

    public static func parse(_ text: String) -> Date? {
        guard let date = try? Date(text, strategy: parseStyle) else { return nil }
        return roundedToMilliseconds(date)
    }

    /// The nearest whole millisecond (binary fractions of a second are never exact).
    public static func roundedToMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
