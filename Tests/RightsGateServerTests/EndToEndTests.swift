import Foundation
import Testing

/// `rightsgate serve` as a process on a loopback port: every status and body a client can meet, hot
/// reload by SIGHUP, graceful shutdown by SIGTERM, and the log it leaves behind.
@Suite(.serialized) struct EndToEndTests {
    @Test func aServerProcessAnswersEveryKindOfRequest() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let bundle = try Fixtures.copyMini(into: directory)
            let tokens = directory.appendingPathComponent("tokens.yaml")
            try Tokens.fileText.write(to: tokens, atomically: true, encoding: .utf8)
            let logPath = directory.appendingPathComponent("decisions.sqlite").path
            let server = try await ServerProcess.start(["--policies", bundle.path, "--tokens", tokens.path, "--log", logPath,
                                                  "--max-body", "4096", "--log-level", "debug"], in: directory)
            let client = LiveClient(base: server.baseURL)

            // Open routes.
            #expect(try await client.send("GET", "/healthz").status == 200)
            let ready = try await client.send("GET", "/readyz")
            #expect(ready.status == 200)
            #expect(ready.json["status"] as? String == "ready")

            // Access control.
            let anonymous = try await client.send("POST", "/v1/decisions", body: Fixtures.allowRequest)
            #expect(anonymous.status == 401)
            #expect(anonymous.json["code"] as? String == "auth.missing-token")
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            let unknown = try await client.send("POST", "/v1/decisions", body: Fixtures.allowRequest, token: Tokens.unknown)
            #expect(unknown.status == 401)
            #expect(unknown.json["code"] as? String == "auth.invalid-token")
            let wrongRole = try await client.send("POST", "/v1/decisions", body: Fixtures.allowRequest, token: Tokens.reviewer)
            #expect(wrongRole.status == 403)
            #expect(wrongRole.json["code"] as? String == "auth.forbidden")

            // Decisions.
            let allowed = try await client.send("POST", "/v1/decisions", body: Fixtures.allowRequest, token: Tokens.gate)
            #expect(allowed.status == 200)
            #expect(allowed.json["outcome"] as? String == "allow")
            #expect(allowed.header("RightsGate-Outcome") == "allow")
            #expect(DecisionBytes.normalised(allowed.text) == DecisionBytes.normalised(try DecisionBytes.library(Fixtures.allowRequest)))
            let denied = try await client.send("POST", "/v1/decisions?lang=sv", body: Fixtures.denyRequest, token: Tokens.gate)
            #expect(denied.json["outcome"] as? String == "deny")
            #expect(denied.json["language"] as? String == "sv")

            // Bad bodies.
            let invalid = try await client.send("POST", "/v1/decisions", body: Fixtures.invalidEnumRequest, token: Tokens.gate)
            #expect(invalid.status == 400)
            #expect(invalid.json["code"] as? String == "request.invalid")
            let issue = (invalid.json["errors"] as? [[String: Any]])?.first
            #expect(issue?["path"] as? String == "$.level")
            #expect(issue?["line"] as? Int == 1)
            #expect(issue?["column"] as? Int == 38)
            let malformed = try await client.send("POST", "/v1/decisions", body: Fixtures.malformedRequest, token: Tokens.gate)
            #expect(malformed.status == 400)
            #expect(malformed.json["outcome"] == nil)
            let oversized = try await client.send("POST", "/v1/decisions", body: String(repeating: " ", count: 5000) + "{}",
                                                  token: Tokens.gate)
            #expect(oversized.status == 413)
            #expect(oversized.json["code"] as? String == "request.body-too-large")

            // A batch with an invalid item.
            let batch = try await client.send("POST", "/v1/decisions/batch",
                                              body: "[\(Fixtures.request(id: "e-b0")),\(Fixtures.invalidEnumRequest)]",
                                              token: Tokens.gate)
            #expect(batch.status == 200)
            let results = batch.json["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? Int } == [200, 400])

            // A dry run.
            let dryRun = try await client.send("POST", "/v1/evaluate", body: Fixtures.denyRequest, token: Tokens.gate)
            #expect(dryRun.status == 200)
            #expect(dryRun.header("RightsGate-Dry-Run") == "true")

            // Reading the log.
            let id = try #require(allowed.json["decision_id"] as? String)
            let read = try await client.send("GET", "/v1/decisions/\(id)", token: Tokens.reviewer)
            #expect(read.status == 200)
            #expect(read.body == allowed.body)
            #expect(try await client.send("GET", "/v1/decisions/\(UUID().uuidString.lowercased())", token: Tokens.reviewer).status == 404)
            let page = try await client.send("GET", "/v1/decisions?limit=2", token: Tokens.reviewer)
            #expect((page.json["items"] as? [Any])?.count == 2)
            #expect(page.json["next_cursor"] as? String == "2")
            let policy = try await client.send("GET", "/v1/policy", token: Tokens.reviewer)
            #expect(policy.json["version"] as? String == "1.0.0")
            let metrics = try await client.send("GET", "/metrics", token: Tokens.metrics)
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(#"rightsgate_decisions_total{outcome="deny"} 1"#))
            #expect(try await client.send("GET", "/metrics").status == 401)
            #expect(try await client.send("GET", "/nowhere", token: Tokens.admin).status == 404)

            // SIGHUP reloads a good bundle...
            try Fixtures.setVersion("2.0.0", of: bundle)
            server.signal(SIGHUP)
            #expect(try await Self.waitForVersion("2.0.0", client))
            // ...and rejects a broken one, which the HTTP reload reports as 422.
            try Fixtures.breakBundle(bundle)
            server.signal(SIGHUP)
            // The SIGHUP rejection shows in the server's log (the HTTP reload below logs trigger=http).
            var rejectedBySignal = false
            for _ in 0..<100 where !rejectedBySignal {
                rejectedBySignal = server.log.split(separator: "\n").contains {
                    $0.contains("policy reload rejected") && $0.contains("policy.trigger=SIGHUP")
                }
                if !rejectedBySignal { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(rejectedBySignal, "\(server.log)")
            #expect(try await client.send("GET", "/v1/policy", token: Tokens.reviewer).json["version"] as? String == "2.0.0")
            let reload = try await client.send("POST", "/v1/policy/reload", token: Tokens.admin)
            #expect(reload.status == 422)
            #expect(reload.json["code"] as? String == "policy.invalid")
            #expect(try await client.send("POST", "/v1/decisions", body: Fixtures.allowRequest, token: Tokens.gate).status == 200)

            // SIGTERM drains and exits 0.
            server.signal(SIGTERM)
            #expect(await server.waitForExit() == 0, "\(server.log)")

            // The log holds the four decisions (two singles, one batch item, one after the reloads), intact.
            let verify = try await Executable.run(["log", "verify", "--log", logPath])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.hasPrefix("ok: 4 records, chain intact, head 4:"))
            let export = try await Executable.run(["log", "export", "--log", logPath, "--outcome", "deny"])
            #expect(export.status == 0)
            #expect(export.stdout.split(separator: "\n").count == 1)

            // Nothing secret in the server's own log.
            let log = server.log
            #expect(log.contains("policy reloaded"))
            #expect(log.contains("policy reload rejected"))
            for token in Tokens.all + [Tokens.unknown] { #expect(!log.contains(token)) }
            #expect(!log.contains("abuse.example"))
            await server.stop()
        }
    }

    @Test func theServerRefusesToStartWithoutTokensOrWithABrokenBundle() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let noTokens = try await Executable.run(["serve", "--policies", Fixtures.miniBundle, "--port", "0",
                                               "--log", directory.appendingPathComponent("a.sqlite").path])
            #expect(noTokens.status == 64)
            #expect(noTokens.stderr.contains("--insecure-no-auth"))

            let exposed = try await Executable.run(["serve", "--policies", Fixtures.miniBundle, "--port", "0", "--host", "0.0.0.0",
                                              "--insecure-no-auth", "--log", directory.appendingPathComponent("b.sqlite").path])
            #expect(exposed.status == 64)
            #expect(exposed.stderr.contains("loopback"))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("b.sqlite").path),
                    "a refused configuration must not create the log")

            for timeout in ["nan", "1e300", "0"] {
                let refused = try await Executable.run(["serve", "--policies", Fixtures.miniBundle, "--port", "0",
                                                        "--insecure-no-auth", "--request-timeout", timeout,
                                                        "--log", directory.appendingPathComponent("t.sqlite").path])
                #expect(refused.status == 64, "--request-timeout \(timeout): \(refused.stderr)")
                #expect(refused.stderr.contains("--request-timeout"))
            }

            // A port already taken: a usage error that says where, not a crash or exit 1.
            let first = try await ServerProcess.start(["--policies", Fixtures.miniBundle, "--insecure-no-auth",
                                                       "--log", directory.appendingPathComponent("p1.sqlite").path], in: directory)
            let taken = try await Executable.run(["serve", "--policies", Fixtures.miniBundle, "--insecure-no-auth",
                                                  "--port", "\(first.port)",
                                                  "--log", directory.appendingPathComponent("p2.sqlite").path])
            await first.stop()
            #expect(taken.status == 64, "\(taken.stderr)")
            #expect(taken.stderr.contains("cannot listen on 127.0.0.1:\(first.port)"), "\(taken.stderr)")

            let bundle = try Fixtures.copyMini(into: directory)
            try Fixtures.breakBundle(bundle)
            let broken = try await Executable.run(["serve", "--policies", bundle.path, "--port", "0", "--insecure-no-auth",
                                             "--log", directory.appendingPathComponent("c.sqlite").path])
            #expect(broken.status == 65)
            #expect(broken.stderr.contains("error[schema.unknown-fact]"))
        }
    }

    @Test func insecureModeWarnsLoudlyAndHMACMaskingReachesTheLog() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let key = directory.appendingPathComponent("mask.key")
            try Data((0..<32).map { UInt8($0) }).write(to: key)
            let logPath = directory.appendingPathComponent("d.sqlite").path
            let server = try await ServerProcess.start(["--policies", Fixtures.miniBundle, "--insecure-no-auth",
                                                        "--mask", "hmac", "--mask-key-file", key.path,
                                                        "--log", logPath], in: directory)
            let client = LiveClient(base: server.baseURL)
            #expect(try await client.send("POST", "/v1/decisions", body: Fixtures.allowRequest).status == 200)
            #expect(server.log.contains("WARNING: --insecure-no-auth"))
            #expect(server.log.contains("authentication is OFF"))
            server.signal(SIGINT)
            #expect(await server.waitForExit() == 0)

            let export = try await Executable.run(["log", "export", "--log", logPath])
            #expect(export.stdout.contains(#""secret":"hmac-sha256:"#))
            #expect(!export.stdout.contains("abuse.example"))

            try Data([1, 2, 3]).write(to: key)
            let shortKey = try await Executable.run(["serve", "--insecure-no-auth", "--port", "0", "--mask", "hmac",
                                                     "--mask-key-file", key.path, "--log", logPath])
            #expect(shortKey.status == 64)
            #expect(shortKey.stderr.contains("shorter than 16 bytes"))
        }
    }

    @Test func shutdownLetsARequestInFlightFinish() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let tokens = directory.appendingPathComponent("tokens.yaml")
            try Tokens.fileText.write(to: tokens, atomically: true, encoding: .utf8)
            let logPath = directory.appendingPathComponent("drain.sqlite").path
            let server = try await ServerProcess.start(["--policies", Fixtures.miniBundle, "--tokens", tokens.path,
                                                        "--log", logPath], in: directory)
            let body = Fixtures.allowRequest
            let split = body.index(body.startIndex, offsetBy: body.count / 2)
            let connection = try RawHTTP(port: server.port)
            try connection.send("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(Tokens.gate)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                + String(body[..<split]))
            try await Task.sleep(for: .milliseconds(300))
            server.signal(SIGTERM)
            try await Task.sleep(for: .milliseconds(300))
            #expect(server.process.isRunning, "the server must wait for the request in flight")
            try connection.send(String(body[split...]))
            let response = await Task.detached { connection.receiveAll() }.value
            #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(200))")
            #expect(response.contains("RightsGate-Outcome: allow"))
            #expect(await server.waitForExit() == 0, "\(server.log)")
            let verify = try await Executable.run(["log", "verify", "--log", logPath])
            #expect(verify.stdout.hasPrefix("ok: 1 records"))
        }
    }

    @Test func aBodyThatStopsArrivingTimesOutAndNothingIsLogged() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let tokens = directory.appendingPathComponent("tokens.yaml")
            try Tokens.fileText.write(to: tokens, atomically: true, encoding: .utf8)
            let logPath = directory.appendingPathComponent("slow.sqlite").path
            let server = try await ServerProcess.start(["--policies", Fixtures.miniBundle, "--tokens", tokens.path,
                                                        "--log", logPath, "--request-timeout", "0.3"], in: directory)
            let body = Fixtures.allowRequest
            let connection = try RawHTTP(port: server.port)
            // Half the announced body, then silence: only the request's deadline can end the wait.
            try connection.send("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(Tokens.gate)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                + String(body.prefix(body.count / 2)))
            let response = await Task.detached { connection.receiveAll() }.value
            #expect(response.hasPrefix("HTTP/1.1 503"), "\(response.prefix(200))")
            #expect(response.contains(#""code":"request.timeout""#), "\(response)")
            #expect(!response.contains("RightsGate-Outcome"))

            // The server still answers, and the log holds nothing.
            let client = LiveClient(base: server.baseURL)
            #expect(try await client.send("GET", "/healthz").status == 200)
            await server.stop()
            let verify = try await Executable.run(["log", "verify", "--log", logPath])
            #expect(verify.stdout.hasPrefix("ok: 0 records"), "\(verify.stdout)")
        }
    }

    private static func waitForVersion(_ version: String, _ client: LiveClient) async throws -> Bool {
        for _ in 0..<100 {
            let policy = try await client.send("GET", "/v1/policy", token: Tokens.reviewer)
            if policy.json["version"] as? String == version { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
