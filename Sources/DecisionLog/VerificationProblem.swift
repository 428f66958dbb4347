/// One thing `verify` found wrong with the stored log, precise enough to act on.
///
/// Each problem names the record(s) involved. ``description`` is one human line that names
/// sequences, the decision id and (abbreviated) hashes, never decision or request content.
public struct VerificationProblem: Sendable, Equatable, CustomStringConvertible {
    /// A stable, matchable name for the kind of problem.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The kind as text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A record's stored hash does not match the hash recomputed from its stored bytes.
        public static let edited = Kind("edited")
        /// A record's `previous_hash` is not the hash of the record before it (or not the genesis
        /// hash for record 1): a record was deleted, inserted or reordered.
        public static let brokenLink = Kind("broken-link")
        /// Sequence numbers are missing.
        public static let gap = Kind("gap")
        /// The expected head's record is no longer in the log: records were removed from the end.
        public static let truncated = Kind("truncated")
        /// The record at the expected head's sequence has a different hash: the log was rewritten.
        public static let headMismatch = Kind("head-mismatch")
        /// A stored column cannot be read at all (wrong type, NULL, not a hash).
        public static let malformed = Kind("malformed")
    }

    private enum Detail: Equatable, Sendable {
        case edited(sequence: Int64, decisionID: String, stored: String, recomputed: String)
        case brokenLink(sequence: Int64, previousSequence: Int64?, found: String, expected: String)
        case gap(missing: ClosedRange<Int64>, next: Int64)
        case truncated(expected: LogHead, last: Int64?)
        case headMismatch(expected: LogHead, found: String)
        case malformed(sequence: Int64, column: String)
    }

    private let detail: Detail

    private init(_ detail: Detail) { self.detail = detail }

    static func edited(sequence: Int64, decisionID: String, stored: String, recomputed: String) -> Self {
        .init(.edited(sequence: sequence, decisionID: decisionID, stored: stored, recomputed: recomputed))
    }
    static func brokenLink(sequence: Int64, previousSequence: Int64?, found: String, expected: String) -> Self {
        .init(.brokenLink(sequence: sequence, previousSequence: previousSequence, found: found, expected: expected))
    }
    static func gap(missing: ClosedRange<Int64>, next: Int64) -> Self { .init(.gap(missing: missing, next: next)) }
    static func truncated(expected: LogHead, last: Int64?) -> Self { .init(.truncated(expected: expected, last: last)) }
    static func headMismatch(expected: LogHead, found: String) -> Self {
        .init(.headMismatch(expected: expected, found: found))
    }
    static func malformed(sequence: Int64, column: String) -> Self { .init(.malformed(sequence: sequence, column: column)) }

    /// What kind of problem this is.
    public var kind: Kind {
        switch detail {
        case .edited: .edited
        case .brokenLink: .brokenLink
        case .gap: .gap
        case .truncated: .truncated
        case .headMismatch: .headMismatch
        case .malformed: .malformed
        }
    }

    /// The record where the problem shows; for a gap, the first missing sequence; for a truncation,
    /// the expected head's sequence.
    public var sequence: Int64 {
        switch detail {
        case .edited(let sequence, _, _, _), .brokenLink(let sequence, _, _, _), .malformed(let sequence, _): sequence
        case .gap(let missing, _): missing.lowerBound
        case .truncated(let expected, _), .headMismatch(let expected, _): expected.sequence
        }
    }

    /// The other record involved: the record before a broken link, the last missing sequence of a
    /// gap, or the last record present after a truncation.
    public var relatedSequence: Int64? {
        switch detail {
        case .brokenLink(_, let previous, _, _): previous
        case .gap(let missing, _): missing.upperBound
        case .truncated(_, let last): last
        default: nil
        }
    }

    /// The decision id of an edited record.
    public var decisionID: String? {
        if case .edited(_, let id, _, _) = detail { id } else { nil }
    }

    public var description: String {
        switch detail {
        case .edited(let sequence, let id, let stored, let recomputed):
            "record \(sequence) (decision \(id)): content edited — stored hash \(short(stored)) "
                + "does not match recomputed \(short(recomputed))"
        case .brokenLink(let sequence, let previous?, let found, let expected):
            "record \(sequence): broken link — previous_hash \(short(found)) does not match record "
                + "\(previous)'s hash \(short(expected)); a record was deleted, inserted or reordered"
        case .brokenLink(let sequence, nil, let found, _):
            "record \(sequence): broken link — previous_hash \(short(found)) is not the genesis hash; "
                + "the start of the log was replaced"
        case .gap(let missing, let next):
            missing.lowerBound == missing.upperBound
                ? "record \(missing.lowerBound) missing (before record \(next))"
                : "records \(missing.lowerBound)–\(missing.upperBound) missing (before record \(next))"
        case .truncated(let expected, let last?) where last > expected.sequence:
            "expected head record \(expected.sequence) (hash \(short(expected.hash))) is gone although the log goes on "
                + "to record \(last): it was deleted"
        case .truncated(let expected, let last?):
            "expected head record \(expected.sequence) (hash \(short(expected.hash))) but the log ends at record "
                + "\(last): records were removed from the end"
        case .truncated(let expected, nil):
            "expected head record \(expected.sequence) (hash \(short(expected.hash))) but the log is empty: "
                + "records were removed"
        case .headMismatch(let expected, let found):
            "record \(expected.sequence) has hash \(short(found)) but the expected head says "
                + "\(short(expected.hash)): the log was rewritten"
        case .malformed(let sequence, let column):
            "record \(sequence): column \(column) cannot be read; the row was altered outside the log"
        }
    }

    /// Hashes are 64 hex digits; 16 identify one unambiguously in practice and keep lines readable.
    private func short(_ hash: String) -> String {
        hash.count > 16 ? "\(hash.prefix(16))…" : hash
    }
}
