import DecisionLog
import Foundation
import GRDB
import Logging
import Testing

/// A fresh database file in its own temporary directory, removed when the test's closure returns.
func withTemporaryLogPath<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("DecisionLogTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory.appendingPathComponent("decisions.sqlite").path)
}

/// A fresh store on a fresh database.
func withTemporaryStore<T>(
    logger: Logger = .silent, _ body: (SQLiteDecisionStore, String) async throws -> T
) async throws -> T {
    try await withTemporaryLogPath { path in
        try await body(try SQLiteDecisionStore(path: path, logger: logger), path)
    }
}

extension Logger {
    /// A logger that drops everything: the library must never build its own.
    static let silent = Logger(label: "DecisionLogTests") { _ in SwiftLogNoOpLogHandler() }
}

/// A valid entry whose fields all derive from `number`, so tests can tell entries apart.
/// The request JSON holds `secret-<number>` so tests can check it never leaks into messages.
func makeEntry(
    _ number: Int,
    outcome: String = "deny",
    checks: [String] = ["ban.unconstitutional"],
    requestID: String? = nil,
    evaluatedAt: Date = Date(timeIntervalSince1970: 1_780_000_000)
) -> LogEntry {
    let id = "dec-\(number)"
    return LogEntry(
        decisionID: id,
        requestID: requestID ?? "req-\(number)",
        outcome: outcome,
        failedChecks: checks,
        bundleDigest: "sha256:" + String(repeating: "ab", count: 32),
        evaluatedAt: evaluatedAt,
        decisionJSON: Data(#"{"decision_id":"\#(id)","outcome":"\#(outcome)"}"#.utf8),
        requestJSON: Data(#"{"id":"req-\#(number)","content":"secret-\#(number)"}"#.utf8)
    )
}

/// Opens the file behind the store's back, as an attacker with file access would: no triggers,
/// no foreign keys.
func tamper(_ path: String, _ change: @escaping @Sendable (Database) throws -> Void) throws {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.write { db in
        for trigger in ["decisions_no_update", "decisions_no_delete", "decision_checks_no_update",
                        "decision_checks_no_delete"] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
        }
        try change(db)
    }
    try queue.close()
}

/// Every record of the log, through the public paging API.
func allRecords(_ store: some DecisionStore, filter: LogFilter = LogFilter()) async throws -> [LogRecord] {
    var query = LogQuery(filter: filter, limit: LogQuery.maximumLimit)
    var records: [LogRecord] = []
    while true {
        let page = try await store.records(matching: query)
        records += page.items
        guard let cursor = page.nextCursor else { return records }
        query.cursor = cursor
    }
}

/// Runs `body` and returns the `DecisionLogError` it throws; records an issue when it throws
/// something else or nothing.
func decisionLogError(_ body: () async throws -> Void) async -> DecisionLogError? {
    do {
        try await body()
        Issue.record("expected a DecisionLogError, nothing was thrown")
        return nil
    } catch let error as DecisionLogError {
        return error
    } catch {
        Issue.record("expected a DecisionLogError, got \(error)")
        return nil
    }
}

/// Plain SQL against the file, triggers left in place.
struct GRDBQueue {
    let queue: DatabaseQueue

    init(path: String) throws {
        queue = try DatabaseQueue(path: path)
    }

    func execute(_ sql: String) throws {
        try queue.write { try $0.execute(sql: sql) }
    }
}
