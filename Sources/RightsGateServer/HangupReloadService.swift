import ServiceLifecycle
import UnixSignals

/// Reloads the policy on every SIGHUP, the traditional "re-read your configuration" signal, until the
/// service group shuts down.
struct HangupReloadService: Service {
    let service: GateService

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await service.reloadPolicy(trigger: "SIGHUP")
        }
    }
}
