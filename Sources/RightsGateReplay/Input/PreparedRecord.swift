import RightsGate

/// What a record's source says happened to it: the historical side of the report.
struct RecordHistory: Sendable {
    var outcome: HistoricalOutcome?
    var date: CalendarDay?
    var id: String?
}

/// A record interpreted from its source, ready to decode and evaluate.
struct PreparedRecord: Sendable {
    enum Body: Sendable {
        /// Request bytes inside the batch buffer (a bare line, or an envelope's `request` member).
        case slice(Range<Int>)
        /// A request built by the statement-of-reasons mapping.
        case mapped(MappedRequest)
    }

    var body: Body
    /// Columns before the request on its line, so issue positions point into the line, not the member.
    var columnOffset = 0
    var history = RecordHistory()
    /// The record's own date: `--as-of record`, the month and `--period` use it.
    var date: CalendarDay?
    /// Facts the mapping could not convert (statement-of-reasons input).
    var rejected: [String] = []
    /// Log input: masked values the schema cannot take may be dropped and decoding retried.
    var dropsMaskedValues = false
}

/// Why a record could not be interpreted (before the request itself is decoded).
struct RecordProblem: Error, Sendable {
    let code: String
    let message: String
}

extension RecordProblem {
    /// Text after the line's JSON object, starting at `column` (1-based, as the decoder counts): a second
    /// record that lost its newline, or garbage. Either way the line is not one record, so it is not evaluated.
    static func trailingText(column: Int) -> RecordProblem {
        RecordProblem(code: "replay.trailing-text",
                      message: "text after the end of the JSON object at column \(column); one record per line (did two records lose the newline between them?)")
    }
}
