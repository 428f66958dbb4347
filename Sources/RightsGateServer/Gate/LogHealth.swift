import Synchronization

/// Remembers a recent append failure so that `/readyz` reports the log as failing for a while after one,
/// and a load balancer sends traffic elsewhere instead of into errors.
final class LogHealth: Sendable {
    /// How long after a failed append the log counts as failing (unless an append succeeds first).
    static let failureWindow: Duration = .seconds(5)

    private let lastFailure = Mutex<ContinuousClock.Instant?>(nil)

    func appendSucceeded() {
        lastFailure.withLock { $0 = nil }
    }

    func appendFailed() {
        lastFailure.withLock { $0 = .now }
    }

    /// True when an append failed within ``failureWindow`` and none has succeeded since.
    var recentlyFailed: Bool {
        lastFailure.withLock { instant in instant.map { $0.duration(to: .now) < Self.failureWindow } ?? false }
    }
}
