import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// The reports: golden files, reproducibility, and exact merging of shards.
@Suite struct ReportTests {
    @Test func terminalSummaryGolden() throws {
        assertSnapshot(TerminalSummary.render(try ReplayFixtures.run()), named: "summary.txt")
    }

    @Test func jsonReportGolden() throws {
        assertSnapshot(try ReplayFixtures.run().jsonText(), named: "report.json")
    }

    @Test func swedishExplanations() throws {
        let report = try ReplayFixtures.run(["actions.jsonl"]) { $0.language = "sv" }
        let reason = try #require(report.disagreements.listed.first?.reasons.first)
        #expect(reason.check == "no-shared-ip")
        #expect(reason.explanation == "Adressen delas med andra webbplatser.")
        #expect(report.checks["no-shared-ip"]?.title == "Ingen delad IP-adress")
    }

    @Test func repeatedRunsAreByteIdentical() throws {
        let first = try ReplayFixtures.run().jsonText()
        let second = try ReplayFixtures.run().jsonText()
        #expect(first == second)
    }

    @Test(arguments: [1, 2, 3])
    func workerCountDoesNotChangeTheReport(jobs: Int) throws {
        let large = try ReplayFixtures.largeActions(2_000)
        defer { ReplayFixtures.remove(large) }
        func report(_ jobs: Int) throws -> String {
            var configuration = ReplayFixtures.configuration(jobs: jobs)
            configuration.compareBundle = ReplayFixtures.bundleV2
            return try ReplayEngine(configuration: configuration).run([ReplayInput(path: large)]).jsonText()
        }
        #expect(try report(jobs) == report(4))
    }

    @Test(arguments: [2, 3, 5])
    func shardsMergeIntoTheSingleRunByteForByte(count: Int) throws {
        let large = try ReplayFixtures.largeActions(700)
        defer { ReplayFixtures.remove(large) }
        let inputs = ReplayFixtures.allInputs.map { ReplayInput(path: ReplayFixtures.input($0)) } + [ReplayInput(path: large)]
        func run(_ shard: Shard?) throws -> ReplayReport {
            var configuration = ReplayFixtures.configuration()
            configuration.compareBundle = ReplayFixtures.bundleV2
            configuration.shard = shard
            return try ReplayEngine(configuration: configuration).run(inputs)
        }
        let singleReport = try run(nil)
        let single = singleReport.jsonText()
        // Through the JSON files, as `rightsgate report merge` reads them, and in reverse order.
        let parts = try (1...count).reversed().map { k in
            try ReplayReport.decode(Data(run(Shard(index: k, count: count)).jsonText().utf8))
        }
        #expect(parts.allSatisfy { $0.totals.records < singleReport.totals.records })
        let merged = try ReplayReport.merge(parts)
        #expect(merged.jsonText() == single)
        #expect(merged.run.shard == nil)
    }

    @Test func partialMergesStayPartialAndRefuseDoubleCounting() throws {
        func shard(_ k: Int, of n: Int) throws -> ReplayReport {
            try ReplayFixtures.run { $0.shard = Shard(index: k, count: n) }
        }
        let partial = try ReplayReport.merge([shard(1, of: 3), shard(3, of: 3)])
        #expect(partial.run.shard == ReplayReport.ShardInfo(count: 3, indices: [1, 3]))
        #expect(throws: ReplayReport.MergeError.self) { try ReplayReport.merge([shard(1, of: 3), shard(1, of: 3)]) }
        #expect(throws: ReplayReport.MergeError.self) { try ReplayReport.merge([shard(1, of: 2), shard(2, of: 3)]) }
        #expect(throws: ReplayReport.MergeError.self) { try ReplayReport.merge([ReplayFixtures.run(), shard(1, of: 2)]) }
        let swedish = try ReplayFixtures.run { $0.shard = Shard(index: 2, count: 2); $0.language = "sv" }
        #expect(throws: ReplayReport.MergeError.self) { try ReplayReport.merge([shard(1, of: 2), swedish]) }
    }

    @Test func periodLimitsTheRecordsCounted() throws {
        let report = try ReplayFixtures.run { $0.period = ReportPeriod(argument: "2026-01-01..2026-02-28") }
        // isp-2026-0002, isp-2026-0003, notice-2026-0004 and tf-2026-0010; the undated record is outside too.
        #expect(report.totals.evaluated == 4)
        #expect(report.totals.outsidePeriod == report.totals.records - report.totals.invalid - 4)
        #expect(report.periodSummary.period == ReplayReport.PeriodInfo(from: "2026-01-01", to: "2026-02-28"))
        #expect(report.periodSummary.records == 4)
        #expect(report.byMonth.keys.sorted() == ["2026-01", "2026-02"])
    }

    @Test func asOfRecordUsesTheRulesInForceOnTheRecordsDate() throws {
        // isp-2025-0001 (2025-12-10) and notice-2025-0011 (2025-11-30) predate the adult-content rule (in force
        // from 2026-01-01). As of 2026-06-01 it applies to both: the first gives no category (unknown, so
        // escalate), the second is adult content (escalate).
        let byRecord = try ReplayFixtures.run(["actions.jsonl"])
        let fixed = try ReplayFixtures.run(["actions.jsonl"]) { $0.asOf = .fixed(CalendarDay("2026-06-01")!) }
        #expect(byRecord.checks["adult-content-2026"]?.notInForce == 2)
        #expect(fixed.checks["adult-content-2026"]?.notInForce == 0)
        #expect(byRecord.run.asOf == "record (undated: 2026-06-30)")
        #expect(fixed.run.asOf == "2026-06-01")
        #expect(byRecord.byMonth["2025-11"] == ["allow": 1])
        #expect(byRecord.byMonth["2025-12"] == ["allow_with_conditions": 1])
        #expect(fixed.byMonth["2025-11"] == ["escalate": 1])
        #expect(fixed.byMonth["2025-12"] == ["escalate": 1])
    }

    @Test func tooLittleInformationRanksTheMissingFacts() throws {
        let report = try ReplayFixtures.run(["sor-2024.csv", "sor-2025.csv"])
        let info = report.tooLittleInformation
        #expect(info.records == 5)
        // No statement of reasons names a target level, so no-shared-ip cannot be assessed for any of them.
        #expect(info.missingFacts.ranked.first?.name == "target.level")
        #expect(info.missingFacts.counts["target.level"] == 5)
        // Facts no statement of reasons carries are listed as unfilled for every mapped record.
        #expect(report.mappingGaps.unfilled.counts["target.level"] == 5)
        #expect(report.mappingGaps.unfilled.counts["process.approvers"] == 5)
        #expect(report.mappingGaps.unfilled.counts["id"] == nil)
    }

    @Test func strictStopsAtTheFirstInvalidRecord() {
        do {
            _ = try ReplayFixtures.run(["actions.jsonl"]) { $0.strict = true }
            Issue.record("strict replay did not stop")
        } catch {
            #expect(error.isInvalidInput)
            #expect(error.description.hasPrefix("\(ReplayFixtures.input("actions.jsonl")):6: error[request.syntax]"))
        }
    }
}
