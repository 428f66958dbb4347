/// Renders a decision for people, in English or Swedish: the outcome, each reason with its facts, law,
/// remedy and rule location, what could not be assessed, the conditions, and a one-line tally.
public enum DecisionText {
    struct Labels {
        let outcome: [Outcome: String]
        let request, policy, asOf, decision, why, unknown, facts, law, fix, rule, conditions, shadow: String
        let passed, excepted, notApplicable, notInForce, noRequestID: String

        static let en = Labels(
            outcome: [.allow: "ALLOW", .allowWithConditions: "ALLOW WITH CONDITIONS", .escalate: "ESCALATE", .deny: "DENY"],
            request: "request", policy: "policy", asOf: "as of", decision: "decision", why: "Why",
            unknown: "Could not be assessed", facts: "Facts", law: "Law", fix: "Fix", rule: "Rule",
            conditions: "Conditions", shadow: "Shadow checks (reported, not counted)", passed: "passed",
            excepted: "excepted", notApplicable: "not applicable", notInForce: "not in force", noRequestID: "(no id)")
        static let sv = Labels(
            outcome: [.allow: "TILLÅT", .allowWithConditions: "TILLÅT MED VILLKOR", .escalate: "ESKALERA", .deny: "NEKA"],
            request: "begäran", policy: "policy", asOf: "per", decision: "beslut", why: "Skäl",
            unknown: "Kunde inte bedömas", facts: "Uppgifter", law: "Rättskälla", fix: "Åtgärd", rule: "Regel",
            conditions: "Villkor", shadow: "Skuggkontroller (redovisas, räknas inte)",
            passed: "uppfyllda", excepted: "undantagna", notApplicable: "ej tillämpliga", notInForce: "ej i kraft",
            noRequestID: "(inget id)")

        static func of(_ language: String) -> Labels { language == "sv" ? sv : en }
    }

    public static func render(_ decision: Decision, language: String = "en", color: Bool = false) -> String {
        let labels = Labels.of(language)
        let report = DecisionReport(decision, language: language)
        let bundle = decision.evaluation.bundle
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func outcomeColor(_ o: Outcome) -> String {
            switch o {
            case .allow: "1;32"
            case .allowWithConditions: "1;36"
            case .escalate: "1;33"
            case .deny: "1;31"
            }
        }

        var out = paint(labels.outcome[decision.outcome]!, outcomeColor(decision.outcome))
        out += "  \(labels.request) \(decision.requestID ?? labels.noRequestID)\n"
        let shortDigest = String(bundle.digest.prefix(19))
        out += "\(labels.policy) \(bundle.name) \(bundle.version) (\(shortDigest)…) · \(labels.asOf) \(decision.evaluation.asOf) · \(labels.decision) \(decision.id)\n"

        func block(_ reason: DecisionReport.Reason, marker: String) {
            let check = reason.check
            out += "\n  \(marker) \(paint(labels.outcome[reason.result.outcome]!, outcomeColor(reason.result.outcome)))  \(paint(check.id, "1")): \(check.title.text(language))\n"
            if !reason.explanation.isEmpty { out += wrap(reason.explanation, indent: 6) }
            if !reason.facts.isEmpty {
                let facts = reason.facts.map { fact in
                    "\(fact.path) = " + (fact.sensitive && fact.value != .null ? ValueFormatter.mask(language: language)
                        : ValueFormatter.format(FactJSON.abbreviated(fact.value), type: fact.type ?? .string, language: language))
                }
                out += wrapItems("\(labels.facts): ", facts, indent: 6)
            }
            for citation in check.citations { out += wrap("\(labels.law): \(citation.text)", indent: 6) }
            if !reason.remedy.isEmpty { out += wrap("\(labels.fix): \(reason.remedy)", indent: 6) }
            out += "      \(labels.rule): \(reason.location)\n"
        }

        if !report.reasons.isEmpty {
            out += "\n\(paint("\(labels.why) (\(report.reasons.count)):", "1"))\n"
            for reason in report.reasons { block(reason, marker: "✗") }
        }
        if !report.unknown.isEmpty {
            out += "\n\(paint("\(labels.unknown) (\(report.unknown.count)):", "1"))\n"
            for reason in report.unknown { block(reason, marker: "?") }
        }
        if !report.conditions.isEmpty {
            out += "\n\(paint("\(labels.conditions):", "1"))\n"
            for condition in report.conditions { out += wrap("• \(condition.text) [\(condition.check)]", indent: 2, hanging: 4) }
        }
        if !report.shadow.isEmpty {
            out += "\n\(paint("\(labels.shadow):", "1"))\n"
            for reason in report.shadow { block(reason, marker: "~") }
        }
        var tally = "\n\(labels.passed) \(report.passed.count) · \(labels.notApplicable) \(report.notApplicable.count)"
        if !report.excepted.isEmpty {
            tally += " · \(labels.excepted) \(report.excepted.count) (" + report.excepted.map { "\($0.check): \($0.exception.id)" }.joined(separator: ", ") + ")"
        }
        if !report.notInForce.isEmpty { tally += " · \(labels.notInForce) \(report.notInForce.count)" }
        out += tally + "\n"
        return out
    }

    /// Lists items separated by ` · `, breaking lines only between items.
    static func wrapItems(_ label: String, _ items: [String], indent: Int, width: Int = 100) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        var line = pad + label
        var first = true
        for item in items {
            let piece = first ? item : " · " + item
            if !first, line.count + piece.count > width {
                out += line + "\n"
                line = pad + String(repeating: " ", count: label.count) + item
            } else {
                line += piece
            }
            first = false
        }
        return out + line + "\n"
    }

    /// Wraps at 100 columns with the given indent.
    static func wrap(_ text: String, indent: Int, hanging: Int? = nil, width: Int = 100) -> String {
        let first = String(repeating: " ", count: indent)
        let rest = String(repeating: " ", count: hanging ?? indent)
        var out = ""
        var line = first
        var lineLength = indent
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineLength + word.count + 1 > width, lineLength > (line == first ? indent : rest.count) {
                out += line + "\n"
                line = rest
                lineLength = rest.count
            } else if lineLength > (out.isEmpty ? indent : rest.count) {
                line += " "
                lineLength += 1
            }
            line += word
            lineLength += word.count
        }
        return out + line + "\n"
    }
}

/// The compact per-decision line for high-volume pipelines: `{"id":…,"outcome":…,"fired":[…]}`.
///
/// Written straight into one string without intermediate arrays: this line is the whole output of a
/// high-volume stream, so it is on the hot path. Check ids are `[a-z0-9-]` (the loader enforces it) and need
/// no escaping; the request id is escaped.
public enum DecisionSummary {
    public static func render(_ evaluation: Evaluation) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96)
        write(evaluation, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the line to `out`, for streams that write many lines into one buffer.
    public static func write(_ evaluation: Evaluation, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        if let id = evaluation.requestID { JSONWriter.appendString(id, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","outcome":""#.utf8)
        out.append(contentsOf: evaluation.outcome.rawValue.utf8)
        out.append(contentsOf: #"","fired":["#.utf8)
        var first = true
        evaluation.forEachFired { check in
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22)
            out.append(contentsOf: check.id.utf8)
            out.append(0x22)
        }
        out.append(contentsOf: "]}".utf8)
    }
}
