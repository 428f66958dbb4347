import DecisionLog
import Foundation
import Testing

@Suite("Querying")
struct QueryTests {
    /// 30 records: outcomes cycle deny, allow, escalate; every third has check `c.three`, every
    /// fifth `c.five`; one minute apart from `start`.
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func fill(_ store: SQLiteDecisionStore) async throws -> [LogRecord] {
        let entries = (1...30).map { number in
            var checks: [String] = []
            if number % 3 == 0 { checks.append("c.three") }
            if number % 5 == 0 { checks.append("c.five") }
            return makeEntry(
                number,
                outcome: ["deny", "allow", "escalate"][number % 3],
                checks: checks,
                evaluatedAt: start.addingTimeInterval(Double(number) * 60)
            )
        }
        let records = try await store.append(contentsOf: entries)
        try #require(records.count == 30)
        return records
    }

    @Test("pages walk every record in sequence order, then stop")
    func paging() async throws {
        try await withTemporaryStore { store, _ in
            let records = try await Self.fill(store)
            let first = try await store.records(matching: LogQuery(limit: 12))
            #expect(first.items == Array(records[0..<12]))
            #expect(first.nextCursor == 12)
            let second = try await store.records(matching: LogQuery(limit: 12, cursor: first.nextCursor))
            #expect(second.items == Array(records[12..<24]))
            let third = try await store.records(matching: LogQuery(limit: 12, cursor: second.nextCursor))
            #expect(third.items == Array(records[24..<30]))
            #expect(third.nextCursor == nil)
            // Exactly a page's worth left: no empty extra page is promised.
            let exact = try await store.records(matching: LogQuery(limit: 6, cursor: 24))
            #expect(exact.items.count == 6)
            #expect(exact.nextCursor == nil)
            #expect(try await store.records(matching: LogQuery()).items.count == 30)
        }
    }

    @Test("filter by outcome")
    func byOutcome() async throws {
        try await withTemporaryStore { store, _ in
            let records = try await Self.fill(store)
            let page = try await store.records(matching: LogQuery(outcome: "escalate"))
            #expect(page.items == records.filter { $0.entry.outcome == "escalate" })
            #expect(page.items.count == 10)
        }
    }

    @Test("filter by check, across pages")
    func byCheck() async throws {
        try await withTemporaryStore { store, _ in
            let records = try await Self.fill(store)
            let expected = records.filter { $0.entry.failedChecks.contains("c.five") }
            #expect(expected.map(\.sequence) == [5, 10, 15, 20, 25, 30])
            let first = try await store.records(matching: LogQuery(check: "c.five", limit: 4))
            #expect(first.items == Array(expected[0..<4]))
            #expect(first.nextCursor == 20)
            let second = try await store.records(matching: LogQuery(check: "c.five", limit: 4, cursor: first.nextCursor))
            #expect(second.items == Array(expected[4...]))
            #expect(second.nextCursor == nil)
            #expect(try await store.records(matching: LogQuery(check: "c.none")).items.isEmpty)
        }
    }

    @Test("filter by since is inclusive and combines with the other filters")
    func bySince() async throws {
        try await withTemporaryStore { store, _ in
            let records = try await Self.fill(store)
            let since = Self.start.addingTimeInterval(25 * 60)
            let page = try await store.records(matching: LogQuery(since: since))
            #expect(page.items == Array(records[24...]))
            let combined = try await store.records(matching: LogQuery(since: since, outcome: "deny", check: "c.three"))
            #expect(combined.items.map(\.sequence) == [27, 30])
        }
    }

    @Test("limit must be 1 through 1000, and the cursor not negative", arguments: [
        LogQuery(limit: 0), LogQuery(limit: 1001), LogQuery(limit: 10, cursor: -1),
    ])
    func rejectsBadQuery(query: LogQuery) async throws {
        try await withTemporaryStore { store, _ in
            let error = await decisionLogError { _ = try await store.records(matching: query) }
            #expect(error?.code == .invalidQuery)
        }
    }

    @Test("the default page size is 100")
    func defaultLimit() async throws {
        try await withTemporaryStore { store, _ in
            _ = try await store.append(contentsOf: (1...150).map { makeEntry($0) })
            let page = try await store.records(matching: LogQuery())
            #expect(page.items.count == 100)
            #expect(page.nextCursor == 100)
        }
    }
}
