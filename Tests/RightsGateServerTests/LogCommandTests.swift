import DecisionLog
import Foundation
import HummingbirdTesting
import RightsGateServer
import Testing

/// `rightsgate log verify|export` and `rightsgate token hash|generate`.
@Suite struct LogCommandTests {
    /// A log with three decisions written through the service.
    private func makeLog(in directory: URL) async throws -> String {
        let path = directory.appendingPathComponent("decisions.sqlite").path
        let store = try SQLiteDecisionStore(path: path, logger: .silent)
        var configuration = GateConfiguration(policiesDirectory: Fixtures.miniBundle, tokens: try Tokens.table())
        configuration.port = 0
        let service = try GateService(configuration: configuration, bundle: try Fixtures.loadMini(), store: store, logger: .silent)
        try await service.application.test(.router) { client in
            for (index, deny) in [false, true, true].enumerated() {
                _ = try await client.post("/v1/decisions", Fixtures.request(id: "log-\(index)", deny: deny))
            }
        }
        return path
    }

    @Test func verifyReportsAnIntactChainAndItsHead() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let path = try await makeLog(in: directory)
            let result = try await Executable.run(["log", "verify", "--log", path])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("ok: 3 records, chain intact, head 3:"))
            let head = String(result.stdout.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let expected = try await Executable.run(["log", "verify", "--log", path, "--expect-head", head])
            #expect(expected.status == 0)
            let wrong = try await Executable.run(["log", "verify", "--log", path, "--expect-head", "7:" + String(repeating: "a", count: 64)])
            #expect(wrong.status == 65)
            #expect(wrong.stdout.contains("records were removed from the end"))
        }
    }

    @Test func verifyWithoutALogIsAUsageError() async throws {
        let result = try await Executable.run(["log", "verify", "--log", "/nonexistent/decisions.sqlite"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no decision log"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/decisions.sqlite"))
    }

    @Test func verifyAndExportRefuseAFileThatIsNotALogAndLeaveItAsItWas() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let empty = directory.appendingPathComponent("empty.sqlite")
            try Data().write(to: empty)
            for command in ["verify", "export"] {
                let result = try await Executable.run(["log", command, "--log", empty.path])
                #expect(result.status == 65, "\(command): \(result.stderr)")
                #expect(result.stderr.contains("log.not-a-log"), "\(result.stderr)")
                #expect(!result.stdout.contains("chain intact"))
            }
            #expect(try Data(contentsOf: empty).isEmpty, "inspecting a file must not write the log's schema into it")
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(names == ["empty.sqlite"], "no -wal or -shm file may be created: \(names)")
        }
    }

    @Test func verifyReadsALogWithoutChangingIt() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let path = try await makeLog(in: directory)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let result = try await Executable.run(["log", "verify", "--log", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func exportWritesJSONLinesFiltered() async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            let path = try await makeLog(in: directory)
            let all = try await Executable.run(["log", "export", "--log", path])
            #expect(all.status == 0)
            let lines = all.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(first["request_id"] as? String == "log-0")
            #expect((first["decision"] as? [String: Any])?["outcome"] as? String == "allow")
            #expect(all.stderr.contains("exported 3 records"))

            #expect(try await Executable.run(["log", "export", "--log", path, "--outcome", "deny"]).stdout.split(separator: "\n").count == 2)
            #expect(try await Executable.run(["log", "export", "--log", path, "--check", "simple"]).stdout.split(separator: "\n").count == 2)
            #expect(try await Executable.run(["log", "export", "--log", path, "--since", "2999-01-01"]).stdout.isEmpty)
            #expect(try await Executable.run(["log", "export", "--log", path, "--since", "soon"]).status == 64)
            #expect(try await Executable.run(["log", "export", "--log", path, "--outcome", "maybe"]).status == 64)
        }
    }

    @Test func tokenHashReadsStandardInput() async throws {
        let result = try await Executable.run(["token", "hash"], stdin: Data("abc\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
        #expect(try await Executable.run(["token", "hash"], stdin: Data()).status == 64)
        // One trailing line break is ignored, a Windows one too.
        #expect(try await Executable.run(["token", "hash"], stdin: Data("abc\r\n".utf8)).stdout == result.stdout)
        #expect(try await Executable.run(["token", "hash"], stdin: Data("abc".utf8)).stdout == result.stdout)
    }

    @Test func tokenGeneratePrintsATokenAndAnEntryThatLoads() async throws {
        let result = try await Executable.run(["token", "generate", "--name", "ci", "--role", "reviewer"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let token = try #require(lines.first { $0.hasPrefix("rg_") })
        let entry = lines.drop { !$0.hasPrefix("  - name:") }.joined(separator: "\n")
        let table = try TokenTable.parse("tokens:\n" + entry, source: "generated")
        #expect(table.count == 1)
        #expect(entry.contains(TokenHash.hash(token)))
        #expect(try await Executable.run(["token", "generate", "--role", "root"]).status == 64)
    }
}
