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
