import Hummingbird
import Synchronization

/// Time limits that return an error to the client on time even when the work cannot be interrupted.
///
/// A log append cannot be withdrawn once submitted (the group commit may already be writing it), so the
/// work runs in its own task and the caller gets ``GateError/timeout`` when the deadline passes first; the
/// work then finishes alone and its result is dropped. The log may therefore hold a decision whose answer
/// never reached the client, never the reverse.
enum Deadline {
    /// Runs `operation` in a new task and returns its result, or throws ``GateError/timeout`` at `deadline`.
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let once = ResumeOnce<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.install(continuation)
            let timer = Task {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    once.resume(with: .failure(GateError.timeout))
                } catch {
                    // Cancelled: the work finished first.
                }
            }
            Task {
                let result: Result<T, any Error>
                do { result = .success(try await operation()) } catch { result = .failure(error) }
                timer.cancel()
                once.resume(with: result)
            }
        }
    }

    /// Collects a request body of at most `limit` bytes, throwing ``GateError/timeout`` at `deadline`.
    ///
    /// Reading is cancellable, so this races it in a task group and cancels the slower side.
    static func collect(
        _ body: RequestBody, upTo limit: Int, until deadline: ContinuousClock.Instant
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw GateError.timeout }
            return buffer
        }
    }
}

/// A continuation that is resumed by whichever side comes first; later resumes are ignored.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, pending: Result<T, any Error>?)>((nil, nil))

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = state.withLock { state in
            if let pending = state.pending { return pending }
            state.continuation = continuation
            return nil
        }
        if let pending { continuation.resume(with: pending) }
    }

    func resume(with result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = state.withLock { state in
            if let continuation = state.continuation {
                state.continuation = nil
                state.pending = .failure(CancellationError())
                return continuation
            }
            if case .none = state.pending { state.pending = result }
            return nil
        }
        continuation?.resume(with: result)
    }
}
