import Foundation
public import RightsGate

/// Everything a replay run needs besides its inputs.
public struct ReplayConfiguration: Sendable {
    /// The bundle every record is evaluated under (`--policies`).
    public var bundle: PolicyBundle
    /// A second bundle for impact analysis (`--compare`): every record is evaluated under both.
    public var compareBundle: PolicyBundle?
    /// The statement-of-reasons mapping file; loaded when the first `dsa-sor` input is met, so a broken
    /// mapping does not stop a replay that reads no CSV.
    public var mappingPath: String?
    public var asOf: AsOfMode = .record
    /// The day `now` means, and the as-of day of records that carry no date of their own.
    public var today: CalendarDay = .today()
    /// Language of check titles and explanations in the report (`en` or `sv`).
    public var language = "en"
    /// Only records dated within this period are counted (`--period`).
    public var period: ReportPeriod?
    public var shard: Shard?
    /// Stop at the first invalid record, and treat fields unknown to the schema as errors.
    public var strict = false
    /// Worker threads (default: every active core).
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// How many disagreements, changed records and invalid records are listed in full (the first by
    /// record ordinal); all of them are counted.
    public var listLimit = 100

    public init(bundle: PolicyBundle) {
        self.bundle = bundle
    }
}

/// One input file (`-` for standard input) and its format, if given.
public struct ReplayInput: Sendable, Hashable {
    public var path: String
    public var format: InputFormat?

    public init(path: String, format: InputFormat? = nil) {
        self.path = path
        self.format = format
    }
}

/// Which day a record is evaluated as of (effective dates, `days_since`).
public enum AsOfMode: Sendable, Hashable {
    /// Each record's own date: its history date, a log record's `evaluated_at`, a statement's
    /// `application_date`, else the request's `submitted_at`.
    case record
    /// The day of the run.
    case now
    case fixed(CalendarDay)

    /// Parses `record`, `now` or `YYYY-MM-DD`.
    public init?(argument: String) {
        switch argument {
        case "record": self = .record
        case "now": self = .now
        default:
            guard let day = CalendarDay(argument) else { return nil }
            self = .fixed(day)
        }
    }
}

/// `--shard K/N`: the records whose 0-based ordinal modulo N is K−1.
public struct Shard: Sendable, Hashable {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public func includes(ordinal: Int) -> Bool { ordinal % count == index - 1 }
}

/// `--period FROM..TO`, both days inclusive.
public struct ReportPeriod: Sendable, Hashable {
    public let from: CalendarDay
    public let to: CalendarDay

    public init?(from: CalendarDay, to: CalendarDay) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// Parses `YYYY-MM-DD..YYYY-MM-DD`.
    public init?(argument: String) {
        let parts = argument.components(separatedBy: "..")
        guard parts.count == 2, let from = CalendarDay(parts[0]), let to = CalendarDay(parts[1]) else { return nil }
        self.init(from: from, to: to)
    }

    public func contains(_ day: CalendarDay) -> Bool { from <= day && day <= to }
}
