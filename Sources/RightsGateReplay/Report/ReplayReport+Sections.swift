extension ReplayReport {
    /// How the report was produced: identical in every shard of a run (merging checks it), so that a
    /// report can be traced to the exact bundle, mapping and options.
    public struct Run: Sendable, Equatable, Codable {
        public var policy: PolicyInfo
        public var comparePolicy: PolicyInfo?
        public var mapping: MappingInfo?
        /// `record`, `now` or a date.
        public var asOf: String
        public var language: String
        public var period: PeriodInfo?
        public var listLimit: Int
        public var inputs: [InputInfo]
        /// Which shards this report covers; nil for a whole run (or a merge of all shards).
        public var shard: ShardInfo?

        /// The first field (other than the shard) in which two runs differ, for "cannot merge" messages.
        func difference(from other: Run) -> String? {
            func differs<T: Equatable>(_ name: String, _ a: T, _ b: T, _ show: (T) -> String = { "\($0)" }) -> String? {
                a == b ? nil : "`\(name)` differs (\(show(a)) and \(show(b)))"
            }
            return differs("policy", policy, other.policy) { "\($0.name) \($0.version) \($0.digest)" }
                ?? differs("compare_policy", comparePolicy, other.comparePolicy) { $0.map { "\($0.name) \($0.version) \($0.digest)" } ?? "none" }
                ?? differs("mapping", mapping, other.mapping) { $0.map { "\($0.file) \($0.digest)" } ?? "none" }
                ?? differs("as_of", asOf, other.asOf)
                ?? differs("language", language, other.language)
                ?? differs("period", period, other.period) { $0.map { "\($0.from)..\($0.to)" } ?? "none" }
                ?? differs("list_limit", listLimit, other.listLimit)
                ?? differs("inputs", inputs, other.inputs) { $0.map { "\($0.file) (\($0.format))" }.joined(separator: ", ") }
                ?? (withoutShard == other.withoutShard ? nil : "their options differ")
        }

        private var withoutShard: Run {
            var run = self
            run.shard = nil
            return run
        }

        enum CodingKeys: String, CodingKey {
            case policy, mapping, language, period, inputs, shard
            case comparePolicy = "compare_policy"
            case asOf = "as_of"
            case listLimit = "list_limit"
        }
    }

    public struct PolicyInfo: Sendable, Equatable, Codable {
        public var name: String
        public var version: String
        public var digest: String
    }

    public struct MappingInfo: Sendable, Equatable, Codable {
        public var file: String
        public var digest: String
        /// Fact path → `column NAME` or `constant`.
        public var targets: [String: String]
    }

    public struct PeriodInfo: Sendable, Equatable, Codable {
        public var from: String
        public var to: String
    }

    public struct InputInfo: Sendable, Equatable, Codable {
        public var file: String
        public var format: String
    }

    public struct ShardInfo: Sendable, Equatable, Codable {
        public var count: Int
        /// 1-based shard indices merged into this report, ascending.
        public var indices: [Int]
    }

    public struct Totals: Sendable, Equatable, Codable {
        /// Records read (valid or not), within the shard.
        public var records = 0
        /// Records decoded and evaluated.
        public var evaluated = 0
        /// Records that could not be read or decoded (listed under `invalid_records`).
        public var invalid = 0
        /// Records outside `--period` (or undated while a period is given): read, not counted further.
        public var outsidePeriod = 0
        /// Evaluated records with no date of their own (month `undated`; as of the run day under `record`).
        public var undated = 0

        enum CodingKeys: String, CodingKey {
            case records, evaluated, invalid, undated
            case outsidePeriod = "outside_period"
        }
    }

    /// What happened to one check across the records.
    public struct CheckCounts: Sendable, Equatable, Codable {
        public var title: String
        /// `enforce` or `shadow`.
        public var mode: String
        public var failed = 0
        public var unknown = 0
        public var excepted = 0
        public var passed = 0
        public var notApplicable = 0
        public var notInForce = 0
        /// Failures by the outcome they led to (graded checks fail with different outcomes).
        public var failedByOutcome: [String: Int] = [:]
        /// Unknown results by their `on_missing` outcome.
        public var unknownByOutcome: [String: Int] = [:]

        enum CodingKeys: String, CodingKey {
            case title, mode, failed, unknown, excepted, passed
            case notApplicable = "not_applicable"
            case notInForce = "not_in_force"
            case failedByOutcome = "failed_by_outcome"
            case unknownByOutcome = "unknown_by_outcome"
        }
    }

    /// Records with at least one enforced check that could not be assessed: "decided on too little
    /// information", with the facts whose absence did it, ranked by the number of records missing them.
    public struct TooLittleInformation: Sendable, Equatable, Codable {
        public var records = 0
        public var byOutcome: [String: Int] = [:]
        public var missingFacts = RankedCounts()

        enum CodingKeys: String, CodingKey {
            case records
            case byOutcome = "by_outcome"
            case missingFacts = "missing_facts"
        }
    }

    /// What the inputs could not provide. For statement-of-reasons records: every schema fact the mapping
    /// left missing (because no column carries it, the cell was empty, or the value did not map), values the
    /// schema rejected; for log records: masked values the schema could not take.
    public struct MappingGaps: Sendable, Equatable, Codable {
        /// Evaluated records that came through the mapping (the denominator of `unfilled`).
        public var mappedRecords = 0
        public var unfilled = RankedCounts()
        /// Of `unfilled`: records whose input has no column for the fact at all (an optional column its
        /// header lacks, such as `content_id_ean` before July 2025), as opposed to an empty or unmapped cell.
        public var columnAbsent = RankedCounts()
        public var rejectedValues = RankedCounts()
        public var maskedValuesDropped = RankedCounts()

        enum CodingKeys: String, CodingKey {
            case unfilled
            case mappedRecords = "mapped_records"
            case columnAbsent = "column_absent"
            case rejectedValues = "rejected_values"
            case maskedValuesDropped = "masked_values_dropped"
        }

        public init() {}

        /// Reports written before `column_absent` existed still read (and merge with each other).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            mappedRecords = try container.decode(Int.self, forKey: .mappedRecords)
            unfilled = try container.decode(RankedCounts.self, forKey: .unfilled)
            columnAbsent = try container.decodeIfPresent(RankedCounts.self, forKey: .columnAbsent) ?? RankedCounts()
            rejectedValues = try container.decode(RankedCounts.self, forKey: .rejectedValues)
            maskedValuesDropped = try container.decode(RankedCounts.self, forKey: .maskedValuesDropped)
        }
    }

    /// A count of records with the first of them (by ordinal) listed in full.
    public struct Listing<Entry: Sendable & Equatable & Codable & OrdinalOrdered>: Sendable, Equatable, Codable {
        public var count = 0
        public var listed: [Entry] = []
    }

    /// A record where today's policy would have been stricter than what happened.
    public struct Disagreement: Sendable, Equatable, Codable, OrdinalOrdered {
        public var ordinal: Int
        public var file: String
        public var line: Int
        public var id: String?
        public var historical: String
        public var policy: String
        /// The failed enforced checks, with their explanations in the report's language.
        public var reasons: [Reason]
        /// The enforced checks that could not be assessed, with the facts they lacked.
        public var unknown: [Unknown]

        public struct Reason: Sendable, Equatable, Codable {
            public var check: String
            public var outcome: String
            public var explanation: String
        }

        public struct Unknown: Sendable, Equatable, Codable {
            public var check: String
            public var outcome: String
            public var missing: [String]
        }
    }

    /// A record that could not be read or decoded. Messages never quote the record's values.
    public struct InvalidRecord: Sendable, Equatable, Codable, OrdinalOrdered {
        public var ordinal: Int
        public var file: String
        public var line: Int
        public var code: String
        public var message: String
        public var issues: [Issue]

        public struct Issue: Sendable, Equatable, Codable {
            public var code: String
            public var path: String
            public var message: String
            /// Column on the record's line, when the issue has one there.
            public var column: Int?
        }
    }
}

/// Entries listed by record ordinal, so that the first N of a merge are the first N of the whole run.
public protocol OrdinalOrdered {
    var ordinal: Int { get }
}

/// A map of counts written as a list ranked by count (then name): `[{"name": …, "count": …}]`.
public struct RankedCounts: Sendable, Equatable, Codable {
    public var counts: [String: Int] = [:]

    public init(_ counts: [String: Int] = [:]) { self.counts = counts }

    /// Highest count first; ties by name.
    public var ranked: [(name: String, count: Int)] {
        counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    private struct Entry: Codable {
        let name: String
        let count: Int
    }

    public init(from decoder: any Decoder) throws {
        let entries = try [Entry](from: decoder)
        counts = Dictionary(entries.map { ($0.name, $0.count) }, uniquingKeysWith: +)
    }

    public func encode(to encoder: any Encoder) throws {
        try ranked.map { Entry(name: $0.name, count: $0.count) }.encode(to: encoder)
    }
}
