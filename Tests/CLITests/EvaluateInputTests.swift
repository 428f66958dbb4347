import Foundation
import Testing

/// How `evaluate` tells one document from a stream, what it does with input it refuses, and which
/// languages it accepts: each refusal is a record in the output (or a usage error), never a gap; and what
/// the bytes of its decisions depend on.
@Suite("rightsgate evaluate: input shapes, limits and languages")
struct EvaluateInputTests {
    static let mini = EvaluateCommandTests.mini
    static let allowed = EvaluateCommandTests.allowed

    func evaluate(_ extra: [String], stdin: Data, policies: String = mini) throws -> CLIRunner.Result {
        try CLIRunner.run(["evaluate", "--policies", policies, "--as-of", "2026-11-30"] + extra, stdin: stdin)
    }

    @Test("a stream whose first line is longer than the detection window is still a stream")
    func longFirstLine() throws {
        let long = Self.allowed.replacing(#""name": "x""#, with: #""name": ""# + String(repeating: "x", count: 300_000) + "\"")
        let input = [long, Self.allowed.replacing(#""id": "a""#, with: #""id": "b""#)].joined(separator: "\n") + "\n"
        let result = try evaluate(["--format", "summary"], stdin: Data(input.utf8))
        let out = result.stdout.split(separator: "\n")
        #expect(out.count == 2, "\(result.stdout.prefix(500)) \(result.stderr.prefix(500))")
        #expect(out.first?.hasPrefix(#"{"id":"a","outcome":"allow""#) == true)
        #expect(out.last?.hasPrefix(#"{"id":"b","outcome":"allow""#) == true)
        #expect(result.status == 0)
    }

    @Test("a blank line in a stream gets an error record in its place")
    func blankLine() throws {
        let input = [Self.allowed, "", Self.allowed].joined(separator: "\n") + "\n"
        let result = try evaluate(["--format", "summary"], stdin: Data(input.utf8))
        let out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(out.count == 3)
        #expect(out.dropFirst().first?.hasPrefix(#"{"line":2,"error":{"code":"request.syntax""#) == true)
        #expect(result.status == 65)
    }

    @Test("a document over 64 MiB gets an error record like any refused request")
    func hugeDocument() throws {
        var document = Data("{\n  \"id\": \"big\",\n  \"name\": \"".utf8)
        document.append(Data(repeating: UInt8(ascii: "x"), count: 65 << 20))
        document.append(Data("\"\n}\n".utf8))
        // From a file: the command stops reading at the limit, which would break a pipe the test writes to.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rg-huge-\(UUID().uuidString).json")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try evaluate(["--format", "json", file.path], stdin: Data())
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix(#"{"line":1,"error":{"code":"request.too-large""#), "\(result.stdout.prefix(300))")
        #expect(!result.stdout.contains("outcome"))
    }

    @Test("a --lang the bundle does not declare exits 64 and names the languages it has")
    func undeclaredLanguage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("checks"), withIntermediateDirectories: true)
        let files = [
            "bundle.yaml": "bundle: {name: english-only, version: '1', languages: [en]}\n",
            "schema.yaml": "facts:\n  id: string\n  count: integer\n",
            "checks/c.yaml": """
                checks:
                  - id: small
                    title: {en: Small}
                    fails_when: count > 10
                    outcome: deny
                    explanation: {en: "Count {count}."}
                    remedy: {en: Lower it.}

                """,
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let request = Data(#"{"id": "l", "count": 50}"#.utf8)
        let swedish = try evaluate(["--lang", "sv", "--format", "json"], stdin: request, policies: directory.path)
        #expect(swedish.status == 64)
        #expect(swedish.stdout.isEmpty)
        #expect(swedish.stderr.contains("--lang `sv` is not a language of the bundle `english-only`, which declares `en`"), "\(swedish.stderr)")
        let english = try evaluate(["--format", "json"], stdin: request, policies: directory.path)
        #expect(english.status == 30)
        #expect(english.stdout.contains(#""language":"en""#))
    }

    @Test("the decision bytes do not depend on how --policies is spelled")
    func policiesSpelling() throws {
        let fixture = "fixtures/actions/isp-ip-shared-kharitonov.json"
        var outputs: [String] = []
        for policies in ["policies", CLIRunner.repository.appendingPathComponent("policies").path, "./policies/", CLIRunner.repository.path + "/./policies"] {
            let result = try CLIRunner.run(["evaluate", "--policies", policies, "--format", "json", "--as-of", "2026-11-30", fixture])
            let stable = result.stdout
                .replacing(/"decision_id":"[^"]*"/, with: #""decision_id":"-""#)
                .replacing(/"evaluated_at":"[^"]*"/, with: #""evaluated_at":"-""#)
            outputs.append(stable)
        }
        #expect(Set(outputs).count == 1)
        #expect(outputs[0].contains(#""location":{"file":"checks/"#))
        #expect(!outputs[0].contains(CLIRunner.repository.path))
    }
}
