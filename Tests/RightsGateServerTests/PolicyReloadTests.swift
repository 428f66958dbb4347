import Foundation
import HummingbirdTesting
import RightsGate
import RightsGateServer
import Testing

/// `POST /v1/policy/reload`: a good bundle is swapped in, a bad one is rejected and the old one serves on.
@Suite struct PolicyReloadTests {
    @Test func aGoodBundleIsSwappedIn() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let bundle = try Fixtures.copyMini(into: directory)
            try await TestGate.run(policies: bundle.path) { client, _ in
                let before = try await client.get("/v1/policy").json
                try Fixtures.setVersion("1.1.0", of: bundle)
                let reload = try await client.post("/v1/policy/reload", "", token: Tokens.admin)
                #expect(reload.status == .ok)
                let policy = try #require(reload.json["policy"] as? [String: Any])
                #expect(policy["version"] as? String == "1.1.0")
                #expect(reload.json["previous_digest"] as? String == before["digest"] as? String)
                #expect(reload.json["changed"] as? Bool == true)
                #expect(try await client.get("/v1/policy").json["version"] as? String == "1.1.0")
                let decision = try await client.post("/v1/decisions", Fixtures.allowRequest)
                #expect((decision.json["policy"] as? [String: Any])?["version"] as? String == "1.1.0")
            }
        }
    }

    @Test func aBundleWithErrorsIsRejectedWithItsDiagnosticsAndTheOldOneServes() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let bundle = try Fixtures.copyMini(into: directory)
            try await TestGate.run(policies: bundle.path) { client, _ in
                let before = try await client.get("/v1/policy").json
                try Fixtures.breakBundle(bundle)
                let reload = try await client.post("/v1/policy/reload", "", token: Tokens.admin)
                #expect(reload.status == .unprocessableContent)
                #expect(reload.json["code"] as? String == "policy.invalid")
                let diagnostic = try #require(reload.errors.first { $0["severity"] as? String == "error" })
                #expect(diagnostic["code"] as? String == "schema.unknown-fact")
                #expect((diagnostic["file"] as? String)?.hasSuffix("checks/broken.yaml") == true)
                #expect(diagnostic["line"] as? Int == 4)
                let rendered = try #require(reload.json["rendered"] as? String)
                #expect(rendered.contains("error[schema.unknown-fact]"))
                #expect(rendered.contains("^"))

                let after = try await client.get("/v1/policy").json
                #expect(after["digest"] as? String == before["digest"] as? String)
                #expect(try await client.post("/v1/decisions", Fixtures.allowRequest).status == .ok)

                let metrics = try await client.get("/metrics", token: Tokens.metrics).text
                #expect(metrics.contains("rightsgate_policy_reloads_total 1"))
                #expect(metrics.contains("rightsgate_policy_reload_failures_total 1"))
            }
        }
    }

    @Test func reloadingIsForAdminsOnly() async throws {
        try await TestGate.run { client, _ in
            #expect(try await client.post("/v1/policy/reload", "", token: Tokens.gate).status == .forbidden)
            #expect(try await client.post("/v1/policy/reload", "", token: Tokens.reviewer).status == .forbidden)
            let reload = try await client.post("/v1/policy/reload", "", token: Tokens.admin)
            #expect(reload.status == .ok)
            #expect(reload.json["changed"] as? Bool == false)
        }
    }

    @Test func overlappingReloadsInstallInTheOrderTheyWereAsked() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let bundle = try Fixtures.copyMini(into: directory)
            try await TestGate.run(policies: bundle.path) { client, _ in
                // A: a bundle that takes a while to compile; B, asked while A loads: the small one again.
                let slow = bundle.appendingPathComponent("checks/many.yaml")
                try Fixtures.manyChecks(1500).write(to: slow, atomically: true, encoding: .utf8)
                try Fixtures.setVersion("9.9.9", of: bundle)
                async let first = client.post("/v1/policy/reload", "", token: Tokens.admin)
                try await Task.sleep(for: .milliseconds(100))
                try FileManager.default.removeItem(at: slow)
                let manifest = bundle.appendingPathComponent("bundle.yaml")
                try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "9.9.9", with: "2.0.0")
                    .write(to: manifest, atomically: true, encoding: .utf8)
                let second = try await client.post("/v1/policy/reload", "", token: Tokens.admin)
                _ = try await first
                #expect(second.status == .ok)
                #expect((second.json["policy"] as? [String: Any])?["version"] as? String == "2.0.0")
                // What serves is what is on disk and what the last reload answered, not the slower earlier load.
                #expect(try await client.get("/v1/policy").json["version"] as? String == "2.0.0")
            }
        }
    }
}
