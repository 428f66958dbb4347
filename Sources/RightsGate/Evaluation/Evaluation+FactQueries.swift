/// Read-only questions about the facts behind an evaluation, for tools that aggregate many evaluations
/// (replay reports) and so cannot afford to render and re-parse a decision per request.
///
/// They answer exactly what the decision JSON says: ``missingFacts(of:)`` is the `missing` list of an
/// unknown reason, ``givenFact(_:)`` the value a reason's `facts` would show.
extension Evaluation {
    /// The facts `check` needed that the request did not give, as dotted paths in schema order.
    ///
    /// For an unknown check whose facts are all present (a `null` made it unknown), the null facts are
    /// listed instead, as in the decision's `missing` list.
    public func missingFacts(of check: Check) -> [String] {
        let schema = bundle.schema
        let missing = check.factSlots.filter { facts.state($0) == .missing }
        if !missing.isEmpty { return missing.map { schema.slots[$0].path } }
        return check.factSlots.filter { facts.state($0) == .null }.map { schema.slots[$0].path }
    }

    /// The value of a fact, formatted as explanations format it (enum values by name, dates as
    /// `YYYY-MM-DD`), or nil when the request did not give it, gave `null`, or the schema has no such fact.
    public func givenFact(_ path: String, language: String = "en") -> String? {
        guard let slot = bundle.schema.slot(path), facts.isPresent(slot.index) else { return nil }
        return formattedFact(path, language: language)
    }
}
