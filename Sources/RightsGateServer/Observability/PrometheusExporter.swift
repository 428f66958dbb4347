import Metrics
import Prometheus

/// The Prometheus registry behind ``GateMetrics`` and the text `GET /metrics` serves.
///
/// Latency buckets are finer than the library's defaults (which start at 5 ms): the gate's evaluation
/// takes microseconds and a durable append about a millisecond, and the p99 target is 5 ms.
struct PrometheusExporter: Sendable {
    let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let buckets: [Duration] = [
            .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        factory.durationHistogramBuckets = [
            GateMetrics.evaluationLabel: buckets,
            GateMetrics.logAppendLabel: buckets,
        ]
        self.factory = factory
    }

    /// The exposition text (format 0.0.4).
    func render() -> [UInt8] { registry.emitToBuffer() }
}
