/// Gathers concurrent appends into shared write transactions (group commit).
///
/// A durable commit costs an fsync, which dominates the cost of an append. While one transaction is
/// being written, every append that arrives waits here; when the transaction commits, all waiting
/// appends are written together in the next one. Throughput then grows with concurrency while each
/// caller still resumes only after the transaction holding its records has committed.
///
/// Every caller's batch is all-or-nothing on its own (the store gives each a savepoint): a caller
/// whose entry duplicates a decision id fails alone. A failure of the transaction itself (I/O error,
/// disk full, commit failure) fails every caller in it.
actor GroupCommitter {
    /// Per-caller outcome of one group: records on success, the caller's own error otherwise.
    typealias GroupResult = Result<[LogRecord], DecisionLogError>
    /// Writes a group of batches in one transaction; throws when the transaction as a whole fails.
    typealias Commit = @Sendable ([[PreparedEntry]]) async throws -> [GroupResult]

    private struct Waiter {
        let entries: [PreparedEntry]
        let continuation: CheckedContinuation<[LogRecord], any Error>
    }

    /// Bounds one transaction's size so that a flood of appends does not grow one commit without
    /// end; the rest go in the next transaction.
    private let maximumGroupEntries: Int
    private let commit: Commit
    private var waiting: [Waiter] = []
    private var isDraining = false

    init(maximumGroupEntries: Int = 4096, commit: @escaping Commit) {
        self.maximumGroupEntries = maximumGroupEntries
        self.commit = commit
    }

    /// Queues `entries` as one all-or-nothing batch and returns their records once committed.
    ///
    /// Cancelling the calling task does not withdraw the batch: it may already be in a transaction,
    /// and the caller learns whether it was written only from this call's result.
    func submit(_ entries: [PreparedEntry]) async throws -> [LogRecord] {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiter(entries: entries, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await drain() }
            }
        }
    }

    /// Commits waiting batches group by group until none are left.
    private func drain() async {
        while !waiting.isEmpty {
            // Let callers just resumed by the previous commit submit again before the next group is
            // cut; otherwise a closed loop of N callers settles into two alternating groups of N/2.
            await Task.yield()
            let group = takeGroup()
            do {
                let results = try await commit(group.map(\.entries))
                for (index, waiter) in group.enumerated() {
                    // One result per batch by contract; never leave a caller suspended if it is broken.
                    waiter.continuation.resume(with: index < results.count ? results[index] : .failure(.write(nil)))
                }
            } catch {
                let failure = DecisionLogError.wrapping(error, DecisionLogError.write)
                for waiter in group {
                    waiter.continuation.resume(throwing: failure)
                }
            }
        }
        isDraining = false
    }

    /// Takes waiters from the front up to ``maximumGroupEntries`` entries (always at least one).
    private func takeGroup() -> [Waiter] {
        var count = 0
        var taken = 0
        for waiter in waiting {
            if taken > 0, count + waiter.entries.count > maximumGroupEntries { break }
            count += waiter.entries.count
            taken += 1
        }
        let group = Array(waiting.prefix(taken))
        waiting.removeFirst(taken)
        return group
    }
}
