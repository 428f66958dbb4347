/// The explanation of a decision, assembled from an evaluation for one language: what the JSON and text
/// renderers print. Built only when output is asked for; evaluation itself stays allocation-light.
struct DecisionReport {
    struct Fact {
        let path: String
        let value: FactValue
        let type: ValueType?
        let sensitive: Bool
    }

    struct Reason {
        let check: Check
        let result: CheckResult
        let explanation: String
        let remedy: String
        let facts: [Fact]
        let missing: [String]
        /// The deciding rule (the `fails` item, or the check id), relative to the bundle directory.
        let location: SourceLocation
    }

    let decision: Decision
    let language: String
    var reasons: [Reason] = []
    var unknown: [Reason] = []
    var conditions: [(check: String, text: String)] = []
    var passed: [String] = []
    var excepted: [(check: String, exception: Check.Exception)] = []
    var notApplicable: [String] = []
    var notInForce: [String] = []
    var shadow: [Reason] = []

    init(_ decision: Decision, language: String) {
        self.decision = decision
        self.language = language
        let evaluation = decision.evaluation
        let bundle = evaluation.bundle
        var context = EvalContext(asOfDay: evaluation.asOf.daysSinceEpoch)
        for (check, result) in evaluation.checks {
            switch result.status {
            case .notInForce: notInForce.append(check.id)
            case .notApplicable: notApplicable.append(check.id)
            case .passed: passed.append(check.id)
            case .excepted: excepted.append((check.id, check.exceptions[Int(result.exception)]))
            case .failed, .unknown:
                let facts = check.displaySlots.compactMap { slot -> Fact? in
                    let state = evaluation.facts.state(slot)
                    guard state != .missing else { return nil }
                    let info = bundle.schema.slots[slot]
                    return Fact(path: info.path, value: evaluation.facts.value(slot, type: info.type), type: info.type,
                                sensitive: bundle.sensitiveSlots.contains(slot))
                }
                // Only an unknown result depends on what is missing; a failed check decided without it.
                var missing = result.status == .unknown
                    ? check.factSlots.filter { evaluation.facts.state($0) == .missing }.map { bundle.schema.slots[$0].path } : []
                if missing.isEmpty, result.status == .unknown {
                    missing = check.factSlots.filter { evaluation.facts.state($0) == .null }.map { bundle.schema.slots[$0].path }
                }
                let explanation: String
                if result.status == .failed {
                    explanation = check.explanationTemplate(result, language: language)?.render(evaluation.facts, &context, language: language) ?? ""
                } else {
                    explanation = Self.unknownExplanation(missing: missing, language: language)
                }
                let remedy = check.remedyTemplate(result, language: language)?.render(evaluation.facts, &context, language: language) ?? ""
                let location = bundle.bundleRelative(result.rule >= 0 ? check.rules[Int(result.rule)].location : check.location)
                let reason = Reason(check: check, result: result, explanation: explanation, remedy: remedy, facts: facts,
                                    missing: missing, location: location)
                if check.mode == .shadow {
                    shadow.append(reason)
                } else if result.status == .failed {
                    reasons.append(reason)
                    if result.outcome == .allowWithConditions { conditions.append((check.id, remedy)) }
                } else {
                    unknown.append(reason)
                    if result.outcome == .allowWithConditions {
                        conditions.append((check.id, Self.provideFacts(missing, language: language) + " " + remedy))
                    }
                }
            }
        }
    }

    static func unknownExplanation(missing: [String], language: String) -> String {
        let list = missing.map { "`\($0)`" }.joined(separator: ", ")
        if missing.isEmpty {
            return language == "sv" ? "Kan inte bedömas: ett undantag kan vara tillämpligt men saknar uppgifter."
                : "Cannot be assessed: an exception might apply but the facts it needs are not given."
        }
        return language == "sv" ? "Kan inte bedömas: \(list) saknas i begäran."
            : "Cannot be assessed: \(list) \(missing.count == 1 ? "is" : "are") not given in the request."
    }

    static func provideFacts(_ missing: [String], language: String) -> String {
        let list = missing.map { "`\($0)`" }.joined(separator: ", ")
        return language == "sv" ? "Ange \(list)." : "Provide \(list)."
    }
}
