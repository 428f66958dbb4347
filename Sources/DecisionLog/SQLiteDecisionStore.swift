import Foundation
import GRDB
public import Logging

/// The default ``DecisionStore``: one SQLite file in WAL mode, written through GRDB.
///
/// Durability: every commit is fsync'd (`PRAGMA synchronous = FULL`, plus `fullfsync` where the
/// platform needs it), so an appended record survives `kill -9` and power loss. Throughput comes
/// from group commit (see ``GroupCommitter``), not from weakening that. Several processes may open
/// the same file; appends are serialised by SQLite's write lock and the chain cannot fork.
///
/// Readers never block the writer (WAL), so queries, `verify` and `export` can run during appends.
public final class SQLiteDecisionStore: DecisionStore {
    /// The database file.
    public let path: String
    /// Every read goes here: the writer's pool, or a read-only connection (``init(readingAt:logger:)``).
    private let reader: any DatabaseReader
    /// Nil when the store was opened for reading only.
    private let committer: GroupCommitter?
    let logger: Logger

    /// Rows read per transaction by `verify` and `export`; bounds their memory.
    static let walkBatchSize = 1000

    /// Opens (creating if needed) and migrates the log at `path`.
    ///
    /// - Parameter logger: Where the store logs, at debug and info level only.
    /// - Throws: `log.open` when the file cannot be opened, configured or migrated.
    public init(path: String, logger: Logger) throws {
        var configuration = Configuration()
        configuration.label = "DecisionLog"
        configuration.foreignKeysEnabled = true
        // Another process may hold the write lock for a commit; wait rather than fail at once.
        configuration.busyMode = .timeout(10)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.requireFullSync(pool)
            try Schema.migrator.migrate(pool)
        } catch {
            throw DecisionLogError.wrapping(error) { .open(path: path, $0) }
        }
        self.path = path
        self.reader = pool
        self.logger = logger
        self.committer = GroupCommitter { [pool, logger] groups in
            try await Self.commit(groups, to: pool, logger: logger)
        }
        logger.info("decision log opened", metadata: ["log.path": "\(path)"])
    }

    /// Opens an existing log for reading only, for `verify` and `export`.
    ///
    /// Evidence is never changed by inspecting it: no migration, no journal-mode switch, no file created;
    /// a backup on read-only storage opens, and a file that is not a RightsGate log (empty, or another
    /// SQLite database) is refused instead of being given the schema and reported as an intact empty log.
    ///
    /// - Throws: `log.open` when the file cannot be opened, `log.not-a-log` when it lacks the log's schema.
    public init(readingAt path: String, logger: Logger) throws {
        var configuration = Configuration()
        configuration.label = "DecisionLog.read"
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue: DatabaseQueue
        let isLog: Bool
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            isLog = try queue.read { db in
                try db.tableExists("decisions") && Schema.migrator.hasCompletedMigrations(db)
            }
        } catch {
            throw DecisionLogError.wrapping(error) { .open(path: path, $0) }
        }
        guard isLog else {
            throw DecisionLogError.notALog(path: path, "it has no `decisions` table written by RightsGate")
        }
        self.path = path
        self.reader = queue
        self.logger = logger
        self.committer = nil
    }

    /// Makes every commit fsync the WAL, and refuses to run otherwise.
    ///
    /// This cannot go in `Configuration.prepareDatabase`: GRDB switches a pool to WAL after that hook
    /// and sets `synchronous = NORMAL` as it does, which syncs only at checkpoints, so a commit could
    /// be lost on power failure after the gate answered. The setting is per connection; only the
    /// pool's single writer connection commits, so that is where it is set and read back.
    private static func requireFullSync(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA fullfsync = ON")
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous")
            let journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode")
            guard synchronous == 2, journalMode == "wal" else {
                throw DatabaseError(message: "durability settings did not take: synchronous=\(synchronous ?? -1), "
                    + "journal_mode=\(journalMode ?? "?")")
            }
        }
    }

    public func append(_ entry: LogEntry) async throws -> LogRecord {
        let records = try await append(contentsOf: [entry])
        guard let record = records.first else { throw DecisionLogError.write(nil) }
        return record
    }

    public func append(contentsOf entries: [LogEntry]) async throws -> [LogRecord] {
        guard !entries.isEmpty else { return [] }
        guard let committer else { throw DecisionLogError.readOnly(path: path) }
        let prepared = try entries.map { entry throws(DecisionLogError) in try PreparedEntry(entry) }
        return try await committer.submit(prepared)
    }

    public func record(decisionID: String) async throws -> LogRecord? {
        try await read { db in
            let sql = "SELECT \(StoredRow.selectList()) FROM decisions WHERE decision_id = ?"
            return try Row.fetchOne(db, sql: sql, arguments: [decisionID]).map(StoredRow.record)
        }
    }

    public func records(matching query: LogQuery) async throws -> LogPage {
        guard (1...LogQuery.maximumLimit).contains(query.limit) else {
            throw DecisionLogError.invalidQuery("limit \(query.limit) is outside 1...\(LogQuery.maximumLimit)")
        }
        if let cursor = query.cursor, cursor < 0 {
            throw DecisionLogError.invalidQuery("cursor \(cursor) is negative")
        }
        let (sql, arguments) = try RecordQuery.sql(for: query)
        let rows = try await read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredRow.record)
        }
        let items = Array(rows.prefix(query.limit))
        return LogPage(items: items, nextCursor: rows.count > query.limit ? items.last?.sequence : nil)
    }

    public func head() async throws -> LogHead? {
        try await read { db in
            let head = try ChainAppender.head(db)
            return head.sequence == 0 ? nil : LogHead(sequence: head.sequence, hash: head.hash.text)
        }
    }

    /// Runs a read, mapping every failure that is not already a `DecisionLogError` to `log.read`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await reader.read(body)
        } catch {
            throw DecisionLogError.wrapping(error, DecisionLogError.read)
        }
    }

    /// Writes one group commit: each batch in its own savepoint, all in one transaction.
    ///
    /// A batch that hits a duplicate decision id rolls back alone and its caller gets the error; any
    /// other failure propagates, rolls the whole transaction back and fails every caller.
    private static func commit(
        _ batches: [[PreparedEntry]], to pool: DatabasePool, logger: Logger
    ) async throws -> [GroupCommitter.GroupResult] {
        let results = try await pool.write { db in
            var head = try ChainAppender.head(db)
            return try batches.map { batch -> GroupCommitter.GroupResult in
                var batchHead = head
                var records: [LogRecord] = []
                do {
                    try db.inSavepoint {
                        records = try ChainAppender.append(batch, after: &batchHead, db)
                        return .commit
                    }
                } catch let error as DecisionLogError where error.code == .duplicateDecisionID {
                    return .failure(error)
                }
                head = batchHead
                return .success(records)
            }
        }
        if logger.logLevel <= .debug {
            let committed = results.flatMap { (try? $0.get()) ?? [] }
            logger.debug("decision log group committed", metadata: [
                "log.batches": "\(batches.count)",
                "log.records": "\(committed.count)",
                "log.first_sequence": "\(committed.first?.sequence ?? 0)",
                "log.last_sequence": "\(committed.last?.sequence ?? 0)",
            ])
        }
        return results
    }
}
