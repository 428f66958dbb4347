import Foundation
import GRDB

/// The state of one verification walk, fed rows in sequence order, one at a time.
///
/// It keeps only the previous record's sequence and hash plus the (capped) problem list, so a walk
/// over any number of records runs in constant memory. It is a value so that each batch read can
/// take it in and hand the updated state back.
struct ChainVerifier: Sendable {
    private let expectedHead: LogHead?
    private(set) var recordCount: Int64 = 0
    /// Sequence and stored hash of the last record seen.
    private(set) var last: LogHead?
    private var problems: [VerificationProblem] = []
    private var problemCount = 0
    private var sawExpectedHead = false

    init(expectedHead: LogHead?) {
        self.expectedHead = expectedHead
    }

    /// Checks one row selected with ``StoredRow/selectList(alias:)``.
    mutating func check(_ row: Row) {
        let sequence = Int64.fromDatabaseValue(row[0]) ?? 0
        // Wrapping is harmless: no row can follow one at Int64.max.
        let expectedSequence = last.map { $0.sequence &+ 1 } ?? 1
        if sequence > expectedSequence {
            report(.gap(missing: expectedSequence...(sequence - 1), next: sequence))
        } else if sequence < expectedSequence {
            // A row inserted by hand below 1 or out of order: named, and left out of the walk so that it
            // cannot invent a gap or a broken link for the records around it.
            report(.malformed(sequence: sequence, column: "sequence"))
        }
        let isInOrder = sequence >= expectedSequence

        let bytes = (0..<StoredRow.columns.count).map { index in
            (try? row.withUnsafeData(atIndex: index) { $0.map { Data($0) } }) ?? nil
        }
        func text(_ index: Int) -> String? { bytes[index].map { String(decoding: $0, as: UTF8.self) } }
        let decisionID = text(1) ?? "?"
        let storedHash = text(10)
        let previousHashText = text(9)

        if isInOrder, let previousHashText {
            checkLink(sequence: sequence, previousHash: previousHashText)
        }
        checkContent(sequence: sequence, decisionID: decisionID, bytes: bytes, storedHash: storedHash)
        guard isInOrder else {
            recordCount += 1
            return
        }

        if let expectedHead, expectedHead.sequence == sequence {
            sawExpectedHead = true
            if storedHash != expectedHead.hash {
                report(.headMismatch(expected: expectedHead, found: storedHash ?? ""))
            }
        }
        recordCount += 1
        last = LogHead(sequence: sequence, hash: storedHash ?? "")
    }

    /// The report for everything checked so far.
    func finish() -> VerificationReport {
        var problems = problems
        var problemCount = problemCount
        // Past the end: truncated; within the range read: that record was deleted.
        if let expectedHead, !sawExpectedHead {
            problemCount += 1
            if problems.count < VerificationReport.maximumKeptProblems {
                problems.append(.truncated(expected: expectedHead, last: last?.sequence))
            }
        }
        return VerificationReport(recordCount: recordCount, head: last, problems: problems, problemCount: problemCount)
    }

    /// `previous_hash` must be the genesis hash for record 1 and the stored hash of the record read
    /// just before otherwise. After missing leading records there is nothing to compare with.
    private mutating func checkLink(sequence: Int64, previousHash: String) {
        if sequence == 1 {
            if previousHash != LogHead.genesisHash {
                report(.brokenLink(sequence: sequence, previousSequence: nil, found: previousHash,
                                   expected: LogHead.genesisHash))
            }
        } else if let last, previousHash != last.hash {
            report(.brokenLink(sequence: sequence, previousSequence: last.sequence, found: previousHash,
                               expected: last.hash))
        }
    }

    /// Recomputes the hash from the stored bytes and compares it with the stored hash.
    private mutating func checkContent(sequence: Int64, decisionID: String, bytes: [Data?], storedHash: String?) {
        // request_id (index 2) may be NULL; every other column must be present.
        for index in 1..<bytes.count where index != 2 && bytes[index] == nil {
            report(.malformed(sequence: sequence, column: StoredRow.columns[index]))
            return
        }
        // Only the canonical form: an upper-case rewrite hashes the same bytes and would otherwise show
        // only as a broken link, misnamed as a deleted or reordered record.
        guard let previousText = bytes[9].map({ String(decoding: $0, as: UTF8.self) }),
              let previous = HexDigest(previousText), previous.text == previousText else {
            report(.malformed(sequence: sequence, column: "previous_hash"))
            return
        }
        let fields = ChainHash.StoredFields(
            sequence: sequence,
            decisionID: bytes[1] ?? Data(),
            requestID: bytes[2],
            outcome: bytes[3] ?? Data(),
            failedChecks: bytes[4] ?? Data(),
            bundleDigest: bytes[5] ?? Data(),
            evaluatedAt: bytes[6] ?? Data(),
            decisionJSON: bytes[7] ?? Data(),
            requestJSON: bytes[8] ?? Data()
        )
        let recomputed = ChainHash.hash(previous: previous, fields: fields).text
        if recomputed != storedHash {
            report(.edited(sequence: sequence, decisionID: decisionID, stored: storedHash ?? "", recomputed: recomputed))
        }
    }

    private mutating func report(_ problem: VerificationProblem) {
        problemCount += 1
        if problems.count < VerificationReport.maximumKeptProblems {
            problems.append(problem)
        }
    }
}
