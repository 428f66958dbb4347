import RightsGate

/// Interprets one line of `rightsgate log export`: the stored (masked) request is evaluated again, and the
/// decision the gate made then is the record's history.
///
/// Only the export format is relied on (docs/decision-log.md): `decision_id`, `evaluated_at`, `decision`
/// (whose `outcome` is what the gate said) and `request`. The request was stored with sensitive facts
/// masked, so a masked value the schema cannot take (a list replaced by `"[redacted]"`) is dropped when
/// decoding and the report counts it; the checks that need it then come out unknown, never guessed.
enum DecisionLogRecord {
    static func prepare(_ bytes: UnsafeBufferPointer<UInt8>, line range: Range<Int>) -> Result<PreparedRecord, RecordProblem> {
        let scanner = JSONScanner(bytes)
        let members: [JSONScanner.Member]
        switch scanner.scanObject(in: range) {
        case let .object(found): members = found
        case let .trailingText(at):
            return .failure(.trailingText(column: JSONLinesRecord.columns(bytes, from: range.lowerBound, to: at) + 1))
        case .notAnObject:
            return .failure(RecordProblem(code: "replay.log-record", message: "not a JSON object (is this a `rightsgate log export` file?)"))
        }
        guard let request = scanner.member("request", in: members), request.kind == .object else {
            return .failure(RecordProblem(code: "replay.log-record", message: "the record has no `request` object"))
        }
        var record = PreparedRecord(body: .slice(request.value))
        record.columnOffset = JSONLinesRecord.columns(bytes, from: range.lowerBound, to: request.value.lowerBound)
        record.dropsMaskedValues = true
        record.history.id = scanner.member("decision_id", in: members).flatMap { scanner.string($0) }
        if let evaluatedAt = scanner.member("evaluated_at", in: members) {
            guard let text = scanner.string(evaluatedAt), let day = DateText.day(text) else {
                return .failure(RecordProblem(code: "replay.log-record", message: "`evaluated_at` is not an RFC 3339 date-time"))
            }
            record.history.date = day
        }
        var outcomeText: String?
        if let decision = scanner.member("decision", in: members), decision.kind == .object,
           let fields = scanner.members(in: decision.value) {
            outcomeText = scanner.member("outcome", in: fields).flatMap { scanner.string($0) }
        }
        outcomeText = outcomeText ?? scanner.member("outcome", in: members).flatMap { scanner.string($0) }
        if let outcomeText {
            guard let outcome = HistoricalOutcome(rawValue: outcomeText), outcome != .acted, outcome != .notActed else {
                return .failure(RecordProblem(code: "replay.log-record", message: "unknown decision outcome in the log record"))
            }
            record.history.outcome = outcome
        }
        record.date = record.history.date
        return .success(record)
    }
}
