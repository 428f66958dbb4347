import RightsGate

/// Interprets one line of proposed-action JSON Lines.
///
/// A line is either a bare request, or an envelope `{"request": {…}, "history": {"outcome": …, "date": …,
/// "id": …}}` carrying what actually happened. A line is an envelope when its top-level object has a
/// `request` or a `history` member, or a member that is no fact of the schema but close to one of those two
/// names (the proposed-action schema has neither), so a misspelt, missing or non-object `request` is an
/// invalid record instead of a request evaluated with no facts and its history lost. An envelope may have
/// only those two members and `history` only its three, so a misspelt key is reported rather than ignored.
enum JSONLinesRecord {
    static let envelopeKeys = ["request", "history"]
    static let historyKeys = ["outcome", "date", "id"]

    /// - Parameter topLevelFacts: the first component of every fact path of the schema (`id`, `action`, …),
    ///   which a bare request may use and an envelope may not be confused with.
    static func prepare(
        _ bytes: UnsafeBufferPointer<UInt8>, line range: Range<Int>, topLevelFacts: Set<String>
    ) -> Result<PreparedRecord, RecordProblem> {
        let scanner = JSONScanner(bytes)
        let members: [JSONScanner.Member]
        switch scanner.scanObject(in: range) {
        case let .object(found): members = found
        case let .trailingText(at): return .failure(.trailingText(column: columns(bytes, from: range.lowerBound, to: at) + 1))
        // Anything the scanner cannot follow goes to the decoder whole, whose error names the column.
        case .notAnObject: return .success(PreparedRecord(body: .slice(range)))
        }
        guard isEnvelope(scanner, members, topLevelFacts: topLevelFacts) else {
            var record = PreparedRecord(body: .slice(range))
            record.date = submittedDay(scanner, members)
            return .success(record)
        }
        for member in members {
            let key = scanner.text(member.key)
            guard envelopeKeys.contains(key) else {
                return .failure(RecordProblem(
                    code: "replay.envelope-key",
                    message: "unknown envelope member `\(key)`; an envelope has `request` and `history`"
                        + (didYouMean(key, among: envelopeKeys).map { " (\($0))" } ?? "")))
            }
        }
        guard let request = scanner.member("request", in: members) else {
            return .failure(RecordProblem(code: "replay.envelope-request",
                                          message: "the envelope has no `request`; write the proposed action as `\"request\": {…}`"))
        }
        guard request.kind == .object else {
            return .failure(RecordProblem(code: "replay.envelope-request",
                                          message: "the envelope's `request` must be an object, found \(describe(request, scanner))"))
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

    /// An envelope names `request` or `history`, or misspells one of them with a key the schema does not have.
    private static func isEnvelope(_ scanner: JSONScanner, _ members: [JSONScanner.Member], topLevelFacts: Set<String>) -> Bool {
        members.contains { member in
            let key = scanner.text(member.key)
            if envelopeKeys.contains(key) { return true }
            return !topLevelFacts.contains(key) && didYouMean(key, among: envelopeKeys) != nil
        }
    }

    /// "a string", "null", … for messages; never the value itself.
    private static func describe(_ member: JSONScanner.Member, _ scanner: JSONScanner) -> String {
        switch member.kind {
        case .object: "an object"
        case .array: "a list"
        case .string: "a string"
        case .other:
            switch scanner.text(member.value) {
            case "null": "null"
            case "true", "false": "a boolean"
            default: "a number"
            }
        }
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
                guard let day = DateText.day(value) else {
                    return .failure(RecordProblem(code: "replay.history-date",
                                                  message: "`history.date` must be a date YYYY-MM-DD or an RFC 3339 date-time"))
                }
                history.date = day
            default:
                history.id = value
            }
        }
        return .success(history)
    }

    /// The day of the request's `submitted_at`, when it has a readable one (the decoder reports one that is not).
    static func submittedDay(_ scanner: JSONScanner, _ members: [JSONScanner.Member]) -> CalendarDay? {
        scanner.member("submitted_at", in: members).flatMap { scanner.string($0) }.flatMap(DateText.day)
    }

    /// Unicode scalars between two offsets (columns, as the decoder counts them).
    static func columns(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        for i in start..<end where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
