import Metrics
import RightsGate
import Synchronization

/// The service's metrics, made through an explicit swift-metrics factory (no global bootstrap), so that
/// every server instance, including each in-process test, has its own registry.
///
/// Names (Prometheus): `rightsgate_decisions_total{outcome}`, `rightsgate_failed_checks_total{check}`,
/// `rightsgate_dry_runs_total{outcome}`, `rightsgate_evaluation_duration_seconds`,
/// `rightsgate_log_append_duration_seconds`, `rightsgate_policy_reloads_total`,
/// `rightsgate_policy_reload_failures_total`, `rightsgate_errors_total{code}`.
final class GateMetrics: Sendable {
    static let evaluationLabel = "rightsgate_evaluation_duration_seconds"
    static let logAppendLabel = "rightsgate_log_append_duration_seconds"

    private let factory: any MetricsFactory
    private let decisionsByOutcome: [Outcome: Counter]
    private let dryRunsByOutcome: [Outcome: Counter]
    /// Counters made on first use: check ids come from the bundle, which reloads can change.
    private let failedChecks = Mutex<[String: Counter]>([:])
    private let errorsByCode = Mutex<[String: Counter]>([:])
    /// Decode, evaluate and render: the engine's share of a request.
    let evaluation: Timer
    /// From handing the entry to the log until it is durable.
    let logAppend: Timer
    let reloads: Counter
    let reloadFailures: Counter

    init(factory: any MetricsFactory) {
        self.factory = factory
        decisionsByOutcome = Dictionary(uniqueKeysWithValues: Outcome.allCases.map {
            ($0, Counter(label: "rightsgate_decisions_total", dimensions: [("outcome", $0.rawValue)], factory: factory))
        })
        dryRunsByOutcome = Dictionary(uniqueKeysWithValues: Outcome.allCases.map {
            ($0, Counter(label: "rightsgate_dry_runs_total", dimensions: [("outcome", $0.rawValue)], factory: factory))
        })
        evaluation = Timer(label: Self.evaluationLabel, dimensions: [], factory: factory)
        logAppend = Timer(label: Self.logAppendLabel, dimensions: [], factory: factory)
        reloads = Counter(label: "rightsgate_policy_reloads_total", dimensions: [], factory: factory)
        reloadFailures = Counter(label: "rightsgate_policy_reload_failures_total", dimensions: [], factory: factory)
    }

    /// Counts a logged decision and each enforced check that failed in it.
    func recordDecision(outcome: Outcome, failedChecks ids: [String]) {
        decisionsByOutcome[outcome]?.increment()
        guard !ids.isEmpty else { return }
        let counters = failedChecks.withLock { cache in
            ids.map { id in
                if let counter = cache[id] { return counter }
                let counter = Counter(label: "rightsgate_failed_checks_total", dimensions: [("check", id)], factory: factory)
                cache[id] = counter
                return counter
            }
        }
        for counter in counters { counter.increment() }
    }

    /// Counts a dry run (`POST /v1/evaluate`), which is not a decision.
    func recordDryRun(outcome: Outcome) {
        dryRunsByOutcome[outcome]?.increment()
    }

    /// Counts an error response by its ``ErrorV1`` code.
    func recordError(code: String) {
        let counter = errorsByCode.withLock { cache in
            if let counter = cache[code] { return counter }
            let counter = Counter(label: "rightsgate_errors_total", dimensions: [("code", code)], factory: factory)
            cache[code] = counter
            return counter
        }
        counter.increment()
    }
}
