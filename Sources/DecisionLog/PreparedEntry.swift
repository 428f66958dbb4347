import Foundation

/// An entry that passed the log's checks, with the exact text forms that will be stored.
///
/// Preparation runs in the caller's task, before the entry joins a group commit, so that the
/// checks (JSON parsing above all) use every core while the single writer only hashes and inserts.
struct PreparedEntry: Sendable {
    /// The entry as it will be stored and returned: time rounded to ms, checks sorted and unique.
    let entry: LogEntry
    /// `failed_checks` column: a JSON array of strings.
    let failedChecksText: String
    /// `evaluated_at` column: ISO 8601 UTC with milliseconds.
    let evaluatedAtText: String

    /// Checks and normalises an entry; throws `log.invalid-entry` naming the offending field.
    init(_ entry: LogEntry) throws(DecisionLogError) {
        func refuse(_ reason: String) -> DecisionLogError {
            .invalidEntry(decisionID: entry.decisionID, reason)
        }
        guard !entry.decisionID.isEmpty else { throw refuse("`decision_id` is empty") }
        // SQLite stores a bound text up to its first NUL while the chain hashes every byte: a NUL would
        // make an honest record verify as edited, so the text columns never take one.
        guard !Self.hasNUL(entry.decisionID) else { throw refuse("`decision_id` contains a NUL character") }
        guard !(entry.requestID.map(Self.hasNUL) ?? false) else { throw refuse("`request_id` contains a NUL character") }
        guard !entry.failedChecks.contains(where: Self.hasNUL) else { throw refuse("`failed_checks` contains a NUL character") }
        guard LogEntry.outcomes.contains(entry.outcome) else {
            throw refuse("`outcome` is not one of allow, allow_with_conditions, escalate, deny")
        }
        guard entry.bundleDigest.hasPrefix("sha256:"),
              HexDigest(String(entry.bundleDigest.dropFirst(7))) != nil,
              entry.bundleDigest == entry.bundleDigest.lowercased() else {
            throw refuse("`bundle_digest` is not `sha256:` followed by 64 lowercase hex digits")
        }
        guard !entry.failedChecks.contains(where: \.isEmpty) else { throw refuse("`failed_checks` has an empty id") }
        guard let milliseconds = Timestamp.milliseconds(of: entry.evaluatedAt) else {
            throw refuse("`evaluated_at` is outside years 1–9999")
        }
        guard Self.isJSONObject(entry.decisionJSON) else { throw refuse("`decision_json` is not a JSON object") }
        guard Self.isJSONObject(entry.requestJSON) else { throw refuse("`request_json` is not a JSON object") }

        var normalized = entry
        normalized.failedChecks = Array(Set(entry.failedChecks)).sorted()
        normalized.evaluatedAt = Timestamp.date(milliseconds: milliseconds)
        self.entry = normalized
        self.failedChecksText = JSONText.stringArray(normalized.failedChecks)
        self.evaluatedAtText = Timestamp.text(milliseconds: milliseconds)
    }

    /// The bytes the chain hashes for this entry at `sequence`.
    func storedFields(sequence: Int64) -> ChainHash.StoredFields {
        ChainHash.StoredFields(
            sequence: sequence,
            decisionID: Data(entry.decisionID.utf8),
            requestID: entry.requestID.map { Data($0.utf8) },
            outcome: Data(entry.outcome.utf8),
            failedChecks: Data(failedChecksText.utf8),
            bundleDigest: Data(entry.bundleDigest.utf8),
            evaluatedAt: Data(evaluatedAtText.utf8),
            decisionJSON: entry.decisionJSON,
            requestJSON: entry.requestJSON
        )
    }

    static func hasNUL(_ text: String) -> Bool { text.utf8.contains(0) }

    /// Export embeds both documents as JSON objects, so anything else is refused up front.
    ///
    /// The documents come from the engine's canonical JSON writer, so the log checks their framing (one
    /// object: `{` … `}`) and that they are UTF-8, in time linear in their size with no parsing; a full
    /// re-parse with `JSONDecoder` cost about a tenth of the service's CPU per decision.
    static func isJSONObject(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }),
                first < last, bytes[first] == UInt8(ascii: "{"), bytes[last] == UInt8(ascii: "}")
            else { return false }
            return String(validating: bytes, as: UTF8.self) != nil
        }
    }
}
