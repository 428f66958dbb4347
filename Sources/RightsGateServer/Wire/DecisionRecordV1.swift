import DecisionLog

/// One logged decision in `GET /v1/decisions`: the record's indexed fields, its place in the hash chain,
/// and the decision JSON embedded exactly as logged. The stored request is not included: reviewers read
/// decisions; the masked request stays in the log and its export.
struct DecisionRecordV1 {
    let record: LogRecord

    func write(to json: inout JSONBuffer) {
        let entry = record.entry
        json.beginObject()
        json.key("sequence"); json.number(record.sequence)
        json.key("decision_id"); json.string(entry.decisionID)
        json.key("request_id"); json.string(entry.requestID)
        json.key("outcome"); json.string(entry.outcome)
        json.key("failed_checks"); json.strings(entry.failedChecks)
        json.key("bundle_digest"); json.string(entry.bundleDigest)
        json.key("evaluated_at"); json.string(LogTime.format(entry.evaluatedAt))
        json.key("previous_hash"); json.string(record.previousHash)
        json.key("hash"); json.string(record.hash)
        json.key("decision"); json.raw(String(decoding: entry.decisionJSON, as: UTF8.self))
        json.endObject()
    }
}

/// `GET /v1/decisions`: a page of records and the cursor for the next page (null on the last).
struct DecisionPageV1 {
    let page: LogPage

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("items")
        json.beginArray()
        for record in page.items { DecisionRecordV1(record: record).write(to: &json) }
        json.endArray()
        json.key("next_cursor"); json.string(page.nextCursor.map(String.init))
        json.endObject()
    }
}
