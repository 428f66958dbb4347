/// Coverage of a bundle by its policy tests, counted in legal terms rather than lines: did every failure
/// rule of every check decide at least one test, did every check pass at least once, did every exception
/// fire at least once.
public struct PolicyCoverage: Sendable {
    public struct Item: Sendable {
        public enum Kind: Sendable, Hashable {
            /// The check failed through this rule (index into `rules`), with this outcome.
            case fails(rule: Int, outcome: Outcome)
            case passes
            case exception(id: String)
        }

        public let check: String
        public let kind: Kind
        public let location: SourceLocation
        /// Names of the tests that cover the item.
        public let tests: [String]

        public var covered: Bool { !tests.isEmpty }

        public var description: String {
            switch kind {
            case let .fails(rule, outcome): "`\(check)` never failed through rule \(rule + 1) (\(outcome.rawValue))"
            case .passes: "`\(check)` never passed"
            case let .exception(id): "exception `\(id)` of `\(check)` never applied"
            }
        }
    }

    public let items: [Item]
    /// How often each check ended in each status across the tests, by check id.
    public let statuses: [String: [CheckResult.Status: Int]]

    public var coveredCount: Int { items.count { $0.covered } }
    public var percent: Double { items.isEmpty ? 100 : Double(coveredCount) * 100 / Double(items.count) }
    public var uncovered: [Item] { items.filter { !$0.covered } }

    public init(bundle: PolicyBundle, results: [PolicyTestResult]) {
        var items: [Item] = []
        var statuses: [String: [CheckResult.Status: Int]] = [:]
        for check in bundle.checks { statuses[check.id] = [:] }
        var failedBy: [String: [Int: [String]]] = [:]
        var passedBy: [String: [String]] = [:]
        var exceptionBy: [String: [Int: [String]]] = [:]
        for result in results {
            guard let evaluation = result.evaluation else { continue }
            let name = result.testCase.name
            for (check, outcome) in evaluation.checks {
                statuses[check.id, default: [:]][outcome.status, default: 0] += 1
                switch outcome.status {
                case .failed: failedBy[check.id, default: [:]][Int(outcome.rule), default: []].append(name)
                case .passed: passedBy[check.id, default: []].append(name)
                case .excepted: exceptionBy[check.id, default: [:]][Int(outcome.exception), default: []].append(name)
                default: break
                }
            }
        }
        for check in bundle.checks {
            for (i, rule) in check.rules.enumerated() {
                items.append(Item(check: check.id, kind: .fails(rule: i, outcome: rule.outcome), location: rule.location,
                                  tests: failedBy[check.id]?[i] ?? []))
            }
            items.append(Item(check: check.id, kind: .passes, location: check.location, tests: passedBy[check.id] ?? []))
            for (i, exception) in check.exceptions.enumerated() {
                items.append(Item(check: check.id, kind: .exception(id: exception.id), location: exception.location,
                                  tests: exceptionBy[check.id]?[i] ?? []))
            }
        }
        self.items = items
        self.statuses = statuses
    }

    /// A table of statuses per check and the uncovered items with their locations.
    public func render(bundle: PolicyBundle) -> String {
        let columns: [(String, CheckResult.Status)] = [
            ("failed", .failed), ("passed", .passed), ("n/a", .notApplicable), ("unknown", .unknown), ("excepted", .excepted),
            ("not in force", .notInForce),
        ]
        let width = max(5, bundle.checks.map(\.id.count).max() ?? 5)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func left(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        var out = pad("check", width) + columns.map { "  " + left($0.0, max(8, $0.0.count)) }.joined() + "\n"
        for check in bundle.checks {
            out += pad(check.id, width)
            for (label, status) in columns { out += "  " + left(String(statuses[check.id]?[status] ?? 0), max(8, label.count)) }
            out += "\n"
        }
        out += String(format: "\ncoverage: %.1f%% (%d of %d items: failure rules, passes and exceptions)\n", percent, coveredCount, items.count)
        if !uncovered.isEmpty {
            out += "uncovered:\n"
            for item in uncovered { out += "  \(item.location): \(item.description)\n" }
        }
        return out
    }
}
