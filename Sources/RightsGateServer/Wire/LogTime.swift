public import Foundation
import DecisionLog

/// Instants as the service writes and reads them: RFC 3339 UTC with milliseconds, like the decision's
/// `evaluated_at` and the log's stored `evaluated_at` (`2026-05-28T20:26:40.123Z`).
public enum LogTime {
    /// Formats `date` rounded to the nearest millisecond, the way the decision log stores it.
    public static func format(_ date: Date) -> String {
        LogTimestamp.text(date) ?? "0001-01-01T00:00:00.000Z"
    }

    /// Parses a `since` bound: a date (`2026-05-28`, midnight UTC) or an RFC 3339 instant with or without
    /// fractional seconds and with `Z` or an offset. Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        if text.utf8.count == 10 {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            return formatter.date(from: text)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
