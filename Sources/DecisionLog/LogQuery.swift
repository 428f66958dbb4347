public import Foundation

/// Which records a query or an export selects. Every condition is optional; they combine with AND.
public struct LogFilter: Sendable, Equatable {
    /// Only records evaluated at or after this instant (compared at millisecond precision).
    public var since: Date?
    /// Only records with this outcome.
    public var outcome: String?
    /// Only records whose `failedChecks` contains this check id.
    public var check: String?

    /// Creates a filter; with no arguments it selects every record.
    public init(since: Date? = nil, outcome: String? = nil, check: String? = nil) {
        self.since = since
        self.outcome = outcome
        self.check = check
    }
}

/// One page of a query: a filter, a page size and where the previous page stopped.
///
/// Pages are in sequence order. Paging by sequence rather than by offset keeps every page an
/// index seek and stays correct while new records are appended.
public struct LogQuery: Sendable, Equatable {
    /// The largest page ``limit`` allowed.
    public static let maximumLimit = 1000

    /// Which records to return.
    public var filter: LogFilter
    /// Page size, 1 through ``maximumLimit``; 100 by default.
    public var limit: Int
    /// Return only records after this sequence: the previous page's ``LogPage/nextCursor``.
    public var cursor: Int64?

    /// Creates a query.
    public init(filter: LogFilter = LogFilter(), limit: Int = 100, cursor: Int64? = nil) {
        self.filter = filter
        self.limit = limit
        self.cursor = cursor
    }

    /// Creates a query from the filter's conditions directly.
    public init(since: Date? = nil, outcome: String? = nil, check: String? = nil, limit: Int = 100, cursor: Int64? = nil) {
        self.init(filter: LogFilter(since: since, outcome: outcome, check: check), limit: limit, cursor: cursor)
    }
}

/// A page of records and the cursor for the next one.
public struct LogPage: Sendable, Equatable {
    /// Matching records in sequence order.
    public let items: [LogRecord]
    /// Pass as ``LogQuery/cursor`` to get the next page; nil when this page is the last.
    public let nextCursor: Int64?

    /// Creates a page.
    public init(items: [LogRecord], nextCursor: Int64?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
