/// What the gate says about a proposed action, ordered by severity: `allow` < `allow_with_conditions` <
/// `escalate` < `deny`. A decision is the most severe outcome of its enforced failed or unknown checks.
public enum Outcome: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case allow
    case allowWithConditions = "allow_with_conditions"
    case escalate
    case deny

    var severity: UInt8 {
        switch self {
        case .allow: 0
        case .allowWithConditions: 1
        case .escalate: 2
        case .deny: 3
        }
    }

    public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.severity < rhs.severity }

    /// The process exit status for this outcome (DESIGN.md §4): only `allow` exits 0.
    public var exitCode: Int32 {
        switch self {
        case .allow: 0
        case .allowWithConditions: 10
        case .escalate: 20
        case .deny: 30
        }
    }

    /// Outcomes a check may lead to when it fails or cannot be assessed (never `allow`).
    static let failureOutcomes: [Outcome] = [.allowWithConditions, .escalate, .deny]
}

/// Whether a check counts towards the decision.
public enum CheckMode: String, Sendable, Hashable, CaseIterable {
    /// Evaluated and counted.
    case enforce
    /// Evaluated and reported, but not counted: for trying a new check on live traffic.
    case shadow
}
