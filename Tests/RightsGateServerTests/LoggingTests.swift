import HummingbirdTesting
import InMemoryLogging
import Logging
import RightsGateServer
import Testing

/// Tokens never appear in the server's logs, whatever the level; the caller's name does.
@Suite struct LoggingTests {
    @Test func tokensNeverReachTheLog() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .trace
        try await TestGate.run(logger: logger) { client, _ in
            for token in Tokens.all + [Tokens.unknown] {
                _ = try await client.post("/v1/decisions", Fixtures.allowRequest, token: token)
                _ = try await client.post("/v1/decisions", Fixtures.invalidEnumRequest, token: token)
                _ = try await client.get("/v1/decisions", token: token)
                _ = try await client.post("/v1/policy/reload", "", token: token)
                _ = try await client.get("/nope", token: token)
            }
        }
        let lines = handler.entries.map { "\($0.message) \($0.metadata)" }
        #expect(!lines.isEmpty)
        for token in Tokens.all + [Tokens.unknown] {
            #expect(!lines.contains { $0.contains(token) }, "token logged")
        }
        #expect(lines.contains { $0.contains("decision logged") && $0.contains("pipeline") })
        #expect(!lines.contains { $0.contains("abuse.example") }, "request content logged")
    }
}
