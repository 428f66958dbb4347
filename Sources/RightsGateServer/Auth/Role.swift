/// What a token may do. Each route names the roles it accepts; `admin` is accepted everywhere.
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Asks for decisions: `POST /v1/decisions`, `POST /v1/decisions/batch`, `POST /v1/evaluate`.
    case gate
    /// Reads the log and the policy: `GET /v1/decisions…`, `GET /v1/policy`, `GET /metrics`.
    case reviewer
    /// Scrapes `GET /metrics` and nothing else, so a Prometheus server never holds a token that reads decisions.
    case metrics
    /// Reloads the policy (`POST /v1/policy/reload`) and may use every route.
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
