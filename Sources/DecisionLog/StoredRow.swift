import Foundation
import GRDB

/// Reading rows of `decisions` back into records without ever trapping on a tampered row.
///
/// GRDB's typed subscripts abort the process on a NULL or a wrong type; a database edited by hand
/// can contain either, so every column is read through failable conversions and a bad one becomes
/// `log.corrupt-record` (reads) or a `malformed` problem (verify).
enum StoredRow {
    /// The `decisions` columns in the order every query selects them.
    static let columns = [
        "sequence", "decision_id", "request_id", "outcome", "failed_checks", "bundle_digest",
        "evaluated_at", "decision_json", "request_json", "previous_hash", "hash",
    ]

    /// The column list for a SELECT, optionally qualified with a table alias.
    static func selectList(alias: String? = nil) -> String {
        let prefix = alias.map { "\($0)." } ?? ""
        return columns.map { prefix + $0 }.joined(separator: ", ")
    }

    /// Decodes a row selected with ``selectList(alias:)``.
    static func record(_ row: Row) throws(DecisionLogError) -> LogRecord {
        let sequence = Int64.fromDatabaseValue(row[0]) ?? 0
        func corrupt(_ index: Int) -> DecisionLogError { .corruptRecord(sequence: sequence, column: columns[index]) }
        func text(_ index: Int) throws(DecisionLogError) -> String {
            guard let value = String.fromDatabaseValue(row[index]) else { throw corrupt(index) }
            return value
        }
        func blob(_ index: Int) throws(DecisionLogError) -> Data {
            guard let value = Data.fromDatabaseValue(row[index]) else { throw corrupt(index) }
            return value
        }
        let requestIDValue: DatabaseValue = row[2]
        let requestID: String?
        if requestIDValue.isNull {
            requestID = nil
        } else {
            guard let value = String.fromDatabaseValue(requestIDValue) else { throw corrupt(2) }
            requestID = value
        }
        let failedChecksText = try text(4)
        guard let failedChecks = try? JSONDecoder().decode([String].self, from: Data(failedChecksText.utf8)) else {
            throw corrupt(4)
        }
        guard let milliseconds = try Timestamp.milliseconds(text: text(6)) else { throw corrupt(6) }
        let entry = try LogEntry(
            decisionID: text(1),
            requestID: requestID,
            outcome: text(3),
            failedChecks: failedChecks,
            bundleDigest: text(5),
            evaluatedAt: Timestamp.date(milliseconds: milliseconds),
            decisionJSON: blob(7),
            requestJSON: blob(8)
        )
        return try LogRecord(sequence: sequence, entry: entry, previousHash: text(9), hash: text(10))
    }
}
