import Hummingbird
import Synchronization

/// Time limits that return an error to the client on time even when the work cannot be interrupted.
///
/// A route's work (reading the body, evaluating, appending to the log) runs in its own task, and the caller
/// gets ``GateError/timeout`` when the deadline passes first. The work task is then cancelled, which stops
/// a body that is still arriving; a log append cannot be withdrawn once submitted (the group commit may
/// already be writing it), so it finishes alone and its result is dropped. The log may therefore hold a
/// decision whose answer never reached the client, never the reverse.
enum Deadline {
    /// Runs `operation` in a new task and returns its result, or throws ``GateError/timeout`` at `deadline`.
    ///
    /// Cancelling the calling task cancels the work task too.
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant, timer: DeadlineTimer = .shared,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.install(continuation)
                let token = timer.arm(at: deadline) {
                    race.finish(with: .failure(GateError.timeout))
                }
                race.start(Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await operation()) } catch { result = .failure(error) }
                    timer.disarm(token)
                    race.finish(with: result)
                })
            }
        } onCancel: {
            race.cancelWork()
        }
    }
}

/// The work and the deadline racing to answer one caller: the first result resumes it, later ones are
/// dropped, and a lost race cancels the work.
private final class Race<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var work: Task<Void, Never>?
        var isFinished = false
        var isCancelled = false
    }

    private let state = Mutex(State())

    /// Must come before the timer is armed and the work starts, so that nothing can finish first.
    func install(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Records the work task; cancels it at once if the race was already lost.
    func start(_ work: Task<Void, Never>) {
        let cancel = state.withLock { state in
            state.work = work
            return state.isCancelled
        }
        if cancel { work.cancel() }
    }

    /// Answers the caller with `result` if nobody has yet; a timeout also cancels the work.
    func finish(with result: Result<T, any Error>) {
        let (continuation, work): (CheckedContinuation<T, any Error>?, Task<Void, Never>?) = state.withLock { state in
            guard !state.isFinished else { return (nil, nil) }
            state.isFinished = true
            let continuation = state.continuation
            state.continuation = nil
            if case .failure = result { state.isCancelled = true; return (continuation, state.work) }
            return (continuation, nil)
        }
        work?.cancel()
        continuation?.resume(with: result)
    }

    func cancelWork() {
        let work = state.withLock { state in
            state.isCancelled = true
            return state.work
        }
        work?.cancel()
    }
}
