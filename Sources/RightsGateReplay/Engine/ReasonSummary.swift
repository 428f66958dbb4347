import RightsGate

/// The summary-level explanation of a decision for the disagreement list: each failed enforced check with
/// its outcome and rendered explanation, each unknown one with the facts it lacked; the same texts as the
/// decision JSON's `reasons` and `unknown`. Only the listed records pay for rendering.
enum ReasonSummary {
    static func make(_ evaluation: Evaluation, language: String) -> ([ReplayReport.Disagreement.Reason], [ReplayReport.Disagreement.Unknown]) {
        var reasons: [ReplayReport.Disagreement.Reason] = []
        var unknown: [ReplayReport.Disagreement.Unknown] = []
        for explained in evaluation.explainedChecks(language: language) {
            if explained.status == .failed {
                reasons.append(.init(check: explained.check, outcome: explained.outcome.rawValue, explanation: explained.explanation))
            } else {
                unknown.append(.init(check: explained.check, outcome: explained.outcome.rawValue, missing: explained.missing))
            }
        }
        return (reasons, unknown)
    }
}
