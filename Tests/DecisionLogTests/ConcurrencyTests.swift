import DecisionLog
import Foundation
import Logging
import Testing

@Suite("Concurrent appends")
struct ConcurrencyTests {
    @Test("200 concurrent appends all land, contiguous and chained")
    func concurrentAppends() async throws {
        try await withTemporaryStore { store, _ in
            let returned = try await withThrowingTaskGroup(of: LogRecord.self) { group in
                for number in 1...200 {
                    group.addTask { try await store.append(makeEntry(number)) }
                }
                return try await group.reduce(into: [LogRecord]()) { $0.append($1) }
            }
            #expect(returned.count == 200)
            #expect(returned.map(\.sequence).sorted() == Array(1...200))
            #expect(Set(returned.map(\.entry.decisionID)).count == 200)

            let stored = try await allRecords(store)
            #expect(stored.map(\.sequence) == Array(1...200))
            #expect(Set(stored) == Set(returned))
            for (previous, record) in zip(stored, stored.dropFirst()) {
                #expect(record.previousHash == previous.hash)
            }
            let report = try await store.verify()
            #expect(report.isOK, "\(report)")
            #expect(report.recordCount == 200)
        }
    }

    @Test("concurrent appends share write transactions (group commit)")
    func groupCommit() async throws {
        let label = "DecisionLogTests.\(UUID().uuidString)"
        let logger = Logger(label: label) { CapturingLogHandler(label: $0) }
        try await withTemporaryStore(logger: logger) { store, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 1...200 {
                    group.addTask { _ = try await store.append(makeEntry(number)) }
                }
                try await group.waitForAll()
            }
        }
        let groups = CapturingLogHandler.events.withLock { $0[label] ?? [] }
            .filter { $0.message == "decision log group committed" }
        #expect(!groups.isEmpty)
        #expect(groups.count < 200, "every append had a transaction of its own")
    }

    @Test("a duplicate among concurrent appends fails only its own caller")
    func duplicateFailsAlone() async throws {
        try await withTemporaryStore { store, _ in
            _ = try await store.append(makeEntry(0))
            // Every tenth caller re-sends dec-0; the rest are new and must all be written.
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for number in 1...100 {
                    group.addTask {
                        let entry = number % 10 == 0 ? makeEntry(0) : makeEntry(number)
                        return (number, (try? await store.append(entry)) != nil)
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            for (number, succeeded) in outcomes {
                #expect(succeeded == (number % 10 != 0), "caller \(number)")
            }
            let report = try await store.verify()
            #expect(report.isOK, "\(report)")
            #expect(report.recordCount == 91)
        }
    }

    @Test("two stores on one file append into a single chain")
    func twoStoresOneFile() async throws {
        try await withTemporaryLogPath { path in
            let first = try SQLiteDecisionStore(path: path, logger: .silent)
            let second = try SQLiteDecisionStore(path: path, logger: .silent)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 1...100 {
                    let store = number.isMultiple(of: 2) ? first : second
                    group.addTask { _ = try await store.append(makeEntry(number)) }
                }
                try await group.waitForAll()
            }
            let report = try await first.verify()
            #expect(report.isOK, "\(report)")
            #expect(report.recordCount == 100)
            #expect(try await second.head() == report.head)
        }
    }
}
