import Foundation

/// One record as one line of JSON Lines export.
///
/// Keys, in this order: `sequence`, `decision_id`, `request_id` (null when absent), `outcome`,
/// `failed_checks`, `bundle_digest`, `evaluated_at`, `decision` and `request` (the stored JSON
/// objects embedded as they are, not re-serialised), `previous_hash`, `hash`. A raw line break can
/// only be insignificant whitespace in valid JSON, so any in the embedded documents becomes a space
/// and each record stays on one line.
enum ExportLine {
    /// Appends the record's line, newline included.
    static func append(_ record: LogRecord, to out: inout [UInt8]) {
        let entry = record.entry
        func key(_ name: String, first: Bool = false) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            JSONText.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        key("sequence", first: true)
        out += Array(String(record.sequence).utf8)
        key("decision_id")
        JSONText.appendString(entry.decisionID, to: &out)
        key("request_id")
        if let requestID = entry.requestID { JSONText.appendString(requestID, to: &out) } else { out += Array("null".utf8) }
        key("outcome")
        JSONText.appendString(entry.outcome, to: &out)
        key("failed_checks")
        JSONText.appendStringArray(entry.failedChecks, to: &out)
        key("bundle_digest")
        JSONText.appendString(entry.bundleDigest, to: &out)
        key("evaluated_at")
        // A stored record's date was read from its stored text, so it is always in range.
        let milliseconds = Timestamp.milliseconds(of: entry.evaluatedAt) ?? Timestamp.validMilliseconds.lowerBound
        JSONText.appendString(Timestamp.text(milliseconds: milliseconds), to: &out)
        key("decision")
        appendEmbedded(entry.decisionJSON, to: &out)
        key("request")
        appendEmbedded(entry.requestJSON, to: &out)
        key("previous_hash")
        JSONText.appendString(record.previousHash, to: &out)
        key("hash")
        JSONText.appendString(record.hash, to: &out)
        out += [UInt8(ascii: "}"), UInt8(ascii: "\n")]
    }

    private static func appendEmbedded(_ json: Data, to out: inout [UInt8]) {
        for byte in json {
            out.append(byte == 0x0A || byte == 0x0D ? UInt8(ascii: " ") : byte)
        }
    }
}
