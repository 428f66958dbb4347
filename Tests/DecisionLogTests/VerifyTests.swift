@testable import DecisionLog
import Foundation
import GRDB
import Synchronization
import Testing

@Suite("Verifying the chain")
struct VerifyTests {
    @Test("a clean log verifies, reporting its count, head and progress")
    func cleanLog() async throws {
        try await withTemporaryStore { store, _ in
            let empty = try await store.verify()
            #expect(empty.isOK)
            #expect(empty.recordCount == 0)
            #expect(empty.head == nil)

            // More than one verification batch.
            let count = SQLiteDecisionStore.walkBatchSize + 234
            _ = try await store.append(contentsOf: (1...count).map { makeEntry($0) })
            let seen = Mutex<[Int64]>([])
            let report = try await store.verify(expectedHead: nil) { done in seen.withLock { $0.append(done) } }
            #expect(report.isOK, "\(report)")
            #expect(report.problems.isEmpty)
            #expect(report.recordCount == Int64(count))
            #expect(report.head == (try await store.head()))
            #expect(seen.withLock { $0 } == [Int64(SQLiteDecisionStore.walkBatchSize), Int64(count)])
            #expect(report.description.hasPrefix("ok: \(count) records"))
        }
    }

    @Test("an edited row is named with its decision id")
    func editedRow() async throws {
        try await withTemporaryStore { store, path in
            let records = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try #require(records.count == 5)
            try tamper(path) { db in
                try db.execute(sql: #"UPDATE decisions SET decision_json = CAST('{"outcome":"allow"}' AS BLOB) WHERE sequence = 3"#)
            }
            let report = try await store.verify()
            #expect(!report.isOK)
            #expect(report.problems.count == 1)
            let problem = try #require(report.problems.first)
            #expect(problem.kind == .edited)
            #expect(problem.sequence == 3)
            #expect(problem.decisionID == "dec-3")
            #expect(problem.description.hasPrefix("record 3 (decision dec-3): content edited — stored hash \(records[2].hash.prefix(16))…"))
            #expect(!problem.description.contains("allow"))
        }
    }

    @Test("an edit whose hash is recomputed breaks the next record's link")
    func rehashedEdit() async throws {
        try await withTemporaryStore { store, path in
            let records = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try #require(records.count == 5)
            var forged = makeEntry(3, outcome: "allow", checks: [])
            forged.evaluatedAt = records[2].entry.evaluatedAt
            let prepared = try PreparedEntry(forged)
            let hash = ChainHash.hash(
                previous: try #require(HexDigest(records[1].hash)), fields: prepared.storedFields(sequence: 3)
            ).text
            let forgedJSON = forged.decisionJSON
            try tamper(path) { db in
                try db.execute(sql: """
                    UPDATE decisions SET outcome = ?, failed_checks = ?, decision_json = ?, hash = ? WHERE sequence = 3
                    """, arguments: ["allow", prepared.failedChecksText, forgedJSON, hash])
            }
            let report = try await store.verify()
            #expect(report.problems.map(\.kind) == [.brokenLink])
            #expect(report.problems.first?.sequence == 4)
            #expect(report.problems.first?.relatedSequence == 3)
        }
    }

    @Test("a deleted middle row shows as a gap and a broken link naming both neighbours")
    func deletedRow() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try tamper(path) { db in try db.execute(sql: "DELETE FROM decisions WHERE sequence = 3") }
            let report = try await store.verify()
            #expect(report.recordCount == 4)
            try #require(report.problems.map(\.kind) == [.gap, .brokenLink])
            #expect(report.problems[0].sequence == 3)
            #expect(report.problems[0].description == "record 3 missing (before record 4)")
            #expect(report.problems[1].sequence == 4)
            #expect(report.problems[1].relatedSequence == 2)
            #expect(report.problems[1].description.contains("record 4: broken link"))
            #expect(report.problems[1].description.contains("record 2's hash"))
        }
    }

    @Test("deleting the first records is a gap at the start")
    func deletedStart() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try tamper(path) { db in try db.execute(sql: "DELETE FROM decisions WHERE sequence <= 2") }
            let report = try await store.verify()
            #expect(report.problems.map(\.kind) == [.gap])
            #expect(report.problems.first?.description == "records 1–2 missing (before record 3)")
        }
    }

    @Test("a swapped pair of records is detected at both records")
    func swappedPair() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try tamper(path) { db in
                try db.execute(sql: """
                    UPDATE decisions SET sequence = -1 WHERE sequence = 2;
                    UPDATE decisions SET sequence = 2 WHERE sequence = 3;
                    UPDATE decisions SET sequence = 3 WHERE sequence = -1;
                    """)
            }
            let report = try await store.verify()
            #expect(!report.isOK)
            #expect(report.recordCount == 5)
            let kindsBySequence = Dictionary(grouping: report.problems, by: \.sequence).mapValues { Set($0.map(\.kind)) }
            #expect(kindsBySequence[2] == [.edited, .brokenLink])
            #expect(kindsBySequence[3] == [.edited, .brokenLink])
            #expect(kindsBySequence[4] == [.brokenLink])
            #expect(kindsBySequence[1] == nil)
            #expect(kindsBySequence[5] == nil)
        }
    }

    @Test("a truncated tail is invisible to the chain alone and caught with the expected head")
    func truncatedTail() async throws {
        try await withTemporaryStore { store, path in
            let records = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try #require(records.count == 5)
            let remembered = try #require(try await store.head())
            #expect(remembered == records[4].head)
            try tamper(path) { db in try db.execute(sql: "DELETE FROM decisions WHERE sequence >= 4") }

            #expect(try await store.verify().isOK)

            let report = try await store.verify(expectedHead: remembered)
            #expect(report.problems.map(\.kind) == [.truncated])
            #expect(report.problems.first?.sequence == 5)
            #expect(report.problems.first?.relatedSequence == 3)
            #expect(report.problems.first?.description.contains("the log ends at record 3") == true)
        }
    }

    @Test("a tail replaced by new records fails the expected head's hash")
    func rewrittenTail() async throws {
        try await withTemporaryStore { store, path in
            let records = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try #require(records.count == 5)
            // A careful forger also removes the index rows, or the next append would collide with them.
            try tamper(path) { db in
                try db.execute(sql: "DELETE FROM decision_checks WHERE sequence >= 4; DELETE FROM decisions WHERE sequence >= 4")
            }
            _ = try await store.append(contentsOf: (6...8).map { makeEntry($0) })

            #expect(try await store.verify().isOK)
            let report = try await store.verify(expectedHead: records[4].head)
            #expect(report.problems.map(\.kind) == [.headMismatch])
            #expect(report.problems.first?.sequence == 5)
        }
    }

    @Test("an expected head older than the current head passes: the log may grow")
    func expectedHeadInGrownLog() async throws {
        try await withTemporaryStore { store, _ in
            let early = try await store.append(makeEntry(1))
            _ = try await store.append(contentsOf: (2...4).map { makeEntry($0) })
            #expect(try await store.verify(expectedHead: early.head).isOK)
            let wrong = LogHead(sequence: 1, hash: String(repeating: "f", count: 64))
            #expect(try await store.verify(expectedHead: wrong).problems.map(\.kind) == [.headMismatch])
        }
    }

    @Test("an emptied log fails an expected head")
    func emptiedLog() async throws {
        try await withTemporaryStore { store, path in
            let record = try await store.append(makeEntry(1))
            try tamper(path) { db in try db.execute(sql: "DELETE FROM decisions") }
            let report = try await store.verify(expectedHead: record.head)
            #expect(report.problems.map(\.kind) == [.truncated])
            #expect(report.problems.first?.description.contains("the log is empty") == true)
        }
    }

    @Test("a malformed previous hash is reported, not a crash")
    func malformedPreviousHash() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...3).map { makeEntry($0) })
            try tamper(path) { db in try db.execute(sql: "UPDATE decisions SET previous_hash = 'zz' WHERE sequence = 2") }
            let report = try await store.verify()
            #expect(Set(report.problems.map(\.kind)) == [.brokenLink, .malformed])
            #expect(report.problems.allSatisfy { $0.sequence == 2 })
        }
    }

    @Test("a hand-inserted row before record 1 is reported")
    func rowBeforeGenesis() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...2).map { makeEntry($0) })
            try tamper(path) { db in
                try db.execute(sql: """
                    INSERT INTO decisions SELECT 0, 'dec-0', request_id, outcome, failed_checks, bundle_digest,
                        evaluated_at, decision_json, request_json, previous_hash, hash FROM decisions WHERE sequence = 1
                    """)
            }
            let report = try await store.verify()
            #expect(report.recordCount == 3)
            #expect(report.problems.contains { $0.kind == .malformed && $0.sequence == 0 })
            #expect(report.problems.contains { $0.kind == .edited && $0.sequence == 0 })
        }
    }

    @Test("a hand-inserted row at a negative sequence is named alone, without an invented gap after it")
    func rowAtNegativeSequence() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...3).map { makeEntry($0) })
            try tamper(path) { db in
                try db.execute(sql: """
                    INSERT INTO decisions SELECT -5, 'dec-neg', request_id, outcome, failed_checks, bundle_digest,
                        evaluated_at, decision_json, request_json, previous_hash, hash FROM decisions WHERE sequence = 2
                    """)
            }
            let report = try await store.verify()
            #expect(report.recordCount == 4)
            #expect(Set(report.problems.map(\.kind)) == [.malformed, .edited])
            #expect(report.problems.allSatisfy { $0.sequence == -5 }, "\(report.problems.map(\.description))")
        }
    }

    @Test("an expected head whose record was deleted from the middle is named as deleted")
    func expectedHeadDeleted() async throws {
        try await withTemporaryStore { store, path in
            let records = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            try tamper(path) { db in try db.execute(sql: "DELETE FROM decisions WHERE sequence = 3") }
            let report = try await store.verify(expectedHead: records[2].head)
            #expect(report.problems.map(\.kind) == [.gap, .brokenLink, .truncated])
            #expect(report.problems.last?.description.contains("is gone although the log goes on to record 5") == true,
                    "\(report.problems.map(\.description))")
        }
    }

    @Test("a previous hash rewritten in upper case is malformed, not a reordering")
    func upperCasePreviousHash() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(contentsOf: (1...3).map { makeEntry($0) })
            try tamper(path) { db in try db.execute(sql: "UPDATE decisions SET previous_hash = upper(previous_hash) WHERE sequence = 2") }
            let report = try await store.verify()
            #expect(report.problems.contains { $0.kind == .malformed && $0.sequence == 2 }, "\(report.problems.map(\.description))")
        }
    }

    @Test("a hand-inserted row at the largest sequence is reported and stops appends, without a crash")
    func rowAtMaximumSequence() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(makeEntry(1))
            try tamper(path) { db in
                try db.execute(sql: """
                    INSERT INTO decisions SELECT 9223372036854775807, 'dec-max', request_id, outcome, failed_checks,
                        bundle_digest, evaluated_at, decision_json, request_json, hash, hash FROM decisions WHERE sequence = 1
                    """)
            }
            let report = try await store.verify()
            #expect(report.problems.map(\.kind) == [.gap, .edited])
            #expect(report.problems.first?.relatedSequence == Int64.max - 1)
            let error = await decisionLogError { _ = try await store.append(makeEntry(2)) }
            #expect(error?.code == .corruptRecord)
        }
    }

    @Test("LogHead text form round-trips and rejects junk", arguments: ["", "5", "x:y", "0:\(String(repeating: "a", count: 64))", "5:abc"])
    func headParsing(junk: String) {
        #expect(LogHead(junk) == nil)
        let head = LogHead(sequence: 42, hash: String(repeating: "c", count: 64))
        #expect(LogHead(head.description) == head)
    }
}
