extension ReplayReport {
    /// `--compare`: what the other bundle would change, record by record, grouped by the checks responsible.
    public struct Comparison: Sendable, Equatable, Codable {
        /// Records evaluated under the base bundle (and so compared).
        public var evaluated = 0
        /// Records the base bundle decoded but the other bundle's schema rejects.
        public var invalidUnderCompare = 0
        /// Records whose outcome differs.
        public var changed = 0
        /// Rows: outcome under the base bundle; columns: outcome under the other (or `invalid`).
        public var transitions: [String: [String: Int]] = [:]
        /// Per check id (of either bundle): how often its result moved.
        public var checks: [String: CheckChange] = [:]
        /// Records whose outcome changed, grouped by the checks whose results moved (`+id` now fails or is
        /// unknown, `-id` no longer does).
        public var changeGroups = RankedCounts()
        public var changedRecords = Listing<ChangedRecord>()

        enum CodingKeys: String, CodingKey {
            case evaluated, changed, transitions, checks
            case invalidUnderCompare = "invalid_under_compare"
            case changeGroups = "change_groups"
            case changedRecords = "changed_records"
        }
    }

    public struct CheckChange: Sendable, Equatable, Codable {
        public var newlyFailing = 0
        public var noLongerFailing = 0
        public var newlyUnknown = 0
        public var noLongerUnknown = 0

        public var isZero: Bool { newlyFailing == 0 && noLongerFailing == 0 && newlyUnknown == 0 && noLongerUnknown == 0 }

        enum CodingKeys: String, CodingKey {
            case newlyFailing = "newly_failing"
            case noLongerFailing = "no_longer_failing"
            case newlyUnknown = "newly_unknown"
            case noLongerUnknown = "no_longer_unknown"
        }
    }

    public struct ChangedRecord: Sendable, Equatable, Codable, OrdinalOrdered {
        public var ordinal: Int
        public var file: String
        public var line: Int
        public var id: String?
        public var from: String
        public var to: String
        public var newlyFailing: [String]
        public var noLongerFailing: [String]
        public var newlyUnknown: [String]
        public var noLongerUnknown: [String]
        /// Checks that fail under both bundles, with a different outcome.
        public var regraded: [String]

        enum CodingKeys: String, CodingKey {
            case ordinal, file, line, id, from, to, regraded
            case newlyFailing = "newly_failing"
            case noLongerFailing = "no_longer_failing"
            case newlyUnknown = "newly_unknown"
            case noLongerUnknown = "no_longer_unknown"
        }
    }

    /// The section fit for an authority's public account of its blocking and removal work over a period:
    /// what was done, under which instrument, what the policy says, and which checks most often stopped
    /// or conditioned actions. Derived from the report's counts, never merged itself.
    public struct PeriodSummary: Sendable, Equatable, Codable {
        /// The `--period`, or nil when every record counts.
        public var period: PeriodInfo?
        public var records = 0
        public var byOutcome: [String: Int] = [:]
        public var historical: [String: Int] = [:]
        public var byActionKind: [String: Int] = [:]
        public var byContentCategory: [String: Int] = [:]
        public var byInstrument: [String: Int] = [:]
        /// Checks that failed with `deny` or `escalate`, most frequent first.
        public var stoppedBy: [CheckTally] = []
        /// Checks that failed with `allow_with_conditions`, most frequent first.
        public var conditionedBy: [CheckTally] = []
        public var decidedOnTooLittleInformation = 0

        enum CodingKeys: String, CodingKey {
            case period, records, historical
            case byOutcome = "by_outcome"
            case byActionKind = "by_action_kind"
            case byContentCategory = "by_content_category"
            case byInstrument = "by_instrument"
            case stoppedBy = "stopped_by"
            case conditionedBy = "conditioned_by"
            case decidedOnTooLittleInformation = "decided_on_too_little_information"
        }
    }

    public struct CheckTally: Sendable, Equatable, Codable {
        public var check: String
        public var title: String
        public var count: Int
    }
}
