import RightsGate
import Synchronization

/// The bundle currently serving, swapped atomically on reload.
///
/// Readers take the reference under the mutex and release it at once; evaluation then runs on that
/// immutable snapshot with no lock held, so a reload never waits for requests and a request never sees
/// half a reload. A request uses one snapshot from decoding to logging.
final class PolicyHolder: Sendable {
    private let current: Mutex<PolicyBundle>

    init(_ bundle: PolicyBundle) { current = Mutex(bundle) }

    /// The bundle to use for one request.
    var bundle: PolicyBundle { current.withLock { $0 } }

    /// Installs `bundle` and returns the one it replaced.
    func replace(with bundle: PolicyBundle) -> PolicyBundle {
        current.withLock { held in
            let previous = held
            held = bundle
            return previous
        }
    }
}
