import Foundation
import GRDB

/// Extends the chain inside an open write transaction.
///
/// The head is read in the same transaction that inserts after it. GRDB begins write transactions
/// with `BEGIN IMMEDIATE`, which takes SQLite's write lock up front, so two processes appending to
/// the same file are serialised and can never both build on the same head (fork the chain).
enum ChainAppender {
    /// Where the next record attaches: the last sequence and its hash (0 and genesis when empty).
    struct Head: Sendable {
        var sequence: Int64
        var hash: HexDigest
    }

    /// Reads the current head. A head whose stored hash is not a hash stops all appends: building
    /// on it would hide the damage, and the gate must fail closed until someone looks.
    static func head(_ db: Database) throws -> Head {
        guard let row = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM decisions ORDER BY sequence DESC LIMIT 1")
        else { return Head(sequence: 0, hash: .genesis) }
        let sequence: Int64 = row[0]
        guard let text = String.fromDatabaseValue(row[1]), let hash = HexDigest(text) else {
            throw DecisionLogError.corruptRecord(sequence: sequence, column: "hash")
        }
        return Head(sequence: sequence, hash: hash)
    }

    /// Inserts `entries` in order after `head`, advancing it, and returns their records.
    static func append(_ entries: [PreparedEntry], after head: inout Head, _ db: Database) throws -> [LogRecord] {
        let insertDecision = try db.cachedStatement(sql: """
            INSERT INTO decisions (sequence, decision_id, request_id, outcome, failed_checks, bundle_digest,
                                   evaluated_at, decision_json, request_json, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertCheck = try db.cachedStatement(sql: "INSERT INTO decision_checks (check_id, sequence) VALUES (?, ?)")
        var records = [LogRecord]()
        records.reserveCapacity(entries.count)
        for prepared in entries {
            let entry = prepared.entry
            // Only a row inserted by hand can sit at the top of the range; refuse rather than trap.
            guard head.sequence < Int64.max else {
                throw DecisionLogError.corruptRecord(sequence: head.sequence, column: "sequence")
            }
            let sequence = head.sequence + 1
            let previousHash = head.hash.text
            let digest = ChainHash.hash(previous: head.hash, fields: prepared.storedFields(sequence: sequence))
            let hash = digest.text
            do {
                try insertDecision.execute(arguments: [
                    sequence, entry.decisionID, entry.requestID, entry.outcome, prepared.failedChecksText,
                    entry.bundleDigest, prepared.evaluatedAtText, entry.decisionJSON, entry.requestJSON,
                    previousHash, hash,
                ])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw DecisionLogError.duplicateDecisionID(entry.decisionID)
            }
            for check in entry.failedChecks {
                try insertCheck.execute(arguments: [check, sequence])
            }
            records.append(LogRecord(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash))
            head = Head(sequence: sequence, hash: digest)
        }
        return records
    }
}
