import Foundation

/// One enforced check that counted against an action, with its rendered explanation: the summary level of a
/// decision's `reasons` and `unknown` entries, for tools that list many decisions (replay reports) and
/// should not render and re-parse the full decision JSON for each.
public struct ExplainedCheck: Sendable, Hashable {
    public let check: String
    /// `failed` or `unknown`.
    public let status: CheckResult.Status
    /// What the check leads to (for `unknown`, its `on_missing`).
    public let outcome: Outcome
    /// Exactly the `explanation` the decision JSON gives, in the requested language.
    public let explanation: String
    /// The facts it needed that the request did not give (empty for a failed check).
    public let missing: [String]
}

extension Evaluation {
    /// The enforced checks that failed, then those that are unknown, in bundle order: what the decision's
    /// `reasons` and `unknown` list, explained in `language`.
    public func explainedChecks(language: String) -> [ExplainedCheck] {
        let decision = Decision(evaluation: self, id: "", evaluatedAt: Date(timeIntervalSince1970: 0))
        let report = DecisionReport(decision, language: language)
        return (report.reasons + report.unknown).map {
            ExplainedCheck(check: $0.check.id, status: $0.result.status, outcome: $0.result.outcome, explanation: $0.explanation,
                           missing: $0.missing)
        }
    }
}
