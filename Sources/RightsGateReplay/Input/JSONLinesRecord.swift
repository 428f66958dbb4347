import RightsGate

/// Interprets one line of proposed-action JSON Lines.
///
/// A line is either a bare request, or an envelope `{"request": {…}, "history": {"outcome": …, "date": …,
/// "id": …}}` carrying what actually happened. It is an envelope when its top-level object has a `request`
/// member that is an object (the proposed-action schema has no `request` fact). An envelope may have only
/// those two members and `history` only those three, so a misspelt key is reported rather than ignored.
enum JSONLinesRecord {
    static let historyKeys = ["outcome", "date", "id"]

    static func prepare(_ bytes: UnsafeBufferPointer<UInt8>, line range: Range<Int>) -> Result<PreparedRecord, RecordProblem> {
        let scanner = JSONScanner(bytes)
        // Anything the scanner cannot follow goes to the decoder whole, whose error names the column.
        guard let members = scanner.members(in: range) else { return .success(PreparedRecord(body: .slice(range))) }
        guard let request = scanner.member("request", in: members), request.kind == .object else {
            var record = PreparedRecord(body: .slice(range))
            record.date = submittedDay(scanner, members)
            return .success(record)
        }
        for member in members {
            let key = scanner.text(member.key)
            guard key == "request" || key == "history" else {
                return .failure(RecordProblem(
                    code: "replay.envelope-key",
                    message: "unknown envelope member `\(key)`; an envelope has `request` and `history`"
                        + (didYouMean(key, among: ["request", "history"]).map { " (\($0))" } ?? "")))
            }
        }
        var record = PreparedRecord(body: .slice(request.value))
        record.columnOffset = columns(bytes, from: range.lowerBound, to: request.value.lowerBound)
        if let history = scanner.member("history", in: members) {
            switch parseHistory(scanner, history) {
            case let .success(parsed): record.history = parsed
            case let .failure(problem): return .failure(problem)
            }
        }
        record.date = record.history.date ?? scanner.members(in: request.value).flatMap { submittedDay(scanner, $0) }
        return .success(record)
    }

    private static func parseHistory(_ scanner: JSONScanner, _ member: JSONScanner.Member) -> Result<RecordHistory, RecordProblem> {
        guard member.kind == .object, let fields = scanner.members(in: member.value) else {
            return .failure(RecordProblem(code: "replay.history", message: "`history` must be an object with `outcome`, `date` and `id`"))
        }
        var history = RecordHistory()
        for field in fields {
            let key = scanner.text(field.key)
            guard historyKeys.contains(key) else {
                return .failure(RecordProblem(
                    code: "replay.history", message: "unknown `history` member `\(key)`"
                        + (didYouMean(key, among: historyKeys).map { " (\($0))" } ?? "")))
            }
            guard let value = scanner.string(field) else {
                return .failure(RecordProblem(code: "replay.history", message: "`history.\(key)` must be a string"))
            }
            switch key {
            case "outcome":
                guard let outcome = HistoricalOutcome(rawValue: value) else {
                    let allowed = HistoricalOutcome.allCases.map(\.rawValue)
                    return .failure(RecordProblem(
                        code: "replay.history-outcome",
                        message: "`history.outcome` must be one of \(allowed.joined(separator: ", "))"
                            + (didYouMean(value, among: allowed).map { " (\($0))" } ?? "")))
                }
                history.outcome = outcome
            case "date":
                guard let day = CalendarDay(prefixOf: value) else {
                    return .failure(RecordProblem(code: "replay.history-date", message: "`history.date` must be a date written YYYY-MM-DD"))
                }
                history.date = day
            default:
                history.id = value
            }
        }
        return .success(history)
    }

    /// The day of the request's `submitted_at`, when it has one.
    static func submittedDay(_ scanner: JSONScanner, _ members: [JSONScanner.Member]) -> CalendarDay? {
        scanner.member("submitted_at", in: members).flatMap { scanner.string($0) }.flatMap { CalendarDay(prefixOf: $0) }
    }

    /// Unicode scalars between two offsets (columns, as the decoder counts them).
    static func columns(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        for i in start..<end where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
