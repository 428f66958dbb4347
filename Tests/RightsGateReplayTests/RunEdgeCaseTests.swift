import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// Run-level promises: `--strict` whatever the listing limit, each input once, a report that names its day,
/// and a malformed report named with its position.
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

    @Test func theSameInputTwiceIsRefused() throws {
        let file = ReplayFixtures.input("actions.jsonl")
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("rg-replay-\(UUID().uuidString).jsonl").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: FileManager.default.currentDirectoryPath + "/" + file)
        defer { ReplayFixtures.remove(link) }
        for inputs in [[file, file], [file, link]] {
            do {
                _ = try ReplayEngine(configuration: ReplayFixtures.configuration()).run(inputs.map { ReplayInput(path: $0) })
                Issue.record("\(inputs) was replayed, counting its records twice")
            } catch {
                #expect(!error.isInvalidInput, "how the inputs were named (64)")
                #expect(error.description.contains("give each input once"))
            }
        }
    }

    @Test func asOfRecordNamesTheDayUndatedRecordsAreEvaluatedOn() throws {
        let report = try ReplayFixtures.run(["actions.jsonl"])
        #expect(report.run.asOf == "record (undated: 2026-06-30)")
        let otherDay = try ReplayFixtures.run(["actions.jsonl"]) {
            $0.today = CalendarDay("2026-07-01")!
            $0.shard = Shard(argument: "1/2")
        }
        let sameDay = try ReplayFixtures.run(["actions.jsonl"]) { $0.shard = Shard(argument: "2/2") }
        do {
            _ = try otherDay.merged(with: sameDay)
            Issue.record("shards evaluated on different days were merged")
        } catch {
            #expect(error.description.contains("`as_of` differs"))
        }
    }

    @Test func aTruncatedReportIsNamedWithLineAndColumn() throws {
        let text = try ReplayFixtures.run(["actions.jsonl"]).jsonText()
        let truncated = Data(text.utf8.prefix(300))
        do {
            _ = try ReplayReport.decode(truncated)
            Issue.record("a truncated report was read")
        } catch {
            let lines = String(decoding: truncated, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            #expect("\(error)".contains("not valid JSON at line \(lines.count), column"), "\(error)")
        }
    }

    @Test(arguments: [
        ("{\"a\": [1, 2}", 1, 12),
        ("{\n  \"a\": tru\n}", 2, 8),
        ("{\"a\": 1} x", 1, 10),
        ("[1, 2", 1, 6),
    ])
    func jsonSyntaxErrorsHaveAPosition(text: String, line: Int, column: Int) throws {
        let failure = try #require(JSONSyntax.firstError(in: Array(text.utf8)))
        #expect(failure.line == line)
        #expect(failure.column == column)
    }

    @Test func wellFormedJSONHasNoSyntaxError() throws {
        let text = try ReplayFixtures.run(["actions.jsonl"]).jsonText()
        #expect(JSONSyntax.firstError(in: Array(text.utf8)) == nil)
    }
}
