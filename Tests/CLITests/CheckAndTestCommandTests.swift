import Foundation
import Testing

@Suite("rightsgate check and test (end to end)")
struct CheckAndTestCommandTests {
    @Test("check reports every planted mistake and exits 65")
    func checkBroken() throws {
        let result = try CLIRunner.run(["check", "Tests/RightsGateTests/Fixtures/broken"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("13 errors, 0 warnings"))
    }

    @Test("check passes a valid bundle and --strict fails it on warnings")
    func checkValid() throws {
        let result = try CLIRunner.run(["check", "Tests/RightsGateTests/Fixtures/mini"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("mini 1.0.0: 8 checks"))
        #expect(try CLIRunner.run(["check", "--strict", "Tests/RightsGateTests/Fixtures/mini"]).status == 65)
    }

    @Test("check without a directory checks the default one instead of crashing")
    func checkDefaultDirectory() throws {
        let fromEnvironment = try CLIRunner.run(["check"], environment: ["RIGHTSGATE_POLICIES": "Tests/RightsGateTests/Fixtures/mini"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stdout.contains("mini 1.0.0: 8 checks"))
        let json = try CLIRunner.run(["check", "--format", "json"], environment: ["RIGHTSGATE_POLICIES": "Tests/RightsGateTests/Fixtures/mini"])
        #expect(json.status == 0, "\(json.stderr)")
        let plain = try CLIRunner.run(["check"])
        #expect(!plain.stderr.contains("Can't read a value"))
        #expect(plain.status == 0 || plain.status == 65, "\(plain.stderr)")
    }

    @Test("test --filter that matches nothing says so, not that there are no tests")
    func testFilterMatchingNothing() throws {
        let result = try CLIRunner.run(["test", "--filter", "zzz", "Tests/RightsGateTests/Fixtures/mini"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no test name contains `zzz`"), "\(result.stdout)")
        #expect(!result.stdout.contains("no tests found"))
    }

    @Test("test runs the bundle's tests and prints a diff on mismatch")
    func testCommand() throws {
        let passing = try CLIRunner.run(["test", "Tests/RightsGateTests/Fixtures/mini"])
        #expect(passing.status == 0, "\(passing.stdout)")
        #expect(passing.stdout.contains("2 passed, 0 failed"))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: CLIRunner.repository.appendingPathComponent("Tests/RightsGateTests/Fixtures/mini"), to: directory)
        let wrong = """
            as_of: 2026-11-30
            tests:
              - name: wrong expectation
                request: {id: w, kind: block, level: url, shared: true, count: 0, name: a, share: 0.1, maybe_days: 30, words: [], since: "2026-06-01"}
                expect: {outcome: allow, failed: [graded]}
            """
        try wrong.write(to: directory.appendingPathComponent("tests/wrong.yaml"), atomically: true, encoding: .utf8)
        let failing = try CLIRunner.run(["test", directory.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL wrong expectation"))
        #expect(failing.stdout.contains("outcome: expected allow, got deny"))
        #expect(failing.stdout.contains("failed: expected `graded`, but it was passed"))
        #expect(failing.stdout.contains("failed: unexpected `simple`"))
    }

    @Test("every command has --help")
    func help() throws {
        for command in ["evaluate", "check", "test"] {
            let result = try CLIRunner.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: rightsgate \(command)"))
        }
    }
}
