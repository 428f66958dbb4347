import Foundation
import Testing

/// `rightsgate replay` and `rightsgate report merge` end to end, through the built executable.
@Suite(.enabled(if: CommandRunner.executable != nil, "the rightsgate executable is not built next to the tests; build it with `swift build`"))
struct CommandTests {
    static let bundle = ReplayFixtures.path("bundle")

    @Test func replayHelp() throws {
        let result = try CommandRunner.run(["replay", "--help"])
        #expect(result.status == 0)
        assertSnapshot(result.stdout, named: "replay-help.txt")
    }

    @Test func mergeHelp() throws {
        let result = try CommandRunner.run(["report", "merge", "--help"])
        #expect(result.status == 0)
        assertSnapshot(result.stdout, named: "report-merge-help.txt")
    }

    @Test func replayWritesTheReportsAndExitsZero() throws {
        let json = try ReplayFixtures.temporaryFile("", suffix: ".json")
        let html = try ReplayFixtures.temporaryFile("", suffix: ".html")
        defer { ReplayFixtures.remove(json, html) }
        let inputs = ReplayFixtures.allInputs.map(ReplayFixtures.input)
        let result = try CommandRunner.run(["replay", "--policies", Self.bundle, "--as-of", "record", "--json", json, "--html", html] + inputs)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Replay under replay-fixture 1.0.0"))
        #expect(!result.stderr.contains("\u{1B}["), "no progress bar when standard error is not a terminal")
        #expect(result.stderr.contains("replayed 20 records in"))
        #expect(try String(contentsOfFile: json, encoding: .utf8).contains("\"format\" : \"rightsgate.replay-report/v1\""))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<!DOCTYPE html>"))
    }

    @Test func shardedRunsMergedByTheCommandEqualTheSingleRun() throws {
        let inputs = ReplayFixtures.allInputs.map(ReplayFixtures.input)
        let single = try ReplayFixtures.temporaryFile("", suffix: ".json")
        defer { ReplayFixtures.remove(single) }
        #expect(try CommandRunner.run(["replay", "--policies", Self.bundle, "--json", single] + inputs).status == 0)
        var parts: [String] = []
        for k in 1...3 {
            let part = try ReplayFixtures.temporaryFile("", suffix: ".json")
            #expect(try CommandRunner.run(["replay", "--policies", Self.bundle, "--shard", "\(k)/3", "--json", part] + inputs).status == 0)
            parts.append(part)
        }
        defer { for part in parts { ReplayFixtures.remove(part) } }
        let merged = try CommandRunner.run(["report", "merge"] + parts)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == (try String(contentsOfFile: single, encoding: .utf8)))
    }

    @Test(arguments: [
        (["replay", "--shard", "4/3", "x.jsonl"], Int32(64)),
        (["replay", "--as-of", "yesterday", "x.jsonl"], 64),
        (["replay", "--period", "2026-12-31..2026-01-01", "x.jsonl"], 64),
        (["replay"], 64),
        (["replay", "--policies", "Tests/RightsGateReplayTests/Fixtures/bundle", "no-such-file.jsonl"], 64),
        (["replay", "--policies", "Tests/RightsGateReplayTests/Fixtures/bundle", "no-such-file.csv"], 64),
        (["replay", "--policies", "Tests/RightsGateReplayTests/Fixtures/bundle", "--input-format", "dsa-sor", "no-such-file.txt"], 64),
        (["replay", "--policies", "Tests/RightsGateReplayTests/Fixtures/bundle", "Tests/RightsGateReplayTests/Fixtures/inputs/log.jsonl",
          "Tests/RightsGateReplayTests/Fixtures/inputs/log.jsonl"], 64),
        (["replay", "--policies", "Tests/RightsGateReplayTests/Fixtures/bundle", "--json", "/proc/no/such/dir/r.json",
          "Tests/RightsGateReplayTests/Fixtures/inputs/log.jsonl"], 64),
        (["report", "merge", "Tests"], 64),
        (["report", "merge", "no-such-report.json"], 64),
        (["report", "merge", "Package.swift"], 65),
    ] as [([String], Int32)])
    func exitStatus(arguments: [String], status: Int32) throws {
        #expect(try CommandRunner.run(arguments).status == status)
    }

    @Test func strictStopsWithSixtyFive() throws {
        let result = try CommandRunner.run(["replay", "--strict", "--policies", Self.bundle, ReplayFixtures.input("actions.jsonl")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("actions.jsonl:6: error[request.syntax]"))
    }

    @Test func strictStopsWithSixtyFiveEvenWhenNothingIsListed() throws {
        let result = try CommandRunner.run(["replay", "--strict", "--list-limit", "0", "--policies", Self.bundle, ReplayFixtures.input("actions.jsonl")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("actions.jsonl:6: error[request.syntax]"))
    }

    @Test func aTruncatedReportIsRefusedWithItsPosition() throws {
        let path = try ReplayFixtures.temporaryFile("{\n  \"format\" : \"rightsgate.replay-report/v1\",\n  \"run\" : {", suffix: ".json")
        defer { ReplayFixtures.remove(path) }
        let result = try CommandRunner.run(["report", "merge", path, path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("not valid JSON at line 3, column"), "\(result.stderr)")
    }

    @Test func aBrokenMappingIsReportedWithSixtyFive() throws {
        let result = try CommandRunner.run(["replay", "--policies", Self.bundle, "--mapping", ReplayFixtures.path("bad-mapping/dsa-sor.yaml"),
                                            ReplayFixtures.input("sor-2024.csv")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("error[replay.mapping-unknown-fact]: the schema has no fact `action.knd`"))
    }
}
