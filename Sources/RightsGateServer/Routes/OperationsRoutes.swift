import HTTPTypes
import Hummingbird

/// `GET /healthz` and `GET /readyz` (open, for load balancers and orchestrators) and `GET /metrics`
/// (token with role `metrics`, `reviewer` or `admin`).
struct OperationsRoutes: Sendable {
    let readiness: Readiness
    let exporter: PrometheusExporter

    func registerOpen(on router: Router<GateRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
    }

    func registerMetrics(on group: RouterGroup<GateRequestContext>) {
        group.get("metrics", use: metrics)
    }

    /// The process is alive and serving HTTP; nothing else is checked.
    @Sendable func health(_ request: Request, context: GateRequestContext) async throws -> Response {
        GateResponse.json(#"{"status":"ok"}"#)
    }

    /// 200 when a bundle serves and the log takes appends, 503 otherwise, with the checks either way.
    @Sendable func ready(_ request: Request, context: GateRequestContext) async throws -> Response {
        let state = await readiness.check()
        return GateResponse.json(status: state.isReady ? .ok : .serviceUnavailable) { state.write(to: &$0) }
    }

    @Sendable func metrics(_ request: Request, context: GateRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: exporter.render())))
    }
}
