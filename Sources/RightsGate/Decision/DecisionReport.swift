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
                // A given group of facts (`content.hash`) holds no value of its own: its members show under
                // their own paths, so only a `null` group is listed.
                let facts = check.displaySlots.compactMap { slot -> Fact? in
                    let state = evaluation.facts.state(slot)
                    let info = bundle.schema.slots[slot]
                    guard state != .missing, state == .null || info.type != nil else { return nil }
                    return Fact(path: info.path, value: evaluation.facts.value(slot, type: info.type), type: info.type,
                                sensitive: bundle.sensitiveSlots.contains(slot))
                }
                // Only an unknown result depends on what is missing; a failed check decided without it.
                let missing = result.status == .unknown ? evaluation.missingFacts(of: check) : []
                let masked = bundle.sensitivePlaceholders
                let explanation: String
                if result.status == .failed {
                    explanation = check.explanationTemplate(result, language: language)?
                        .render(evaluation.facts, &context, language: language, masked: masked) ?? ""
                } else {
                    explanation = Self.unknownExplanation(
                        missing: missing, exceptionUndecided: Self.exceptionUndecided(check, result, evaluation, &context),
                        language: language)
                }
                let remedy = check.remedyTemplate(result, language: language)?
                    .render(evaluation.facts, &context, language: language, masked: masked) ?? ""
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
                        conditions.append((check.id, missing.isEmpty ? remedy : Self.provideFacts(missing, language: language) + " " + remedy))
                    }
                }
            }
        }
    }

    /// Whether an unknown result comes from the exceptions: the deciding rule holds, so the check failed,
    /// and it is unknown only because an exception might apply.
    private static func exceptionUndecided(_ check: Check, _ result: CheckResult, _ evaluation: Evaluation, _ context: inout EvalContext) -> Bool {
        guard !check.exceptions.isEmpty, result.rule >= 0 else { return false }
        return check.rules[Int(result.rule)].code(evaluation.facts, &context) == .yes
    }

    /// Why a check could not be assessed. With facts missing (or null), it names them; with none, it says
    /// whether an exception or the check itself could not be decided, without claiming facts are missing.
    static func unknownExplanation(missing: [String], exceptionUndecided: Bool, language: String) -> String {
        let swedish = language == "sv"
        guard missing.isEmpty else {
            let list = missing.map { "`\($0)`" }.joined(separator: ", ")
            return swedish ? "Kan inte bedömas: \(list) saknas i begäran."
                : "Cannot be assessed: \(list) \(missing.count == 1 ? "is" : "are") not given in the request."
        }
        if exceptionUndecided {
            return swedish ? "Kan inte bedömas: kontrollen slår till, men de givna uppgifterna avgör inte om ett undantag gäller."
                : "Cannot be assessed: the check fails, but the facts given do not settle whether an exception applies."
        }
        return swedish ? "Kan inte bedömas: de givna uppgifterna räcker inte för att avgöra kontrollen (ett värde kunde inte beräknas ur dem)."
            : "Cannot be assessed: the facts given do not settle the check (a value could not be computed from them)."
    }

    /// The start of a condition that asks for facts; only called with at least one.
    static func provideFacts(_ missing: [String], language: String) -> String {
        let list = missing.map { "`\($0)`" }.joined(separator: ", ")
        return language == "sv" ? "Ange \(list)." : "Provide \(list)."
    }
}
