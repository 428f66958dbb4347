import RightsGate

/// The fixed shape of a run's counts: the checks, facts and inputs by index, so that a worker counts into
/// arrays instead of hashing check ids for every record.
struct TallyLayout: Sendable {
    let checkIDs: [String]
    let checkTitles: [String]
    let checkModes: [String]
    let factPaths: [String]
    let factIndex: [String: Int]
    let inputFiles: [String]
    /// With `--compare`: every check id of either bundle, sorted, and where each bundle's checks sit in it.
    let unionIDs: [String]
    let baseToUnion: [Int]
    let compareToUnion: [Int]

    init(bundle: PolicyBundle, compare: PolicyBundle?, language: String, inputFiles: [String]) {
        checkIDs = bundle.checks.map(\.id)
        checkTitles = bundle.checks.map { $0.title.text(language) }
        checkModes = bundle.checks.map(\.mode.rawValue)
        factPaths = bundle.factPaths
        factIndex = Dictionary(bundle.factPaths.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        self.inputFiles = inputFiles
        let union = Set(checkIDs).union(compare?.checks.map(\.id) ?? []).sorted()
        let position = Dictionary(uniqueKeysWithValues: union.enumerated().map { ($1, $0) })
        unionIDs = union
        baseToUnion = checkIDs.map { position[$0] ?? 0 }
        compareToUnion = compare?.checks.map { position[$0.id] ?? 0 } ?? []
    }
}

/// One worker's counts over the records it evaluated. Every field adds up across workers, so the engine
/// folds the tallies into a report in any order and gets the same report.
struct Tally: Sendable {
    static let outcomeCount = 4
    static let statusCount = CheckResult.Status.allCases.count
    /// Historical outcomes, plus one slot for records without history.
    static let historyCount = HistoricalOutcome.allCases.count + 1

    var records = 0
    var evaluated = 0
    var invalid = 0
    var outsidePeriod = 0
    var undated = 0
    var perInput: [Int]
    var outcomes = [Int](repeating: 0, count: outcomeCount)
    var historical = [Int](repeating: 0, count: historyCount)
    /// historyCount × outcomeCount.
    var matrix = [Int](repeating: 0, count: historyCount * outcomeCount)
    var byActionKind: [String: [Int]] = [:]
    var byContentCategory: [String: [Int]] = [:]
    var byInstrument: [String: [Int]] = [:]
    var byMonth: [String: [Int]] = [:]
    /// checks × statusCount, by `CheckResult.Status.rawValue`.
    var statuses: [Int]
    /// checks × outcomeCount.
    var failedByOutcome: [Int]
    var unknownByOutcome: [Int]
    var tooLittle = 0
    var tooLittleByOutcome = [Int](repeating: 0, count: outcomeCount)
    var missingFacts: [String: Int] = [:]
    var mappedRecords = 0
    /// By fact index of the layout.
    var unfilled: [Int]
    /// By fact index: mapped records whose file has no column for the fact (an optional column it lacks).
    var columnAbsent: [Int]
    var rejected: [String: Int] = [:]
    var masked: [String: Int] = [:]
    var warnings: [String: Int] = [:]
    var disagreements = 0
    var disagreementList: [ReplayReport.Disagreement] = []
    var invalidList: [ReplayReport.InvalidRecord] = []
    /// The invalid record with the lowest ordinal, listed or not (what `--strict` stops at).
    var firstInvalid: ReplayReport.InvalidRecord?
    var compare: CompareTally?

    init(layout: TallyLayout, comparing: Bool) {
        let checks = layout.checkIDs.count
        perInput = [Int](repeating: 0, count: layout.inputFiles.count)
        statuses = [Int](repeating: 0, count: checks * Self.statusCount)
        failedByOutcome = [Int](repeating: 0, count: checks * Self.outcomeCount)
        unknownByOutcome = [Int](repeating: 0, count: checks * Self.outcomeCount)
        unfilled = [Int](repeating: 0, count: layout.factPaths.count)
        columnAbsent = [Int](repeating: 0, count: layout.factPaths.count)
        if comparing { compare = CompareTally(layout: layout) }
    }

    static func outcomeIndex(_ outcome: Outcome) -> Int {
        switch outcome {
        case .allow: 0
        case .allowWithConditions: 1
        case .escalate: 2
        case .deny: 3
        }
    }

    static func historyIndex(_ outcome: HistoricalOutcome?) -> Int {
        guard let outcome, let index = HistoricalOutcome.allCases.firstIndex(of: outcome) else { return historyCount - 1 }
        return index
    }

    static func historyName(_ index: Int) -> String {
        index < HistoricalOutcome.allCases.count ? HistoricalOutcome.allCases[index].rawValue : HistoricalOutcome.noneLabel
    }
}

/// One worker's counts of what `--compare` changes.
struct CompareTally: Sendable {
    /// Columns of the transition matrix: the four outcomes and `invalid`.
    static let targetCount = Tally.outcomeCount + 1

    var evaluated = 0
    var invalidUnderCompare = 0
    var changed = 0
    var transitions = [Int](repeating: 0, count: Tally.outcomeCount * targetCount)
    /// unionIDs × 4: newly failing, no longer failing, newly unknown, no longer unknown.
    var checkChanges: [Int]
    var groups: [String: Int] = [:]
    var changedList: [ReplayReport.ChangedRecord] = []

    init(layout: TallyLayout) {
        checkChanges = [Int](repeating: 0, count: layout.unionIDs.count * 4)
    }
}
