/// The last record of the log: its sequence and hash.
///
/// Deleting records from the end of a hash chain leaves a shorter chain that is still valid, so the
/// chain alone cannot reveal it. Keeping a head outside the database (a ticket, a signed e-mail,
/// another system's log) and passing it back to `verify(expectedHead:)` closes that hole: the record
/// at that sequence must still exist and still carry that hash. Its text form is `SEQUENCE:HASH`.
public struct LogHead: Sendable, Hashable, CustomStringConvertible {
    /// The `previous_hash` of record 1: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Sequence number of the head record.
    public let sequence: Int64
    /// Hash of the head record, 64 lowercase hex digits.
    public let hash: String

    /// Creates a head from its parts.
    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Parses the `SEQUENCE:HASH` form (as printed by ``description``), or returns nil.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0,
              let digest = HexDigest(String(parts[1])) else { return nil }
        self.init(sequence: sequence, hash: digest.text)
    }

    /// `SEQUENCE:HASH`, the form ``init(_:)`` reads.
    public var description: String { "\(sequence):\(hash)" }
}
