/// The result of walking the whole log and recomputing its hash chain.
public struct VerificationReport: Sendable, Equatable, CustomStringConvertible {
    /// At most this many problems are kept, so that verifying a badly damaged log of millions of
    /// records still runs in constant memory; ``problemCount`` counts them all.
    public static let maximumKeptProblems = 1000

    /// Number of records read.
    public let recordCount: Int64
    /// The last record read, to remember and pass as `expectedHead` next time; nil for an empty log.
    public let head: LogHead?
    /// The problems found, in sequence order (the first ``maximumKeptProblems`` of them).
    public let problems: [VerificationProblem]
    /// How many problems were found in all.
    public let problemCount: Int

    /// True when the chain is intact (and matched the expected head, when one was given).
    public var isOK: Bool { problemCount == 0 }

    /// Creates a report.
    public init(recordCount: Int64, head: LogHead?, problems: [VerificationProblem], problemCount: Int) {
        self.recordCount = recordCount
        self.head = head
        self.problems = problems
        self.problemCount = problemCount
    }

    public var description: String {
        var lines = [isOK
            ? "ok: \(recordCount) records, chain intact, head \(head.map { "\($0)" } ?? "none (empty log)")"
            : "FAILED: \(recordCount) records, \(problemCount) problem\(problemCount == 1 ? "" : "s")"]
        lines += problems.map { "  \($0)" }
        if problemCount > problems.count {
            lines.append("  … and \(problemCount - problems.count) more")
        }
        return lines.joined(separator: "\n")
    }
}
