import RightsGateServer

/// One token per role, and the table the test servers accept them from.
enum Tokens {
    static let gate = "test-gate-token-0123456789abcdef"
    static let reviewer = "test-reviewer-token-0123456789abcdef"
    static let metrics = "test-metrics-token-0123456789abcdef"
    static let admin = "test-admin-token-0123456789abcdef"
    /// Well formed, but in no table.
    static let unknown = "test-unknown-token-0123456789abcdef"

    static let all = [gate, reviewer, metrics, admin]

    static func table() throws -> TokenTable {
        try TokenTable([
            (TokenHash.hash(gate), Principal(name: "pipeline", roles: [.gate])),
            (TokenHash.hash(reviewer), Principal(name: "auditor", roles: [.reviewer])),
            (TokenHash.hash(metrics), Principal(name: "prometheus", roles: [.metrics])),
            (TokenHash.hash(admin), Principal(name: "operator", roles: [.admin])),
        ])
    }

    /// The same table as a tokens file.
    static var fileText: String {
        """
        tokens:
          - name: pipeline
            role: gate
            hash: \(TokenHash.hash(gate))
          - name: auditor
            roles: [reviewer]
            hash: \(TokenHash.hash(reviewer))
          - name: prometheus
            role: metrics
            hash: \(TokenHash.hash(metrics))
          - name: operator
            role: admin
            hash: \(TokenHash.hash(admin))
        """
    }
}
