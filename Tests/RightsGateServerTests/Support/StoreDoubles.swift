import DecisionLog
import Foundation

/// A store whose appends always fail, as when the disk is full or the file was made read-only (the tests
/// run as root, for whom `chmod` does not stop writes, so the failure is simulated here). Reads go to a
/// real store so that the test can check nothing was written.
struct FailingStore: DecisionStore {
    let reads: any DecisionStore
    struct AppendFailed: Error {}

    func append(_ entry: LogEntry) async throws -> LogRecord { throw AppendFailed() }
    func append(contentsOf entries: [LogEntry]) async throws -> [LogRecord] { throw AppendFailed() }
    func record(decisionID: String) async throws -> LogRecord? { try await reads.record(decisionID: decisionID) }
    func records(matching query: LogQuery) async throws -> LogPage { try await reads.records(matching: query) }
    func verify(expectedHead: LogHead?, progress: (@Sendable (Int64) -> Void)?) async throws -> VerificationReport {
        try await reads.verify(expectedHead: expectedHead, progress: progress)
    }
    func export(matching filter: LogFilter, to write: @Sendable (Data) async throws -> Void) async throws -> Int {
        try await reads.export(matching: filter, to: write)
    }
    func head() async throws -> LogHead? { try await reads.head() }
}

/// A store whose appends take `delay` before going to a real store: a disk that hangs.
struct SlowStore: DecisionStore {
    let base: any DecisionStore
    let delay: Duration

    func append(_ entry: LogEntry) async throws -> LogRecord {
        try await Task.sleep(for: delay)
        return try await base.append(entry)
    }
    func append(contentsOf entries: [LogEntry]) async throws -> [LogRecord] {
        try await Task.sleep(for: delay)
        return try await base.append(contentsOf: entries)
    }
    func record(decisionID: String) async throws -> LogRecord? { try await base.record(decisionID: decisionID) }
    func records(matching query: LogQuery) async throws -> LogPage { try await base.records(matching: query) }
    func verify(expectedHead: LogHead?, progress: (@Sendable (Int64) -> Void)?) async throws -> VerificationReport {
        try await base.verify(expectedHead: expectedHead, progress: progress)
    }
    func export(matching filter: LogFilter, to write: @Sendable (Data) async throws -> Void) async throws -> Int {
        try await base.export(matching: filter, to: write)
    }
    func head() async throws -> LogHead? { try await base.head() }
}

/// A store that refuses everything, for tests that never reach the log.
struct NullStore: DecisionStore {
    struct Unavailable: Error {}

    func append(_ entry: LogEntry) async throws -> LogRecord { throw Unavailable() }
    func append(contentsOf entries: [LogEntry]) async throws -> [LogRecord] { throw Unavailable() }
    func record(decisionID: String) async throws -> LogRecord? { throw Unavailable() }
    func records(matching query: LogQuery) async throws -> LogPage { throw Unavailable() }
    func verify(expectedHead: LogHead?, progress: (@Sendable (Int64) -> Void)?) async throws -> VerificationReport {
        throw Unavailable()
    }
    func export(matching filter: LogFilter, to write: @Sendable (Data) async throws -> Void) async throws -> Int {
        throw Unavailable()
    }
    func head() async throws -> LogHead? { throw Unavailable() }
}
