/// One stored decision: the entry, its place in the log and its link in the hash chain.
public struct LogRecord: Sendable, Hashable {
    /// Position in the log: 1 for the first record, then contiguous.
    public let sequence: Int64
    /// The entry as stored, i.e. normalised (see ``LogEntry``).
    public let entry: LogEntry
    /// ``hash`` of the record before this one, or ``LogHead/genesisHash`` for record 1.
    public let previousHash: String
    /// Lowercase hex SHA-256 over `previousHash` and this record's canonical bytes (see ``ChainHash``).
    public let hash: String

    /// Creates a record; only stores and tests need this.
    public init(sequence: Int64, entry: LogEntry, previousHash: String, hash: String) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }

    /// This record as a chain head, e.g. to remember for a later `verify(expectedHead:)`.
    public var head: LogHead { LogHead(sequence: sequence, hash: hash) }
}
