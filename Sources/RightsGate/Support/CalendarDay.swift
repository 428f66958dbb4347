public import Foundation

/// A calendar day (UTC), used as the as-of date: effective dates and `days_since` are measured against it.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// Parses `YYYY-MM-DD`.
    public init?(_ iso: String) {
        guard let days = CivilDate.parseDate(iso) else { return nil }
        daysSinceEpoch = days
    }

    public init(_ date: Date) {
        daysSinceEpoch = Int32((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    public static func today() -> CalendarDay { CalendarDay(Date()) }

    public var description: String { CivilDate.formatDate(daysSinceEpoch) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
}
