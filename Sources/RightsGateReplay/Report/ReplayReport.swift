/// The result of a replay: aggregates only, so that reports of shards merge into exactly the report of a
/// single run (``merged(with:)``), and the same inputs always give the same bytes (``jsonText()``).
///
/// Every field is a count, a map of counts, or a list of the first records by ordinal; nothing depends on
/// the order in which workers or machines saw the records, and nothing records when the run happened.
/// The wire form is `rightsgate.replay-report/v1` (docs/replay.md).
public struct ReplayReport: Sendable, Equatable, Codable {
    public static let format = "rightsgate.replay-report/v1"

    public var format = ReplayReport.format
    public var run: Run
    public var totals = Totals()
    /// Records read per input file (in this shard).
    public var recordsPerInput: [String: Int] = [:]
    /// Policy outcome of every evaluated record.
    public var outcomes: [String: Int] = ReplayReport.zeroOutcomes
    /// What happened to the evaluated records, as their sources say (`none` when a record carries no history).
    public var historical: [String: Int] = [:]
    /// Rows: historical outcome; columns: policy outcome.
    public var historyVsPolicy: [String: [String: Int]] = [:]
    /// Policy outcomes by `action.kind`, `content.category`, `legal_basis.instrument` and month of the record.
    public var byActionKind: [String: [String: Int]] = [:]
    public var byContentCategory: [String: [String: Int]] = [:]
    public var byInstrument: [String: [String: Int]] = [:]
    public var byMonth: [String: [String: Int]] = [:]
    /// Per check of the bundle: how often each status occurred.
    public var checks: [String: CheckCounts] = [:]
    public var tooLittleInformation = TooLittleInformation()
    public var mappingGaps = MappingGaps()
    /// Request warnings (such as fields unknown to the schema), by code.
    public var warnings: [String: Int] = [:]
    /// Records for which the policy outcome is stricter than what happened.
    public var disagreements = Listing<Disagreement>()
    public var invalidRecords = Listing<InvalidRecord>()
    public var compare: Comparison?
    /// Derived from the counts above (recomputed after every merge): the section for a public account.
    public var periodSummary = PeriodSummary()

    public init(run: Run) {
        self.run = run
    }

    /// The four outcomes at zero, so every report lists them all.
    static var zeroOutcomes: [String: Int] {
        Dictionary(uniqueKeysWithValues: ReplayOutcomes.names.map { ($0, 0) })
    }

    enum CodingKeys: String, CodingKey {
        case format, run, totals, outcomes, historical, checks, warnings, disagreements, compare
        case recordsPerInput = "records_per_input"
        case historyVsPolicy = "history_vs_policy"
        case byActionKind = "by_action_kind"
        case byContentCategory = "by_content_category"
        case byInstrument = "by_instrument"
        case byMonth = "by_month"
        case tooLittleInformation = "too_little_information"
        case mappingGaps = "mapping_gaps"
        case invalidRecords = "invalid_records"
        case periodSummary = "period_summary"
    }
}

/// Outcome names in severity order, and the pseudo-outcome of a record a bundle could not decode.
enum ReplayOutcomes {
    static let names = ["allow", "allow_with_conditions", "escalate", "deny"]
    static let invalid = "invalid"
    /// The label of a dimension value the record does not give.
    static let notGiven = "(not given)"
    static let undated = "undated"
}
