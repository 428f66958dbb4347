/// The result of evaluating one request against a bundle: the outcome and what happened to every check.
///
/// This is the explanation data, produced on every evaluation at the cost of one small array; rendering it
/// as text or JSON (with fact values, citations and translated explanations) happens only when asked.
public struct Evaluation: Sendable {
    public let outcome: Outcome
    /// One result per check, in bundle order.
    public let results: [CheckResult]
    public let asOf: CalendarDay
    public let bundle: PolicyBundle
    let facts: FactTable

    /// The request's own `id`, if the schema declares one and the request gave it.
    public var requestID: String? { bundle.requestIDSlot.flatMap { facts.string($0) } }

    /// Checks in bundle order with their results.
    public var checks: some Sequence<(check: Check, result: CheckResult)> {
        zip(bundle.checks, results).lazy.map { (check: $0.0, result: $0.1) }
    }

    /// Enforced checks with the given status, in bundle order.
    public func enforcedChecks(_ status: CheckResult.Status) -> [Check] {
        checks.filter { $0.result.status == status && $0.check.mode == .enforce }.map(\.check)
    }

    /// Enforced checks that failed, in bundle order: the reasons for the decision.
    public var failedChecks: [Check] { enforcedChecks(.failed) }

    /// Ids of the enforced failed checks, sorted: the `fired` list of the summary format.
    public var firedIDs: [String] {
        var ids: [String] = []
        forEachFired { ids.append($0.id) }
        return ids
    }

    /// Calls `body` with each enforced failed check in id order, without building an array: the summary
    /// line writes them straight into its output on the hot path.
    @inline(__always)
    func forEachFired(_ body: (Check) -> Void) {
        for index in bundle.checkOrderByID where results[index].status == .failed && bundle.checks[index].mode == .enforce {
            body(bundle.checks[index])
        }
    }

    /// The value of a fact in this request, formatted for people, in clear even when it is `sensitive`
    /// (``givenFact(_:language:)`` masks it): for callers that hold the request anyway.
    public func formattedFact(_ path: String, language: String) -> String? {
        guard let slot = bundle.schema.slot(path) else { return nil }
        return ValueFormatter.format(facts.value(slot.index, type: slot.type), type: slot.type ?? .string, language: language)
    }
}
