import DecisionLog
import Foundation
import GRDB
import Synchronization
import Testing

/// The crash test: decisions stream in while the server is killed with SIGKILL. Every decision a client
/// got a 200 for must be in the log afterwards, and the chain must verify; an edit made by hand must then
/// make verification fail naming the record.
@Suite(.serialized) struct CrashTests {
    /// What the load generator was told: decision id → the body it received.
    final class Acknowledged: Sendable {
        private let state = Mutex<[String: Data]>([:])
        func add(_ id: String, _ body: Data) { state.withLock { $0[id] = body } }
        var all: [String: Data] { state.withLock { $0 } }
        var count: Int { state.withLock { $0.count } }
    }

    /// Shared between the load generator's tasks.
    final class Flags: Sendable {
        let stop = Atomic<Bool>(false)
        let failures = Atomic<Int>(0)
    }

    @Test func everyAcknowledgedDecisionSurvivesSIGKILL() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let tokens = directory.appendingPathComponent("tokens.yaml")
            try Tokens.fileText.write(to: tokens, atomically: true, encoding: .utf8)
            let logPath = directory.appendingPathComponent("decisions.sqlite").path
            let arguments = ["--policies", Fixtures.miniBundle, "--tokens", tokens.path, "--log", logPath, "--log-level", "error"]
            let server = try await ServerProcess.start(arguments, in: directory)
            let client = LiveClient(base: server.baseURL, connections: 16)

            // Sixteen closed-loop clients send decisions until the server dies under them.
            let acknowledged = Acknowledged()
            let flags = Flags()
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        var n = 0
                        while !flags.stop.load(ordering: .relaxed) {
                            n += 1
                            let request = Fixtures.request(id: "crash-\(worker)-\(n)", deny: n.isMultiple(of: 3))
                            do {
                                let response = try await client.send("POST", "/v1/decisions", body: request, token: Tokens.gate)
                                if response.status == 200, let id = response.header("RightsGate-Decision-Id") {
                                    acknowledged.add(id, response.body)
                                } else {
                                    flags.failures.add(1, ordering: .relaxed)
                                }
                            } catch {
                                flags.failures.add(1, ordering: .relaxed)
                                if !server.process.isRunning { break }
                            }
                        }
                    }
                }
                group.addTask {
                    // Kill mid-stream: once a good number of decisions were acknowledged.
                    let deadline = ContinuousClock.now + .seconds(60)
                    while acknowledged.count < 400, ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(5))
                    }
                    server.signal(SIGKILL)
                    _ = await server.waitForExit()
                    try? await Task.sleep(for: .milliseconds(200))
                    flags.stop.store(true, ordering: .relaxed)
                }
            }
            #expect(server.process.terminationReason == .uncaughtSignal)
            let acked = acknowledged.all
            #expect(acked.count >= 400)
            #expect(flags.failures.load(ordering: .relaxed) > 0, "the kill should have cut some requests off")

            // The chain is intact.
            let verify = try await Executable.run(["log", "verify", "--log", logPath])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

            // After a restart, every acknowledged decision is served from the log, byte for byte.
            let restarted = try await ServerProcess.start(arguments, in: directory)
            let reader = LiveClient(base: restarted.baseURL)
            #expect(try await reader.send("GET", "/readyz").status == 200)
            var logged: Set<String> = []
            var uri = "/v1/decisions?limit=1000"
            while true {
                let page = try await reader.send("GET", uri, token: Tokens.reviewer)
                let object = try JSONSerialization.jsonObject(with: page.body) as? [String: Any] ?? [:]
                for item in object["items"] as? [[String: Any]] ?? [] {
                    if let id = item["decision_id"] as? String { logged.insert(id) }
                }
                guard let cursor = object["next_cursor"] as? String else { break }
                uri = "/v1/decisions?limit=1000&cursor=\(cursor)"
            }
            let missing = acked.keys.filter { !logged.contains($0) }
            #expect(missing.isEmpty, "acknowledged but not logged: \(missing.prefix(5))")
            for (id, body) in acked.prefix(50) {
                let read = try await reader.send("GET", "/v1/decisions/\(id)", token: Tokens.reviewer)
                #expect(read.body == body)
            }
            // The log goes on from where it stopped.
            #expect(try await reader.send("POST", "/v1/decisions", body: Fixtures.allowRequest, token: Tokens.gate).status == 200)
            restarted.signal(SIGTERM)
            #expect(await restarted.waitForExit() == 0)
            let again = try await Executable.run(["log", "verify", "--log", logPath])
            #expect(again.status == 0, "\(again.stdout)")

            // An edit by hand (triggers dropped first, as an attacker with file access would) is found and named.
            let queue = try DatabaseQueue(path: logPath)
            let target = try await queue.write { db -> Int64 in
                let sequence = try Int64.fetchOne(db, sql: """
                    SELECT sequence FROM decisions WHERE outcome = 'deny' ORDER BY sequence LIMIT 1 OFFSET 50
                    """) ?? 1
                try db.execute(sql: "DROP TRIGGER decisions_no_update")
                try db.execute(sql: "UPDATE decisions SET outcome = 'allow' WHERE sequence = ?", arguments: [sequence])
                return sequence
            }
            try queue.close()
            let tampered = try await Executable.run(["log", "verify", "--log", logPath])
            #expect(tampered.status == 65)
            #expect(tampered.stdout.contains("FAILED"))
            #expect(tampered.stdout.contains("record \(target) (decision "))
            #expect(tampered.stdout.contains("content edited"))
        }
    }
}
