/// Why the decision log refused or failed an operation.
///
/// ``description`` names what went wrong and, for database failures, the SQLite result code; it
/// never contains decision or request content, so it is safe to log and to return to a caller.
/// ``debugDescription`` adds SQLite's own message and statement (never the bound values).
/// When `append` throws, the record is not durable and the caller must not report the decision.
public struct DecisionLogError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A stable, matchable name for the kind of failure, e.g. `log.duplicate-decision-id`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The database could not be opened, configured or migrated.
        public static let open = Code("log.open")
        /// A write transaction failed; none of its records are in the log.
        public static let write = Code("log.write")
        /// Reading from the database failed.
        public static let read = Code("log.read")
        /// An entry's decision id is already in the log (or twice in one batch).
        public static let duplicateDecisionID = Code("log.duplicate-decision-id")
        /// An entry was refused before anything was written.
        public static let invalidEntry = Code("log.invalid-entry")
        /// A query or export argument is out of range.
        public static let invalidQuery = Code("log.invalid-query")
        /// A stored row cannot be decoded; run `verify` to see what was changed.
        public static let corruptRecord = Code("log.corrupt-record")
        /// The file opened is not a RightsGate decision log (no log schema in it).
        public static let notALog = Code("log.not-a-log")
        /// An append to a store opened for reading only.
        public static let readOnly = Code("log.read-only")
    }

    private enum Kind: Equatable, Sendable {
        case open(path: String, SQLiteFailure?)
        case write(SQLiteFailure?)
        case read(SQLiteFailure?)
        case duplicateDecisionID(String)
        case invalidEntry(decisionID: String, reason: String)
        case invalidQuery(String)
        case corruptRecord(sequence: Int64, column: String)
        case notALog(path: String, reason: String)
        case readOnly(path: String)
    }

    /// The parts of a GRDB `DatabaseError` that are safe to keep.
    struct SQLiteFailure: Equatable, Sendable {
        var resultCode: Int32
        var extendedResultCode: Int32
        var detail: String
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func open(path: String, _ failure: SQLiteFailure?) -> Self { .init(.open(path: path, failure)) }
    static func write(_ failure: SQLiteFailure?) -> Self { .init(.write(failure)) }
    static func read(_ failure: SQLiteFailure?) -> Self { .init(.read(failure)) }
    static func duplicateDecisionID(_ id: String) -> Self { .init(.duplicateDecisionID(id)) }
    static func invalidEntry(decisionID: String, _ reason: String) -> Self {
        .init(.invalidEntry(decisionID: decisionID, reason: reason))
    }
    static func invalidQuery(_ reason: String) -> Self { .init(.invalidQuery(reason)) }
    static func notALog(path: String, _ reason: String) -> Self { .init(.notALog(path: path, reason: reason)) }
    static func readOnly(path: String) -> Self { .init(.readOnly(path: path)) }
    static func corruptRecord(sequence: Int64, column: String) -> Self {
        .init(.corruptRecord(sequence: sequence, column: column))
    }

    /// The kind of failure.
    public var code: Code {
        switch kind {
        case .open: .open
        case .write: .write
        case .read: .read
        case .duplicateDecisionID: .duplicateDecisionID
        case .invalidEntry: .invalidEntry
        case .invalidQuery: .invalidQuery
        case .corruptRecord: .corruptRecord
        case .notALog: .notALog
        case .readOnly: .readOnly
        }
    }

    /// SQLite's extended result code when the failure came from the database, e.g. 2067 for a
    /// unique constraint or 10 (`SQLITE_IOERR`) family codes for a disk failure.
    public var sqliteResultCode: Int32? {
        switch kind {
        case .open(_, let failure), .write(let failure), .read(let failure): failure?.extendedResultCode
        default: nil
        }
    }

    public var description: String {
        switch kind {
        case .open(let path, let failure):
            "\(code): cannot open the decision log at \(path)\(Self.suffix(failure))"
        case .write(let failure):
            "\(code): the append transaction failed and nothing was written\(Self.suffix(failure))"
        case .read(let failure):
            "\(code): reading the decision log failed\(Self.suffix(failure))"
        case .duplicateDecisionID(let id):
            "\(code): decision `\(id)` is already in the log; nothing was written"
        case .invalidEntry(let id, let reason):
            "\(code): decision `\(id)` was refused: \(reason); nothing was written"
        case .invalidQuery(let reason):
            "\(code): \(reason)"
        case .corruptRecord(let sequence, let column):
            "\(code): record \(sequence) has an unreadable `\(column)`; run `rightsgate log verify`"
        case .notALog(let path, let reason):
            "\(code): \(path) is not a RightsGate decision log: \(reason)"
        case .readOnly(let path):
            "\(code): the decision log at \(path) was opened for reading only; nothing was written"
        }
    }

    public var debugDescription: String {
        switch kind {
        case .open(_, let failure?), .write(let failure?), .read(let failure?):
            "\(description) [\(failure.detail)]"
        default:
            description
        }
    }

    private static func suffix(_ failure: SQLiteFailure?) -> String {
        guard let failure else { return "" }
        return " (SQLite error \(failure.resultCode), extended code \(failure.extendedResultCode))"
    }
}
