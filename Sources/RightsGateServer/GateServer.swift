import DecisionLog
public import Logging
public import RightsGate
import ServiceLifecycle
import Synchronization

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
        /// The server could not bind its address (port in use, unknown host) before serving anything.
        case listen(any Error)
    }

    /// Serves until a shutdown signal. `onListening` receives the bound port.
    public static func run(
        configuration: GateConfiguration, logPath: String, logger: Logger,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) async throws {
        // First, so that a refused configuration leaves nothing behind (no log file created).
        do {
            try configuration.validate()
        } catch {
            throw StartError.configuration(error)
        }
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
        let listening = Flag()
        let service: GateService
        do {
            service = try GateService(configuration: configuration, bundle: bundle, store: store, logger: logger,
                                      onListening: { port in
                                          listening.set()
                                          await onListening?(port)
                                      })
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
        do {
            try await group.run()
        } catch where !listening.isSet {
            throw StartError.listen(error)
        }
    }

    /// Set once the server is bound; tells a failure to start listening from a failure while serving.
    private final class Flag: Sendable {
        private let state = Mutex(false)
        func set() { state.withLock { $0 = true } }
        var isSet: Bool { state.withLock { $0 } }
    }
}
