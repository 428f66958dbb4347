/// Renders decisions as JSON (`rightsgate.decision/v1`, documented in docs/decision-format.md).
///
/// Keys come in a fixed order and values of sensitive facts are always redacted, so the library, the CLI
/// and the HTTP service produce byte-identical decisions for the same request and bundle (apart from
/// `decision_id` and `evaluated_at`).
public enum DecisionJSON {
    public static func render(_ decision: Decision, language: String = "en") -> String {
        var bytes: [UInt8] = []
        write(decision, language: language, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the decision JSON to `out` (for streams writing many decisions into one buffer).
    public static func write(_ decision: Decision, language: String = "en", into out: inout [UInt8]) {
        let report = DecisionReport(decision, language: language)
        let evaluation = decision.evaluation
        let bundle = evaluation.bundle
        var json = JSONWriter(taking: &out)
        defer { json.give(to: &out) }
        json.beginObject()
        json.key("format"); json.string(Decision.format)
        json.key("decision_id"); json.string(decision.id)
        json.key("request_id")
        if let id = decision.requestID { json.string(id) } else { json.null() }
        json.key("outcome"); json.string(decision.outcome.rawValue)
        json.key("reasons")
        json.beginArray()
        for reason in report.reasons { write(reason, language: language, into: &json) }
        json.endArray()
        json.key("conditions")
        json.beginArray()
        for condition in report.conditions {
            json.beginObject()
            json.key("check"); json.string(condition.check)
            json.key("condition"); json.string(condition.text)
            json.endObject()
        }
        json.endArray()
        json.key("unknown")
        json.beginArray()
        for reason in report.unknown { write(reason, language: language, into: &json) }
        json.endArray()
        json.key("passed")
        stringArray(report.passed, into: &json)
        json.key("excepted")
        json.beginArray()
        for item in report.excepted {
            json.beginObject()
            json.key("check"); json.string(item.check)
            json.key("exception"); json.string(item.exception.id)
            json.key("reason"); json.string(item.exception.reason?.text(language) ?? "")
            json.endObject()
        }
        json.endArray()
        json.key("not_applicable")
        stringArray(report.notApplicable, into: &json)
        json.key("not_in_force")
        stringArray(report.notInForce, into: &json)
        json.key("shadow")
        json.beginArray()
        for reason in report.shadow { write(reason, language: language, into: &json) }
        json.endArray()
        json.key("policy")
        json.beginObject()
        json.key("name"); json.string(bundle.name)
        json.key("version"); json.string(bundle.version)
        json.key("digest"); json.string(bundle.digest)
        json.endObject()
        json.key("request_digest"); json.string(decision.requestDigest)
        json.key("as_of"); json.string(evaluation.asOf.description)
        json.key("language"); json.string(language)
        json.key("evaluated_at"); json.string(decision.evaluatedAtText)
        json.endObject()
    }

    private static func stringArray(_ items: [String], into json: inout JSONWriter) {
        json.beginArray()
        for item in items { json.string(item) }
        json.endArray()
    }

    private static func write(_ reason: DecisionReport.Reason, language: String, into json: inout JSONWriter) {
        let check = reason.check
        json.beginObject()
        json.key("check"); json.string(check.id)
        json.key("status"); json.string(reason.result.status.name)
        json.key("outcome"); json.string(reason.result.outcome.rawValue)
        json.key("title"); json.string(check.title.text(language))
        json.key("explanation"); json.string(reason.explanation)
        json.key("remedy"); json.string(reason.remedy)
        json.key("facts")
        json.beginObject()
        for fact in reason.facts {
            json.key(fact.path)
            if fact.sensitive, fact.value != .null {
                json.string(FactJSON.redacted)
            } else {
                FactJSON.write(FactJSON.abbreviated(fact.value), type: fact.type, masking: .redact, into: &json)
            }
        }
        json.endObject()
        json.key("missing")
        stringArray(reason.missing, into: &json)
        json.key("sources")
        json.beginArray()
        for citation in check.citations {
            json.beginObject()
            json.key("id"); json.string(citation.source.id)
            json.key("citation"); json.string(citation.source.citation)
            json.key("pinpoint")
            if let p = citation.pinpoint { json.string(p) } else { json.null() }
            json.key("url"); json.string(citation.source.url)
            json.endObject()
        }
        json.endArray()
        let location = reason.location
        json.key("location")
        json.beginObject()
        json.key("file"); json.string(location.file)
        json.key("line"); json.number(location.line)
        json.key("column"); json.number(location.column)
        json.endObject()
        json.endObject()
    }
}
