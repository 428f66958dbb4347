import RightsGate

/// What every worker shares: the configuration and the shape of the counts.
struct WorkerContext: Sendable {
    let configuration: ReplayConfiguration
    let layout: TallyLayout
    /// The first component of every fact path (`id`, `action`, …): what a bare JSON Lines request may name.
    let topLevelFacts: Set<String>
}

/// The input a batch came from.
struct InputContext: Sendable {
    let index: Int
    /// As shown in reports (`<stdin>` for `-`).
    let file: String
    let format: InputFormat
    /// Set for every `dsa-sor` input: the engine binds the mapping to each CSV file's header before reading it.
    let mapper: SoRRowMapper?
}

/// One worker thread's state: reusable fact tables and its own tally. A worker interprets, decodes and
/// evaluates the records of its part of a batch and counts them; it never touches another worker's state.
struct ReplayWorker: Sendable {
    let context: WorkerContext
    var table: FactTable
    var compareTable: FactTable?
    var tally: Tally

    init(context: WorkerContext) {
        self.context = context
        table = context.configuration.bundle.makeFactTable()
        compareTable = context.configuration.compareBundle?.makeFactTable()
        tally = Tally(layout: context.layout, comparing: context.configuration.compareBundle != nil)
    }

    mutating func process(_ item: RawBatch.Item, buffer: UnsafeBufferPointer<UInt8>, input: InputContext) {
        tally.records += 1
        tally.perInput[input.index] += 1
        let record: PreparedRecord
        switch prepare(item, buffer: buffer, input: input) {
        case let .success(prepared): record = prepared
        case let .failure(problem):
            invalid(item, input, code: problem.code, message: problem.message)
            return
        }
        let configuration = context.configuration
        if let period = configuration.period {
            guard let day = record.date, period.contains(day) else {
                tally.outsidePeriod += 1
                return
            }
        }
        let asOf: CalendarDay = switch configuration.asOf {
        case .record: record.date ?? configuration.today
        case .now: configuration.today
        case let .fixed(day): day
        }

        let decoded: RecordDecoder.Decoded
        switch RecordDecoder.decode(record, buffer: buffer, bundle: configuration.bundle, table: &table, strict: configuration.strict) {
        case let .success(value): decoded = value
        case let .failure(error):
            invalidRequest(item, input, error: error, columnOffset: record.columnOffset)
            return
        }
        let evaluation = configuration.bundle.evaluate(table, asOf: asOf)
        count(evaluation, record: record, decoded: decoded, input: input)
        let id = evaluation.requestID ?? record.history.id
        if let historical = record.history.outcome, Tally.outcomeIndex(evaluation.outcome) > historical.strictness {
            tally.disagreements += 1
            if tally.disagreementList.count < configuration.listLimit {
                let (reasons, unknown) = ReasonSummary.make(evaluation, language: configuration.language)
                tally.disagreementList.append(ReplayReport.Disagreement(
                    ordinal: item.ordinal, file: input.file, line: item.line, id: id, historical: historical.rawValue,
                    policy: evaluation.outcome.rawValue, reasons: reasons, unknown: unknown))
            }
        }
        if let other = configuration.compareBundle, var otherTable = compareTable {
            compare(evaluation, under: other, table: &otherTable, record: record, buffer: buffer, asOf: asOf, item: item, input: input, id: id)
            compareTable = otherTable
        }
    }

    private func prepare(_ item: RawBatch.Item, buffer: UnsafeBufferPointer<UInt8>, input: InputContext) -> Result<PreparedRecord, RecordProblem> {
        switch item.payload {
        case let .unreadable(code, message):
            return .failure(RecordProblem(code: code, message: message))
        case let .line(range):
            return input.format == .log ? DecisionLogRecord.prepare(buffer, line: range)
                : JSONLinesRecord.prepare(buffer, line: range, topLevelFacts: context.topLevelFacts)
        case let .row(fields):
            guard let mapper = input.mapper else { preconditionFailure("CSV rows come only from a dsa-sor input, which always has a mapper") }
            let mapped = mapper.map(fields)
            var record = PreparedRecord(body: .mapped(mapped.request))
            record.history = RecordHistory(outcome: mapper.historicalOutcome, date: mapped.date, id: mapped.id)
            record.date = mapped.date
            record.rejected = mapped.rejected
            return .success(record)
        }
    }

    /// Counts an evaluated record into every aggregate.
    private mutating func count(_ evaluation: Evaluation, record: PreparedRecord, decoded: RecordDecoder.Decoded, input: InputContext) {
        tally.evaluated += 1
        if record.date == nil { tally.undated += 1 }
        for warning in decoded.warnings where !warning.isError { tally.warnings[warning.code, default: 0] += 1 }
        let o = Tally.outcomeIndex(evaluation.outcome)
        tally.outcomes[o] += 1
        let h = Tally.historyIndex(record.history.outcome)
        tally.historical[h] += 1
        tally.matrix[h * Tally.outcomeCount + o] += 1
        let zero = [Int](repeating: 0, count: Tally.outcomeCount)
        tally.byActionKind[evaluation.givenFact("action.kind") ?? ReplayOutcomes.notGiven, default: zero][o] += 1
        tally.byContentCategory[evaluation.givenFact("content.category") ?? ReplayOutcomes.notGiven, default: zero][o] += 1
        tally.byInstrument[evaluation.givenFact("legal_basis.instrument") ?? ReplayOutcomes.notGiven, default: zero][o] += 1
        let month = record.date.map { String($0.description.prefix(7)) } ?? ReplayOutcomes.undated
        tally.byMonth[month, default: zero][o] += 1

        let checks = evaluation.bundle.checks
        var missing: Set<String> = []
        var unknownEnforced = false
        for (c, result) in evaluation.results.enumerated() {
            tally.statuses[c * Tally.statusCount + Int(result.status.rawValue)] += 1
            switch result.status {
            case .failed:
                tally.failedByOutcome[c * Tally.outcomeCount + Tally.outcomeIndex(result.outcome)] += 1
            case .unknown:
                tally.unknownByOutcome[c * Tally.outcomeCount + Tally.outcomeIndex(result.outcome)] += 1
                if checks[c].mode == .enforce {
                    unknownEnforced = true
                    missing.formUnion(evaluation.missingFacts(of: checks[c]))
                }
            default: break
            }
        }
        if unknownEnforced {
            tally.tooLittle += 1
            tally.tooLittleByOutcome[o] += 1
            for fact in missing { tally.missingFacts[fact, default: 0] += 1 }
        }

        if let filled = decoded.filledPaths {
            tally.mappedRecords += 1
            var given = [Bool](repeating: false, count: context.layout.factPaths.count)
            for path in filled { if let i = context.layout.factIndex[path] { given[i] = true } }
            for (i, isGiven) in given.enumerated() where !isGiven { tally.unfilled[i] += 1 }
            for fact in input.mapper?.factsOfAbsentColumns ?? [] {
                if let i = context.layout.factIndex[fact] { tally.columnAbsent[i] += 1 }
            }
        }
        for fact in record.rejected + decoded.rejected { tally.rejected[fact, default: 0] += 1 }
        for fact in decoded.masked { tally.masked[fact, default: 0] += 1 }
    }

    private mutating func compare(
        _ base: Evaluation, under other: PolicyBundle, table otherTable: inout FactTable, record: PreparedRecord,
        buffer: UnsafeBufferPointer<UInt8>, asOf: CalendarDay, item: RawBatch.Item, input: InputContext, id: String?
    ) {
        guard var comparison = tally.compare else { return }
        defer { tally.compare = comparison }
        comparison.evaluated += 1
        let from = Tally.outcomeIndex(base.outcome)
        let layout = context.layout
        let strict = context.configuration.strict
        guard case .success = RecordDecoder.decode(record, buffer: buffer, bundle: other, table: &otherTable, strict: strict) else {
            comparison.invalidUnderCompare += 1
            comparison.changed += 1
            comparison.transitions[from * CompareTally.targetCount + Tally.outcomeCount] += 1
            comparison.groups["(invalid under the other bundle)", default: 0] += 1
            if comparison.changedList.count < context.configuration.listLimit {
                comparison.changedList.append(ReplayReport.ChangedRecord(
                    ordinal: item.ordinal, file: input.file, line: item.line, id: id, from: base.outcome.rawValue,
                    to: ReplayOutcomes.invalid, newlyFailing: [], noLongerFailing: [], newlyUnknown: [], noLongerUnknown: [], regraded: []))
            }
            return
        }
        let evaluation = other.evaluate(otherTable, asOf: asOf)
        let to = Tally.outcomeIndex(evaluation.outcome)
        comparison.transitions[from * CompareTally.targetCount + to] += 1

        // Each check's state in each bundle: 0 quiet, 1 failed, 2 unknown (enforced checks only), and the outcome.
        var before = [(state: UInt8, outcome: Outcome)](repeating: (0, .allow), count: layout.unionIDs.count)
        var after = before
        for (c, result) in base.results.enumerated() where base.bundle.checks[c].mode == .enforce {
            before[layout.baseToUnion[c]] = (Self.state(result), result.outcome)
        }
        for (c, result) in evaluation.results.enumerated() where other.checks[c].mode == .enforce {
            after[layout.compareToUnion[c]] = (Self.state(result), result.outcome)
        }
        var newlyFailing: [String] = [], noLongerFailing: [String] = [], newlyUnknown: [String] = [], noLongerUnknown: [String] = []
        var regraded: [String] = []
        for u in layout.unionIDs.indices {
            let (b, a) = (before[u], after[u])
            let id = layout.unionIDs[u]
            if a.state == 1, b.state != 1 { comparison.checkChanges[u * 4] += 1; newlyFailing.append(id) }
            if b.state == 1, a.state != 1 { comparison.checkChanges[u * 4 + 1] += 1; noLongerFailing.append(id) }
            if a.state == 2, b.state != 2 { comparison.checkChanges[u * 4 + 2] += 1; newlyUnknown.append(id) }
            if b.state == 2, a.state != 2 { comparison.checkChanges[u * 4 + 3] += 1; noLongerUnknown.append(id) }
            if a.state != 0, a.state == b.state, a.outcome != b.outcome { regraded.append(id) }
        }
        guard from != to else { return }
        comparison.changed += 1
        var group = (newlyFailing + newlyUnknown).map { "+\($0)" } + (noLongerFailing + noLongerUnknown).map { "-\($0)" }
            + regraded.map { "~\($0)" }
        group.sort()
        comparison.groups[group.isEmpty ? "(no check result moved)" : group.joined(separator: " "), default: 0] += 1
        if comparison.changedList.count < context.configuration.listLimit {
            comparison.changedList.append(ReplayReport.ChangedRecord(
                ordinal: item.ordinal, file: input.file, line: item.line, id: id, from: base.outcome.rawValue,
                to: evaluation.outcome.rawValue, newlyFailing: newlyFailing, noLongerFailing: noLongerFailing,
                newlyUnknown: newlyUnknown, noLongerUnknown: noLongerUnknown, regraded: regraded))
        }
    }

    private static func state(_ result: CheckResult) -> UInt8 {
        switch result.status {
        case .failed: 1
        case .unknown: 2
        default: 0
        }
    }

    private mutating func invalid(_ item: RawBatch.Item, _ input: InputContext, code: String, message: String,
                                  issues: [ReplayReport.InvalidRecord.Issue] = []) {
        tally.invalid += 1
        let entry = ReplayReport.InvalidRecord(ordinal: item.ordinal, file: input.file, line: item.line, code: code, message: message, issues: issues)
        // Kept whatever the listing limit, so that `--strict` stops even with `--list-limit 0`.
        if tally.firstInvalid.map({ entry.ordinal < $0.ordinal }) ?? true { tally.firstInvalid = entry }
        guard tally.invalidList.count < context.configuration.listLimit else { return }
        tally.invalidList.append(entry)
    }

    private mutating func invalidRequest(_ item: RawBatch.Item, _ input: InputContext, error: RequestError, columnOffset: Int) {
        let errors = error.errors
        let positional = input.format != .dsaSOR
        let issues = errors.prefix(10).map {
            ReplayReport.InvalidRecord.Issue(code: $0.code, path: $0.path, message: $0.message,
                                             column: positional && $0.line == 1 ? $0.column + columnOffset : nil)
        }
        let first = errors.first
        let message = first.map { "\($0.path): \($0.message)" } ?? "the request could not be decoded"
        invalid(item, input, code: first?.code ?? "request.invalid", message: message, issues: issues)
    }
}
