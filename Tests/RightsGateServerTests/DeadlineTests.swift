import Synchronization
import Testing
@testable import RightsGateServer

/// The shared deadline timer and the race it referees. No wall-clock assertions: only order and outcome.
struct DeadlineTests {
    @Test func anArmedDeadlineFiresOnceAndADisarmedOneNever() async throws {
        let timer = DeadlineTimer(resolution: .milliseconds(5))
        let fired = Mutex<[String]>([])
        _ = timer.arm(at: .now + .milliseconds(20)) { fired.withLock { $0.append("armed") } }
        let withdrawn = timer.arm(at: .now + .milliseconds(20)) { fired.withLock { $0.append("disarmed") } }
        timer.disarm(withdrawn)
        for _ in 0..<400 where fired.withLock({ $0.isEmpty }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(fired.withLock { $0 } == ["armed"])
    }

    @Test func theTimerRestartsAfterFallingIdle() async throws {
        let timer = DeadlineTimer(resolution: .milliseconds(5))
        for round in 1...2 {
            let fired = Mutex(false)
            _ = timer.arm(at: .now) { fired.withLock { $0 = true } }
            for _ in 0..<400 where !fired.withLock({ $0 }) {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(fired.withLock { $0 }, "round \(round)")
            try await Task.sleep(for: .milliseconds(30))   // the scanning task stops once nothing is pending
        }
    }

    @Test func workThatFinishesFirstWins() async throws {
        let value = try await Deadline.run(until: .now + .seconds(30)) { 42 }
        #expect(value == 42)
    }

    @Test func theDeadlineWinsAndCancelsTheWork() async throws {
        let sawCancellation = Mutex(false)
        let error = await #expect(throws: GateError.self) {
            try await Deadline.run(until: .now + .milliseconds(20), timer: DeadlineTimer(resolution: .milliseconds(5))) {
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    sawCancellation.withLock { $0 = true }
                    throw error
                }
            }
        }
        #expect(error?.code == "request.timeout")
        for _ in 0..<400 where !sawCancellation.withLock({ $0 }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(sawCancellation.withLock { $0 }, "the losing work must be cancelled")
    }

    @Test func theWorksOwnErrorComesThrough() async throws {
        struct Broken: Error {}
        await #expect(throws: Broken.self) {
            try await Deadline.run(until: .now + .seconds(30)) { throw Broken() }
        }
    }
}
