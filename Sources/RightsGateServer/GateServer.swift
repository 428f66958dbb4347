import DecisionLog
public import Logging
public import RightsGate
import ServiceLifecycle

/// Runs `rightsgate serve`: opens the log, loads the bundle, serves until SIGTERM or SIGINT.
///
/// Shutdown is graceful: the server stops accepting connections and lets in-flight requests finish,
/// including their log appends, before the process exits.
public enum GateServer {
    /// Why the server could not start.
    public enum StartError: Error, Sendable {
        case policy(PolicyLoadError)
        case log(any Error)
        case configuration(GateConfigurationError)
    }

    /// Serves until a shutdown signal. `onListening` receives the bound port.
    public static func run(
        configuration: GateConfiguration, logPath: String, logger: Logger,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) async throws {
        let bundle: PolicyBundle
        do {
            bundle = try BundleLoader.load(directory: configuration.policiesDirectory)
        } catch {
            throw StartError.policy(error)
        }
        let store: SQLiteDecisionStore
        do {
            store = try SQLiteDecisionStore(path: logPath, logger: logger)
        } catch {
            throw StartError.log(error)
        }
        let service: GateService
        do {
            service = try GateService(configuration: configuration, bundle: bundle, store: store, logger: logger,
                                      onListening: onListening)
        } catch {
            throw StartError.configuration(error)
        }
        logger.info("policy loaded", metadata: [
            "policy.name": "\(bundle.name)", "policy.version": "\(bundle.version)", "policy.digest": "\(bundle.digest)",
            "policy.checks": "\(bundle.checks.count)",
        ])
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: service.application),
                // Ends when shutdown begins; that must not cancel the requests still draining.
                .init(service: HangupReloadService(service: service), successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}
