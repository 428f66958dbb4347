import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// Run-level promises: `--strict` whatever the listing limit.
@Suite struct RunEdgeCaseTests {
    @Test(arguments: [0, 1, 20])
    func strictStopsWhateverTheListLimit(limit: Int) throws {
        do {
            _ = try ReplayFixtures.run(["actions.jsonl"]) {
                $0.strict = true
                $0.listLimit = limit
            }
            Issue.record("--strict with --list-limit \(limit) did not stop")
        } catch {
            #expect(error.isInvalidInput)
            #expect(error.description.contains("actions.jsonl:6: error[request.syntax]"))
        }
    }
}
