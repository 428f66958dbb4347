public import Foundation

/// An append-only, hash-chained store of decisions: the gate's durable record of what it decided.
///
/// The protocol is what the server, the CLI and replay depend on, so that the embedded SQLite store
/// can be swapped for a shared database when the gate runs as several instances (DESIGN §6).
public protocol DecisionStore: Sendable {
    /// Appends one entry and returns only once its record is durable (committed and fsync'd).
    ///
    /// Throws on any failure. The caller must then not report the decision: the gate fails closed.
    func append(_ entry: LogEntry) async throws -> LogRecord

    /// Appends entries in one transaction: either all of them become durable, in order, or none do.
    func append(contentsOf entries: [LogEntry]) async throws -> [LogRecord]

    /// The record for a decision id, or nil if the log has none.
    func record(decisionID: String) async throws -> LogRecord?

    /// One page of records matching a query, in sequence order.
    func records(matching query: LogQuery) async throws -> LogPage

    /// Walks the whole log in sequence order, recomputing every hash, and reports every problem.
    ///
    /// - Parameters:
    ///   - expectedHead: A head recorded earlier outside the log; when given, the record at its
    ///     sequence must still exist with its hash, which detects records removed from the end.
    ///   - progress: Called now and then with the number of records checked so far.
    func verify(expectedHead: LogHead?, progress: (@Sendable (Int64) -> Void)?) async throws -> VerificationReport

    /// Writes matching records as JSON Lines, one record per line, in sequence order, and returns
    /// how many were written. `write` receives chunks of whole lines.
    func export(matching filter: LogFilter, to write: @Sendable (Data) async throws -> Void) async throws -> Int

    /// The last record's sequence and hash, or nil for an empty log.
    func head() async throws -> LogHead?
}

extension DecisionStore {
    /// Verifies the whole chain with no expected head and no progress reports.
    public func verify() async throws -> VerificationReport {
        try await verify(expectedHead: nil, progress: nil)
    }

    /// Verifies the whole chain against a head recorded earlier.
    public func verify(expectedHead: LogHead) async throws -> VerificationReport {
        try await verify(expectedHead: expectedHead, progress: nil)
    }

    /// Exports matching records as JSON Lines to a file handle (for example standard output).
    public func export(matching filter: LogFilter = LogFilter(), to handle: FileHandle) async throws -> Int {
        try await export(matching: filter) { chunk in try handle.write(contentsOf: chunk) }
    }
}
