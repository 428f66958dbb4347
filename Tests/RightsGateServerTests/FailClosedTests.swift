import DecisionLog
import Foundation
import HummingbirdTesting
import RightsGateServer
import Testing

/// When the log cannot be written, or time runs out, no decision leaves the gate.
@Suite struct FailClosedTests {
    @Test func aFailedAppendIs503AndNothingSaysAllow() async throws {
        try await TestGate.run(wrapStore: { FailingStore(reads: $0) }) { client, gate in
            let single = try await client.post("/v1/decisions", Fixtures.allowRequest)
            #expect(single.status == .serviceUnavailable)
            #expect(single.json["code"] as? String == "log.unavailable")
            #expect(single.header("Retry-After") == "1")
            Self.expectNoDecision(single)

            let batch = try await client.post("/v1/decisions/batch", "[\(Fixtures.allowRequest),\(Fixtures.denyRequest)]")
            #expect(batch.status == .serviceUnavailable)
            Self.expectNoDecision(batch)

            #expect(try await gate.store.head() == nil)

            let ready = try await client.get("/readyz", token: nil)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.json["status"] as? String == "not-ready")
            #expect(ready.text.contains("an append to the decision log failed"))

            let metrics = try await client.get("/metrics", token: Tokens.metrics).text
            #expect(metrics.contains(#"rightsgate_errors_total{code="log.unavailable"} 2"#))
            #expect(metrics.contains(#"rightsgate_decisions_total{outcome="allow"} 0"#))
        }
    }

    @Test func aDryRunStillWorksWithoutTheLog() async throws {
        try await TestGate.run(wrapStore: { FailingStore(reads: $0) }) { client, _ in
            let response = try await client.post("/v1/evaluate", Fixtures.allowRequest)
            #expect(response.status == .ok)
            #expect(response.header("RightsGate-Dry-Run") == "true")
        }
    }

    @Test func aHangingLogTimesOutWith503() async throws {
        try await TestGate.run(
            configure: { $0.limits.requestTimeout = .milliseconds(200) },
            wrapStore: { SlowStore(base: $0, delay: .seconds(30)) }
        ) { client, _ in
            // The store would answer after 30 s with a logged decision; a 503 proves the deadline answered
            // first (no wall-clock assertion: tests share two cores with other suites).
            let response = try await client.post("/v1/decisions", Fixtures.allowRequest)
            #expect(response.status == .serviceUnavailable)
            #expect(response.json["code"] as? String == "request.timeout")
            Self.expectNoDecision(response)
        }
    }

    @Test func aRequestThatTimesOutBeforeItsAppendLogsNothing() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            // 1,500 more checks make each item slow to evaluate: the body is read well within the deadline,
            // and the deadline passes while the batch is still being evaluated, before any append.
            let bundle = try Fixtures.copyMini(into: directory)
            try Fixtures.manyChecks(1500).write(to: bundle.appendingPathComponent("checks/many.yaml"), atomically: true, encoding: .utf8)
            try await TestGate.run(policies: bundle.path, configure: { $0.limits.requestTimeout = .milliseconds(300) }) { client, gate in
                let items = (0..<1000).map { Fixtures.request(id: "late-\($0)") }
                let started = ContinuousClock.now
                let response = try await client.post("/v1/decisions/batch", "[" + items.joined(separator: ",") + "]")
                #expect(response.status == .serviceUnavailable)
                #expect(response.json["code"] as? String == "request.timeout")
                Self.expectNoDecision(response)
                // Give a wrongly continuing evaluation time to finish and reach the log (bounded: under a
                // loaded run the answer itself can be slow, and the wait must not grow without end).
                try await Task.sleep(for: min(max(.seconds(2), (ContinuousClock.now - started) * 20), .seconds(10)))
                #expect(try await gate.store.head() == nil, "a client told `request.timeout` must find nothing logged for it")
            }
        }
    }

    static func expectNoDecision(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.json["outcome"] == nil, sourceLocation: sourceLocation)
        #expect(response.json["decision_id"] == nil, sourceLocation: sourceLocation)
        #expect(response.json["results"] == nil, sourceLocation: sourceLocation)
        #expect(response.header("RightsGate-Outcome") == nil, sourceLocation: sourceLocation)
        #expect(!response.text.contains("allow"), sourceLocation: sourceLocation)
    }
}
