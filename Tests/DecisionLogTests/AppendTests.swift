import DecisionLog
import Foundation
import Testing

@Suite("Appending")
struct AppendTests {
    @Test("records get contiguous sequences, each linked to the previous hash")
    func appendsChain() async throws {
        try await withTemporaryStore { store, _ in
            var records: [LogRecord] = []
            for number in 1...3 {
                records.append(try await store.append(makeEntry(number)))
            }
            #expect(records.map(\.sequence) == [1, 2, 3])
            #expect(records[0].previousHash == LogHead.genesisHash)
            #expect(records[1].previousHash == records[0].hash)
            #expect(records[2].previousHash == records[1].hash)
            #expect(Set(records.map(\.hash)).count == 3)
            #expect(records.allSatisfy { $0.hash.count == 64 })
            #expect(try await store.head() == records[2].head)
            #expect(try await store.record(decisionID: "dec-2") == records[1])
        }
    }

    @Test("an empty log has no head and no records")
    func emptyLog() async throws {
        try await withTemporaryStore { store, _ in
            let head = try await store.head()
            let record = try await store.record(decisionID: "dec-1")
            let appended = try await store.append(contentsOf: [])
            #expect(head == nil)
            #expect(record == nil)
            #expect(appended.isEmpty)
        }
    }

    @Test("the stored entry is normalised: time to whole ms, checks sorted and unique")
    func normalisesEntry() async throws {
        try await withTemporaryStore { store, _ in
            var entry = makeEntry(1, checks: ["b.check", "a.check", "b.check"])
            entry.evaluatedAt = Date(timeIntervalSince1970: 1_780_000_000.123_456)
            entry.requestID = nil
            let record = try await store.append(entry)
            #expect(record.entry.failedChecks == ["a.check", "b.check"])
            #expect(abs(record.entry.evaluatedAt.timeIntervalSince1970 - 1_780_000_000.123) < 0.000_001)
            #expect(record.entry.requestID == nil)
            #expect(try await store.record(decisionID: "dec-1") == record)
        }
    }

    static let invalidEntries: [(String, LogEntry)] = {
        var cases: [(String, LogEntry)] = []
        var entry = makeEntry(1)
        entry.decisionID = ""
        cases.append(("`decision_id` is empty", entry))
        entry = makeEntry(1, outcome: "maybe")
        cases.append(("`outcome` is not one of", entry))
        entry = makeEntry(1)
        entry.bundleDigest = "sha256:1234"
        cases.append(("`bundle_digest`", entry))
        entry = makeEntry(1, checks: ["ok", ""])
        cases.append(("`failed_checks` has an empty id", entry))
        entry = makeEntry(1)
        entry.evaluatedAt = Date(timeIntervalSince1970: 1e12)
        cases.append(("`evaluated_at`", entry))
        entry = makeEntry(1)
        entry.decisionJSON = Data("{not json".utf8)
        cases.append(("`decision_json` is not a JSON object", entry))
        entry = makeEntry(1)
        entry.requestJSON = Data("[1,2]".utf8)
        cases.append(("`request_json` is not a JSON object", entry))
        // SQLite would store these texts only up to the NUL while the chain hashes every byte.
        entry = makeEntry(1)
        entry.requestID = "abc\u{0}def"
        cases.append(("`request_id` contains a NUL character", entry))
        entry = makeEntry(1)
        entry.decisionID = "dec\u{0}1"
        cases.append(("`decision_id` contains a NUL character", entry))
        entry = makeEntry(1, checks: ["ok\u{0}"])
        cases.append(("`failed_checks` contains a NUL character", entry))
        return cases
    }()

    @Test("invalid entries are refused before anything is written", arguments: invalidEntries)
    func refusesInvalidEntry(reason: String, entry: LogEntry) async throws {
        try await withTemporaryStore { store, _ in
            let error = await decisionLogError { _ = try await store.append(entry) }
            #expect(error?.code == .invalidEntry)
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
            let head = try await store.head()
            #expect(head == nil)
        }
    }

    @Test("a duplicate decision id is refused and names the decision, never its content")
    func refusesDuplicate() async throws {
        try await withTemporaryStore { store, _ in
            let first = try await store.append(makeEntry(1))
            let error = await decisionLogError { _ = try await store.append(makeEntry(1)) }
            #expect(error?.code == .duplicateDecisionID)
            #expect(error?.description.contains("dec-1") == true)
            #expect(error?.description.contains("secret") == false)
            #expect(try await store.head() == first.head)
        }
    }

    @Test("a batch is all or nothing: one duplicate fails it and writes nothing")
    func batchIsAtomic() async throws {
        try await withTemporaryStore { store, _ in
            let before = try await store.append(contentsOf: [makeEntry(1), makeEntry(2)])
            let batch = [makeEntry(3, checks: ["only.in.batch"]), makeEntry(1), makeEntry(4)]
            let error = await decisionLogError { _ = try await store.append(contentsOf: batch) }
            #expect(error?.code == .duplicateDecisionID)
            #expect(try await store.head() == before[1].head)
            #expect(try await store.record(decisionID: "dec-3") == nil)
            #expect(try await store.record(decisionID: "dec-4") == nil)
            #expect(try await store.records(matching: LogQuery(check: "only.in.batch")).items.isEmpty)
            // The chain goes on from where it was.
            let next = try await store.append(makeEntry(3))
            #expect(next.sequence == 3)
            #expect(next.previousHash == before[1].hash)
            #expect(try await store.verify().isOK)
        }
    }

    @Test("a batch's records are returned in order and stored together")
    func batchAppend() async throws {
        try await withTemporaryStore { store, _ in
            let records = try await store.append(contentsOf: (1...5).map { makeEntry($0) })
            #expect(records.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(records.map(\.entry.decisionID) == (1...5).map { "dec-\($0)" })
            #expect(try await allRecords(store) == records)
        }
    }

    @Test("reopening the file continues the chain from its head")
    func reopenContinuesChain() async throws {
        try await withTemporaryLogPath { path in
            let last: LogRecord
            do {
                let store = try SQLiteDecisionStore(path: path, logger: .silent)
                last = try await store.append(contentsOf: (1...3).map { makeEntry($0) })[2]
            }
            let reopened = try SQLiteDecisionStore(path: path, logger: .silent)
            #expect(try await reopened.head() == last.head)
            let next = try await reopened.append(makeEntry(4))
            #expect(next.sequence == 4)
            #expect(next.previousHash == last.hash)
            let report = try await reopened.verify()
            #expect(report.isOK)
            #expect(report.recordCount == 4)
        }
    }

    @Test("the table refuses UPDATE and DELETE while its triggers are in place")
    func triggersMakeTableAppendOnly() async throws {
        try await withTemporaryStore { store, path in
            _ = try await store.append(makeEntry(1))
            let queue = try GRDBQueue(path: path)
            #expect(throws: (any Error).self) { try queue.execute("UPDATE decisions SET outcome = 'allow'") }
            #expect(throws: (any Error).self) { try queue.execute("DELETE FROM decisions") }
            #expect(throws: (any Error).self) { try queue.execute("DELETE FROM decision_checks") }
            #expect(try await store.record(decisionID: "dec-1")?.entry.outcome == "deny")
        }
    }

    @Test("opening a path that cannot be a database fails with log.open")
    func openFailure() async throws {
        try await withTemporaryLogPath { path in
            let directory = (path as NSString).deletingLastPathComponent
            let error = await decisionLogError { _ = try SQLiteDecisionStore(path: directory, logger: .silent) }
            #expect(error?.code == .open)
        }
    }
}
