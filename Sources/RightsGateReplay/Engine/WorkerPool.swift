import Dispatch

/// The workers of a run, each in its own slot of manually allocated memory, as in the core's
/// `StreamEvaluator`: every concurrent iteration mutates only its own slot, and slots are read only after
/// `concurrentPerform` returns, so no lock is needed and no exclusivity check fires on shared storage.
final class WorkerPool: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<ReplayWorker>
    let count: Int

    init(_ workers: [ReplayWorker]) {
        count = workers.count
        storage = .allocate(capacity: workers.count)
        for (i, worker) in workers.enumerated() { (storage + i).initialize(to: worker) }
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Splits `items` into contiguous parts, one per worker (one part for a small batch), and processes the
    /// parts concurrently.
    func process(_ items: [RawBatch.Item], buffer: SharedBuffer, input: InputContext) {
        guard !items.isEmpty else { return }
        let parts = items.count < 64 ? 1 : min(count, items.count)
        let chunk = (items.count + parts - 1) / parts
        let work: @Sendable (Int) -> Void = { part in
            let start = part * chunk
            let end = min(start + chunk, items.count)
            guard start < end else { return }
            for i in start..<end {
                self.storage[part].process(items[i], buffer: buffer.pointer, input: input)
            }
        }
        if parts == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts, execute: work)
        }
    }

    /// The workers' tallies (after processing has finished).
    var tallies: [Tally] { (0..<count).map { storage[$0].tally } }
}

/// A read-only view of a batch buffer, shared by the workers while the buffer is pinned.
struct SharedBuffer: @unchecked Sendable {
    let pointer: UnsafeBufferPointer<UInt8>
}
