/// `POST /v1/decisions/batch`: one result per item, in input order.
///
/// A decided item carries `status` 200 and its `decision` (the canonical JSON, exactly as logged); an
/// invalid one carries `status` 400 and an ``ErrorV1`` in its place, never a decision.
struct BatchResultV1 {
    let items: [DecisionGate.BatchItem]

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("results")
        json.beginArray()
        for (index, item) in items.enumerated() {
            json.beginObject()
            json.key("index"); json.number(index)
            switch item {
            case .decided(let logged):
                json.key("status"); json.number(200)
                json.key("decision_id"); json.string(logged.record.entry.decisionID)
                json.key("outcome"); json.string(logged.record.entry.outcome)
                json.key("log_sequence"); json.number(logged.record.sequence)
                json.key("decision"); json.raw(logged.evaluated.json)
            case .invalid(let error):
                json.key("status"); json.number(400)
                json.key("error"); error.write(to: &json)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
