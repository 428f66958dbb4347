import Foundation
import Testing

/// The shell step in docs/service.md, run as written against a live server: it proceeds (exit 0) only on
/// a logged allow.
@Suite(.serialized) struct PipelineExampleTests {
    /// The script between the `pipeline-step` markers of docs/service.md.
    static func script() throws -> String {
        let text = try String(contentsOf: Fixtures.repository.appendingPathComponent("docs/service.md"), encoding: .utf8)
        let start = try #require(text.range(of: "<!-- pipeline-step: begin -->\n```sh\n"))
        let end = try #require(text.range(of: "```\n<!-- pipeline-step: end -->"))
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func theDocumentedStepProceedsOnlyOnAllow() async throws {
        guard let bash = Command.find("bash"), Command.find("curl") != nil else {
            Issue.record("this test runs the documented shell step and needs `bash` and `curl` (7.84 or later) on PATH")
            return
        }
        try await Fixtures.withTemporaryDirectory { directory in
            let step = directory.appendingPathComponent("gate-step.sh")
            try Self.script().write(to: step, atomically: true, encoding: .utf8)
            let tokens = directory.appendingPathComponent("tokens.yaml")
            try Tokens.fileText.write(to: tokens, atomically: true, encoding: .utf8)
            let server = try await ServerProcess.start(["--policies", Fixtures.miniBundle, "--tokens", tokens.path,
                                                  "--log", directory.appendingPathComponent("log.sqlite").path], in: directory)
            func run(_ request: String, token: String = Tokens.gate, url: URL? = nil) async throws -> Executable.Result {
                let file = directory.appendingPathComponent("request.json")
                try request.write(to: file, atomically: true, encoding: .utf8)
                return try await Command.run(bash, [step.path, file.path], environment: [
                    "RIGHTSGATE_URL": (url ?? server.baseURL).absoluteString, "RIGHTSGATE_TOKEN": token,
                    "DECISION_FILE": directory.appendingPathComponent("decision.json").path,
                ], directory: directory)
            }

            let allow = try await run(Fixtures.allowRequest)
            #expect(allow.status == 0, "\(allow.stdout)\(allow.stderr)")
            #expect(allow.stdout.hasPrefix("allowed (decision "))
            let deny = try await run(Fixtures.denyRequest)
            #expect(deny.status == 1, "\(deny.stdout)\(deny.stderr)")
            #expect(deny.stderr.contains("gate said deny"))
            let invalid = try await run(Fixtures.invalidEnumRequest)
            #expect(invalid.status == 2)
            #expect(invalid.stderr.contains("HTTP 400"))
            let unauthorised = try await run(Fixtures.allowRequest, token: Tokens.unknown)
            #expect(unauthorised.status == 2)
            #expect(unauthorised.stderr.contains("HTTP 401"))

            server.signal(SIGTERM)
            _ = await server.waitForExit()
            let unreachable = try await run(Fixtures.allowRequest, url: server.baseURL)
            #expect(unreachable.status == 2)
            #expect(unreachable.stderr.contains("gate unreachable"))
        }
    }
}
