/// Read-only questions about the facts behind an evaluation, for tools that aggregate many evaluations
/// (replay reports) and so cannot afford to render and re-parse a decision per request.
///
/// ``missingFacts(of:)`` is exactly the `missing` list of an unknown reason (the decision is built from
/// it); ``givenFact(_:language:)`` is a fact as an explanation formats it, masked when `sensitive`.
extension Evaluation {
    /// The facts `check` needed that the request did not give, as dotted paths sorted by path.
    ///
    /// For an unknown check whose facts are all given (a `null` made it unknown), the null facts are
    /// listed instead. Empty when nothing is missing or null: the check is unknown for another reason
    /// (a value that could not be computed, say).
    public func missingFacts(of check: Check) -> [String] {
        let schema = bundle.schema
        let missing = check.factSlots.filter { facts.state($0) == .missing }
        if !missing.isEmpty { return missing.map { schema.slots[$0].path } }
        return check.factSlots.filter { facts.state($0) == .null }.map { schema.slots[$0].path }
    }

    /// The value of a fact, formatted as explanations format it (enum values by name, dates as
    /// `YYYY-MM-DD`), or nil when the request did not give it, gave `null`, or the schema has no such fact.
    /// A `sensitive` fact comes back as the mask, as it would in a decision.
    public func givenFact(_ path: String, language: String = "en") -> String? {
        guard let slot = bundle.schema.slot(path), facts.isPresent(slot.index) else { return nil }
        if bundle.sensitiveSlots.contains(slot.index) { return ValueFormatter.mask(language: language) }
        return formattedFact(path, language: language)
    }
}
