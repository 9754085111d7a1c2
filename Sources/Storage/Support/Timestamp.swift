import Foundation

/// The one textual form of a point in time used in storage and APIs: UTC, ISO 8601, milliseconds, `Z`
/// (`2026-11-22T02:31:07.123Z`). Fixed width, so text order equals time order in both databases.
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public static func format(_ date: Date) -> String {
        truncatedToMilliseconds(date).formatted(style)
    }

    public static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: style)
    }

    public static func truncatedToMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
