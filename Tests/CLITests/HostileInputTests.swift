import Foundation
import Testing

/// Policies and requests that used to crash the process (stack overflow, arithmetic trap, index out of
/// range) must be rejected or decided like any other, with a normal exit status. They run through the
/// executable because the CLI evaluates on a thread with a small stack, where depth problems show first.
@Suite("Hostile policies and requests never crash the CLI")
struct HostileInputTests {
    static let sources = """
        sources:
          - {id: src, kind: practice-report, title: T, citation: T, date: 2026-01-01, url: "https://example.org/",
             verified: true, pinpoints: [{ref: p1, verified: true}], summary: {en: s}}

        """

    static func check(_ condition: String) -> String {
        """
        checks:
          - id: c
            title: {en: T}
            fails_when: \(condition)
            outcome: deny
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]

        """
    }

    static func bundle(_ policy: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "bundle: {name: t, version: '1', languages: [en], sources: [sources.yaml]}\n"
            .write(to: directory.appendingPathComponent("bundle.yaml"), atomically: true, encoding: .utf8)
        try sources.write(to: directory.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        try policy.write(to: directory.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        return directory.path
    }

    static let chain = Array(repeating: "flag", count: 1000).joined(separator: " or ")

    @Test("broken policies are reported with exit status 65", arguments: [
        ("types:\n  Node: {name: string, child: Node}\nfacts:\n  id: string\n  root: Node\n", "schema.unknown-type"),
        ("facts:\n  id: string\n  flag: bool\n" + check(chain), "expr.too-complex"),
        ("facts:\n  id: string\n  k: string\ncatalogs:\n  cat:\n    key: string\n    attributes:\n      empty: {type: enum, values: [], nullable: true}\n    entries:\n      x: {}\n"
            + check("cat[k].empty"), "schema.enum-values"),
    ])
    func brokenPolicy(_ policy: String, _ code: String) throws {
        let result = try CLIRunner.run(["check", try Self.bundle(policy)])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stdout.contains("error[\(code)]"), "\(result.stdout)")
    }

    @Test("requests whose arithmetic overflows are decided", arguments: [
        ("facts:\n  id: string\n  since: date\n  days: integer\n" + check("since + days < as_of()"),
         #"{"id": "a", "since": "2026-01-01", "days": 9223372036854775807}"#, #"{"id":"a","outcome":"escalate","fired":[]}"#),
        ("facts:\n  id: string\n  since: date\n  days: integer\n" + check("since - days < as_of()"),
         #"{"id": "a", "since": "2026-01-01", "days": -9223372036854775808}"#, #"{"id":"a","outcome":"escalate","fired":[]}"#),
        ("facts:\n  id: string\n  seen_at: datetime\n  n: integer\n" + check("days_since(seen_at - n) > 30"),
         #"{"id": "x", "seen_at": "1970-01-01T00:00:00Z", "n": 106751991167300}"#, #"{"id":"x","outcome":"deny","fired":["c"]}"#),
    ])
    func overflowingRequest(_ policy: String, _ request: String, _ decision: String) throws {
        let result = try CLIRunner.run(
            ["evaluate", "--policies", try Self.bundle(policy), "--as-of", "2026-11-30", "--format", "summary", "-"],
            stdin: Data(request.utf8))
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == decision, "\(result.status) \(result.stderr)")
    }

    @Test("an expression at the depth limit, with definitions at theirs, is checked, decided and documented")
    func atTheLimits() throws {
        let chain199 = Array(repeating: "flag", count: 199).joined(separator: " or ")
        let stacked = String(repeating: " or flag", count: 130)
        let policy = "facts:\n  id: string\n  flag: bool\ndefinitions:\n  d0: flag\n  d1: d0\(stacked)\n  d2: d1\(stacked)\n  d3: d2\(stacked)\n"
            + Self.check(chain199 + " or d3")
        let directory = try Self.bundle(policy)
        let check = try CLIRunner.run(["check", directory])
        #expect(check.status == 0, "\(check.stdout)")
        let evaluated = try CLIRunner.run(
            ["evaluate", "--policies", directory, "--format", "summary", "-"], stdin: Data(#"{"id": "x", "flag": false}"#.utf8))
        #expect(evaluated.stdout.contains(#""outcome":"allow""#), "\(evaluated.stderr)")
        let docs = try CLIRunner.run(["docs", "--policies", directory, "--out", directory + "/book", "--no-tests"])
        #expect(docs.status == 0, "\(docs.stderr)")
    }
}
