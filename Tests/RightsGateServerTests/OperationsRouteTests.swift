import HummingbirdTesting
import RightsGateServer
import Testing

/// `/healthz`, `/readyz` and `/metrics`.
@Suite struct OperationsRouteTests {
    @Test func healthAndReadiness() async throws {
        try await TestGate.run { client, _ in
            let health = try await client.get("/healthz", token: nil)
            #expect(health.text == #"{"status":"ok"}"#)
            let ready = try await client.get("/readyz", token: nil)
            #expect(ready.status == .ok)
            #expect(ready.json["status"] as? String == "ready")
            let checks = try #require(ready.json["checks"] as? [[String: Any]])
            #expect(checks.map { $0["name"] as? String } == ["policy", "log"])
            #expect(checks.allSatisfy { $0["ok"] as? Bool == true })
        }
    }

    @Test func metricsCountDecisionsChecksErrorsAndLatencies() async throws {
        try await TestGate.run { client, _ in
            _ = try await client.post("/v1/decisions", Fixtures.allowRequest)
            _ = try await client.post("/v1/decisions", Fixtures.denyRequest)
            _ = try await client.post("/v1/decisions", Fixtures.invalidEnumRequest)
            _ = try await client.post("/v1/evaluate", Fixtures.denyRequest)
            _ = try await client.get("/v1/decisions", token: nil)
            let response = try await client.get("/metrics", token: Tokens.metrics)
            #expect(response.status == .ok)
            #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            for line in [
                #"rightsgate_decisions_total{outcome="allow"} 1"#,
                #"rightsgate_decisions_total{outcome="deny"} 1"#,
                #"rightsgate_failed_checks_total{check="simple"} 1"#,
                #"rightsgate_dry_runs_total{outcome="deny"} 1"#,
                #"rightsgate_errors_total{code="request.invalid"} 1"#,
                #"rightsgate_errors_total{code="auth.missing-token"} 1"#,
                "rightsgate_log_append_duration_seconds_count 2",
                "rightsgate_evaluation_duration_seconds_count 4",
                "rightsgate_policy_reloads_total 0",
                "rightsgate_policy_reload_failures_total 0",
            ] {
                #expect(text.contains(line), "\(line)")
            }
            #expect(try await client.get("/metrics", token: Tokens.reviewer).status == .ok)
        }
    }
}
