/// What actually happened to a record, as its source tells it: the other axis of the
/// historical-vs-policy matrix.
///
/// Sources say different things. A statement of reasons says the platform restricted the content
/// (`acted`); the decision log says what the gate decided then; a JSON Lines producer may say either.
/// ``strictness`` puts them on one scale so a disagreement ("policy would have been stricter than what
/// happened") is well defined: an action that went ahead ranks with `allow`, one that did not with `deny`.
public enum HistoricalOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// The block or removal was carried out.
    case acted
    /// The block or removal was not carried out.
    case notActed = "not_acted"
    case allow
    case allowWithConditions = "allow_with_conditions"
    case escalate
    case deny

    /// 0 (went ahead unconditionally) to 3 (stopped), comparable with `Outcome` severities.
    public var strictness: Int {
        switch self {
        case .acted, .allow: 0
        case .allowWithConditions: 1
        case .escalate: 2
        case .deny, .notActed: 3
        }
    }

    /// The matrix row label used when a record carries no history.
    public static let noneLabel = "none"
}
