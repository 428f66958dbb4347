import DecisionLog
import Foundation
import Synchronization
import Testing

@Suite("Export")
struct ExportTests {
    /// Collects what the store writes.
    final class Sink: Sendable {
        private let chunks = Mutex<[Data]>([])
        func write(_ chunk: Data) { chunks.withLock { $0.append(chunk) } }
        var lines: [Substring] {
            let text = String(decoding: chunks.withLock { $0.reduce(Data(), +) }, as: UTF8.self)
            return text.split(separator: "\n", omittingEmptySubsequences: false)
        }
    }

    static let keys = [
        "sequence", "decision_id", "request_id", "outcome", "failed_checks", "bundle_digest", "evaluated_at",
        "decision", "request", "previous_hash", "hash",
    ]

    @Test("one JSON line per record, with every key in order and the documents embedded as objects")
    func linesAndKeys() async throws {
        try await withTemporaryStore { store, _ in
            var withoutRequestID = makeEntry(2, outcome: "allow", checks: [])
            withoutRequestID.requestID = nil
            let records = try await store.append(contentsOf: [makeEntry(1), withoutRequestID])
            let sink = Sink()
            let count = try await store.export(matching: LogFilter()) { sink.write($0) }
            #expect(count == 2)
            let lines = sink.lines
            try #require(lines.count == 3)
            #expect(lines.last == "")

            for (line, record) in zip(lines, records) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(Set(object.keys) == Set(Self.keys))
                let positions = Self.keys.compactMap { line.range(of: "\"\($0)\":")?.lowerBound }
                #expect(positions == positions.sorted(), "keys out of order in \(line)")
                #expect(object["sequence"] as? Int == Int(record.sequence))
                #expect(object["decision_id"] as? String == record.entry.decisionID)
                #expect(object["outcome"] as? String == record.entry.outcome)
                #expect(object["failed_checks"] as? [String] == record.entry.failedChecks)
                #expect(object["bundle_digest"] as? String == record.entry.bundleDigest)
                #expect(object["evaluated_at"] as? String == "2026-05-28T20:26:40.000Z")
                #expect(object["previous_hash"] as? String == record.previousHash)
                #expect(object["hash"] as? String == record.hash)
                let decision = try #require(object["decision"] as? [String: Any])
                #expect(decision["decision_id"] as? String == record.entry.decisionID)
                let request = try #require(object["request"] as? [String: Any])
                #expect(request["content"] as? String == "secret-\(record.sequence)")
            }
            let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
            #expect(second?["request_id"] is NSNull)
            #expect(lines[0].contains(#""request_id":"req-1""#))
            // The stored bytes are embedded verbatim, not re-serialised.
            #expect(lines[0].contains(#""decision":{"decision_id":"dec-1","outcome":"deny"}"#))
        }
    }

    @Test("a filter selects what is exported, across more than one page")
    func filteredAndPaged() async throws {
        try await withTemporaryStore { store, _ in
            let total = 2500
            _ = try await store.append(contentsOf: (1...total).map { number in
                makeEntry(number, outcome: number.isMultiple(of: 2) ? "deny" : "allow")
            })
            let all = Sink()
            #expect(try await store.export(matching: LogFilter()) { all.write($0) } == total)
            let sequences = all.lines.dropLast().compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["sequence"] as? Int
            }
            #expect(sequences == Array(1...total))

            let denies = Sink()
            #expect(try await store.export(matching: LogFilter(outcome: "deny")) { denies.write($0) } == total / 2)
            #expect(denies.lines.dropLast().allSatisfy { $0.contains(#""outcome":"deny""#) })
        }
    }

    @Test("line breaks inside stored JSON do not split a record across lines")
    func prettyPrintedJSON() async throws {
        try await withTemporaryStore { store, _ in
            var entry = makeEntry(1)
            entry.requestJSON = Data("{\r\n  \"id\": \"req-1\",\n  \"note\": \"a\\nb\"\n}".utf8)
            _ = try await store.append(entry)
            let sink = Sink()
            _ = try await store.export(matching: LogFilter()) { sink.write($0) }
            try #require(sink.lines.count == 2)
            let object = try JSONSerialization.jsonObject(with: Data(sink.lines[0].utf8)) as? [String: Any]
            let request = object?["request"] as? [String: Any]
            #expect(request?["note"] as? String == "a\nb")
        }
    }

    @Test("a writer's error stops the export and reaches the caller")
    func writerError() async throws {
        struct Closed: Error {}
        try await withTemporaryStore { store, _ in
            _ = try await store.append(makeEntry(1))
            await #expect(throws: Closed.self) {
                _ = try await store.export(matching: LogFilter()) { _ in throw Closed() }
            }
        }
    }

    @Test("export to a file handle")
    func fileHandle() async throws {
        try await withTemporaryLogPath { path in
            let store = try SQLiteDecisionStore(path: path, logger: .silent)
            _ = try await store.append(contentsOf: (1...3).map { makeEntry($0) })
            let output = path + ".jsonl"
            #expect(FileManager.default.createFile(atPath: output, contents: nil))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            #expect(try await store.export(to: handle) == 3)
            try handle.close()
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(text.split(separator: "\n").count == 3)
        }
    }
}
