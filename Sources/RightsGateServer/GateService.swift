public import DecisionLog
public import Hummingbird
public import Logging
import Metrics
import NIOCore
public import RightsGate

/// The gate as a Hummingbird application, ready to run or to test in process (`application.test(.router)`).
///
/// Routes (docs/openapi.yaml): `POST /v1/decisions`, `POST /v1/decisions/batch`, `POST /v1/evaluate`
/// (role `gate`); `GET /v1/decisions/{id}`, `GET /v1/decisions`, `GET /v1/policy` (role `reviewer`);
/// `POST /v1/policy/reload` (role `admin`); `GET /metrics` (`metrics` or `reviewer`); `GET /healthz` and
/// `GET /readyz` (open). `admin` may use every route.
public struct GateService: Sendable {
    public let application: Application<RouterResponder<GateRequestContext>>
    let reloader: PolicyReloader

    /// Builds the application around a loaded bundle and an open store.
    ///
    /// - Parameter onListening: Called with the bound port once the server accepts connections.
    public init(
        configuration: GateConfiguration,
        bundle: PolicyBundle,
        store: any DecisionStore,
        logger: Logger,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) throws(GateConfigurationError) {
        try configuration.validate()
        let exporter = PrometheusExporter()
        let metrics = GateMetrics(factory: exporter.factory)
        let holder = PolicyHolder(bundle)
        let health = LogHealth()
        let gate = DecisionGate(policy: holder, store: store, masking: configuration.masking,
                                strict: configuration.strict, metrics: metrics, health: health)
        let reloader = PolicyReloader(directory: configuration.policiesDirectory, holder: holder,
                                      metrics: metrics, logger: logger)
        let readiness = Readiness(policy: holder, store: store, health: health,
                                  logPath: (store as? SQLiteDecisionStore)?.path)
        let authenticator = Authenticator(tokens: configuration.insecureNoAuth ? nil : configuration.tokens)

        let router = Router(context: GateRequestContext.self)
        // Router middleware applies to the routes added after it, and to unknown routes.
        router.add(middleware: ErrorMiddleware(metrics: metrics))
        let operations = OperationsRoutes(readiness: readiness, exporter: exporter)
        operations.registerOpen(on: router)
        operations.registerMetrics(on: router.group()
            .add(middleware: RequireRole(accepted: [.metrics, .reviewer], authenticator: authenticator)))
        DecisionRoutes(gate: gate, limits: configuration.limits).register(on: router.group("v1")
            .add(middleware: RequireRole(accepted: [.gate], authenticator: authenticator)))
        ReviewRoutes(store: store, policy: holder).register(on: router.group("v1")
            .add(middleware: RequireRole(accepted: [.reviewer], authenticator: authenticator)))
        AdminRoutes(reloader: reloader).register(on: router.group("v1")
            .add(middleware: RequireRole(accepted: [.admin], authenticator: authenticator)))

        let idle = configuration.idleTimeout.components
        application = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(idle.seconds))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "rightsgate"),
            onServerRunning: { channel in
                await onListening?(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
        self.reloader = reloader
    }

    /// Loads the policy directory anew and swaps it in if it has no errors (what SIGHUP does).
    /// Returns false when the new bundle was rejected and the old one keeps serving.
    @discardableResult
    public func reloadPolicy(trigger: String) async -> Bool {
        if case .swapped = await reloader.reload(trigger: trigger) { return true }
        return false
    }
}
