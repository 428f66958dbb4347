public import Foundation

/// What the gate hands the log for one decision.
///
/// The log treats the two JSON documents as opaque bytes: the engine has already produced the
/// canonical decision JSON and masked the request, so the log never re-serialises either and the
/// bytes hashed into the chain are exactly the bytes the engine answered with. The remaining fields
/// duplicate a few values from the decision so that they can be indexed and queried.
///
/// ``SQLiteDecisionStore`` normalises an entry before storing it (see ``LogRecord/entry``):
/// `evaluatedAt` is rounded to whole milliseconds, because that is the precision of the stored
/// ISO 8601 text, and `failedChecks` is sorted and de-duplicated.
public struct LogEntry: Sendable, Hashable {
    /// The decision's unique id (UUIDv7 text from the engine); unique across the whole log.
    public var decisionID: String
    /// The request's own `id`, when it had one.
    public var requestID: String?
    /// `allow`, `allow_with_conditions`, `escalate` or `deny`.
    public var outcome: String
    /// Sorted ids of the enforced checks that failed, so that records can be queried by check.
    public var failedChecks: [String]
    /// Digest of the policy bundle that decided, `sha256:` followed by 64 lowercase hex digits.
    public var bundleDigest: String
    /// When the engine evaluated the request.
    public var evaluatedAt: Date
    /// The canonical decision JSON (an object), exactly as the engine produced it.
    public var decisionJSON: Data
    /// The request JSON (an object) as it is to be kept: already masked by the engine.
    public var requestJSON: Data

    /// Creates an entry; nothing is checked until it is appended.
    public init(
        decisionID: String,
        requestID: String?,
        outcome: String,
        failedChecks: [String],
        bundleDigest: String,
        evaluatedAt: Date,
        decisionJSON: Data,
        requestJSON: Data
    ) {
        self.decisionID = decisionID
        self.requestID = requestID
        self.outcome = outcome
        self.failedChecks = failedChecks
        self.bundleDigest = bundleDigest
        self.evaluatedAt = evaluatedAt
        self.decisionJSON = decisionJSON
        self.requestJSON = requestJSON
    }
}

extension LogEntry {
    /// The outcomes the engine can reach (DESIGN §4); anything else is refused at append time.
    public static let outcomes: Set<String> = ["allow", "allow_with_conditions", "escalate", "deny"]
}
