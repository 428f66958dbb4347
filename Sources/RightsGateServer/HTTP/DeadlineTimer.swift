import Synchronization

/// Request deadlines on one shared, coarse timer.
///
/// A `Task.sleep` per request arms and disarms a dispatch timer through libdispatch's manager thread
/// (an eventfd write and a timerfd update each way): with two sleeps per logged decision that was a
/// tenth of the server's CPU under load (docs/performance.md, "Service"). Here a deadline is an entry in
/// a table that one sleeping task scans every ``resolution`` while any entry is pending; arming and
/// disarming cost a lock and a dictionary update. A deadline fires at most one resolution late, which is
/// nothing next to request timeouts measured in seconds.
final class DeadlineTimer: Sendable {
    /// The timer every route shares.
    static let shared = DeadlineTimer(resolution: .milliseconds(10))

    /// Identifies an armed deadline so that it can be disarmed.
    struct Token: Sendable {
        fileprivate let id: UInt64
    }

    private struct Entry {
        let deadline: ContinuousClock.Instant
        let fire: @Sendable () -> Void
    }

    private struct State {
        var lastID: UInt64 = 0
        var pending: [UInt64: Entry] = [:]
        /// Whether a scanning task is running; it stops when the table empties and the next arm restarts it.
        var isScanning = false
    }

    /// How often pending deadlines are checked, and so how late one may fire.
    let resolution: Duration
    private let state = Mutex(State())

    init(resolution: Duration) {
        self.resolution = resolution
    }

    /// Calls `fire` once `deadline` has passed, unless ``disarm(_:)`` comes first.
    ///
    /// `fire` runs on the scanning task, outside the lock; it must be quick and must not block.
    func arm(at deadline: ContinuousClock.Instant, _ fire: @escaping @Sendable () -> Void) -> Token {
        let (token, startScanning) = state.withLock { state in
            state.lastID &+= 1
            state.pending[state.lastID] = Entry(deadline: deadline, fire: fire)
            defer { state.isScanning = true }
            return (Token(id: state.lastID), !state.isScanning)
        }
        if startScanning {
            Task { await self.scan() }
        }
        return token
    }

    /// Withdraws a deadline; nothing happens if it has already fired.
    func disarm(_ token: Token) {
        _ = state.withLock { $0.pending.removeValue(forKey: token.id) }
    }

    /// Fires due deadlines every ``resolution`` until none are pending.
    private func scan() async {
        while true {
            // Nobody cancels this task; if the runtime ever does, the loop still ends once the table empties.
            try? await Task.sleep(for: resolution)
            let now = ContinuousClock.now
            let (due, isEmpty) = state.withLock { state -> ([Entry], Bool) in
                let due = state.pending.filter { $0.value.deadline <= now }
                for id in due.keys { state.pending[id] = nil }
                if state.pending.isEmpty { state.isScanning = false }
                return (Array(due.values), state.pending.isEmpty)
            }
            for entry in due { entry.fire() }
            if isEmpty { return }
        }
    }
}
