import DecisionLog
import Foundation
import RightsGate

/// One request decoded and evaluated, with its canonical decision JSON rendered, not yet logged.
struct EvaluatedRequest: Sendable {
    let decision: Decision
    /// The canonical decision JSON: the exact bytes that are logged and sent back.
    let json: String
    /// Request issues that did not stop the decision (unknown fields when not `--strict`).
    let warnings: [RequestIssue]
    let bundle: PolicyBundle

    /// Decodes `bytes` into facts and evaluates them with `bundle`, as of the UTC day of `now`.
    ///
    /// The evaluation time is taken a quarter millisecond into its millisecond: the decision JSON truncates
    /// to milliseconds and the log rounds, and this way both write the same instant.
    static func evaluate(
        _ bytes: UnsafeBufferPointer<UInt8>, bundle: PolicyBundle, language: String, strict: Bool, now: Date = Date()
    ) throws(RequestError) -> EvaluatedRequest {
        var facts = bundle.makeFactTable()
        let warnings = try bundle.decode(bytes, into: &facts, strict: strict)
        let milliseconds = (now.timeIntervalSince1970 * 1000).rounded(.down)
        let evaluatedAt = Date(timeIntervalSince1970: (milliseconds + 0.25) / 1000)
        let evaluation = bundle.evaluate(facts, asOf: CalendarDay(evaluatedAt))
        let decision = Decision(evaluation: evaluation, evaluatedAt: evaluatedAt)
        return EvaluatedRequest(decision: decision, json: DecisionJSON.render(decision, language: language),
                                warnings: warnings, bundle: bundle)
    }

    /// The log entry: the decision JSON as rendered, and the request with sensitive facts masked.
    func logEntry(masking: Masking) -> LogEntry {
        LogEntry(
            decisionID: decision.id,
            requestID: decision.requestID,
            outcome: decision.outcome.rawValue,
            failedChecks: decision.evaluation.firedIDs,
            bundleDigest: bundle.digest,
            evaluatedAt: decision.evaluatedAt,
            decisionJSON: Data(json.utf8),
            requestJSON: Data(decision.maskedRequest(masking).utf8)
        )
    }
}
