import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// `--compare`: the impact of a policy change, grouped by the checks responsible.
@Suite struct CompareTests {
    static func report() throws -> ReplayReport {
        try ReplayFixtures.run { $0.compareBundle = ReplayFixtures.bundleV2 }
    }

    @Test func compareGolden() throws {
        assertSnapshot(try Self.report().jsonText(), named: "compare.json")
    }

    @Test func transitionsAndResponsibleChecks() throws {
        let report = try Self.report()
        let comparison = try #require(report.compare)
        #expect(report.run.comparePolicy?.version == "2.0.0")
        #expect(comparison.evaluated == report.totals.evaluated)
        // four-eyes now escalates instead of conditioning: isp-2025-0001 and log-2 move up.
        #expect(comparison.checks["four-eyes"] == nil, "four-eyes fails in both; only its outcome changed")
        #expect(comparison.changeGroups.counts["~four-eyes"] != nil || comparison.changeGroups.counts.keys.contains { $0.contains("~four-eyes") })
        // human-review is gone from v2: its failures and unknowns no longer count.
        #expect((comparison.checks["human-review"]?.noLongerFailing ?? 0) > 0)
        #expect((comparison.checks["human-review"]?.noLongerUnknown ?? 0) > 0)
        // Transitions add up to the evaluated records.
        let total = comparison.transitions.values.flatMap(\.values).reduce(0, +)
        #expect(total == comparison.evaluated)
        #expect(comparison.changedRecords.count == comparison.changed)
    }

    @Test func theTerminalSummaryShowsTheChange() throws {
        let text = TerminalSummary.render(try Self.report())
        #expect(text.contains("Policy change: "))
        #expect(text.contains("Checks whose results move"))
    }
}
