import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// The three readers: every record is counted, invalid ones are listed with file and line, nothing is dropped.
@Suite struct ReaderTests {
    @Test func jsonLinesBareAndEnvelopeRecords() throws {
        let report = try ReplayFixtures.run(["actions.jsonl"])
        #expect(report.run.inputs.map(\.format) == ["jsonl"])
        #expect(report.totals.records == 11, "12 lines, one of them blank")
        #expect(report.totals.evaluated == 7)
        #expect(report.totals.invalid == 4)
        #expect(report.totals.undated == 1)
        #expect(report.historical == ["acted": 1, "not_acted": 1, "allow": 1, "escalate": 1, "none": 3])
        #expect(report.warnings == ["request.unknown-field": 1])
    }

    @Test func malformedJSONLinesAreListedWithFileAndLine() throws {
        let report = try ReplayFixtures.run(["actions.jsonl"])
        let file = ReplayFixtures.input("actions.jsonl")
        let listed = report.invalidRecords.listed
        #expect(listed.map { "\($0.file):\($0.line) \($0.code)" } == [
            "\(file):6 request.syntax",
            "\(file):7 request.enum-value",
            "\(file):8 replay.envelope-key",
            "\(file):9 replay.history-outcome",
        ])
        #expect(listed[1].issues.first?.path == "$.target.level")
        #expect(listed[2].message.contains("did you mean `history`?"))
        #expect(listed[3].message.hasPrefix("`history.outcome` must be one of acted, not_acted, allow"))
    }

    @Test func envelopeIssuesPointIntoTheLine() throws {
        let line = #"{"request": {"id": 7}, "history": {"outcome": "acted"}}"#
        let path = try ReplayFixtures.temporaryFile(line + "\n", suffix: ".jsonl")
        defer { ReplayFixtures.remove(path) }
        let report = try ReplayEngine(configuration: ReplayFixtures.configuration()).run([ReplayInput(path: path)])
        let issue = try #require(report.invalidRecords.listed.first?.issues.first)
        #expect(issue.path == "$.id")
        // `7` is the 20th character of the line.
        #expect(issue.column == 20)
    }

    @Test func decisionLogExportIsReevaluated() throws {
        let report = try ReplayFixtures.run(["log.jsonl"])
        #expect(report.run.inputs.map(\.format) == ["log"])
        #expect(report.totals.evaluated == 3)
        #expect(report.historical == ["allow": 1, "allow_with_conditions": 1, "deny": 1])
        #expect(report.byMonth.keys.sorted() == ["2026-03", "2026-04"])
        // Both masked `target.urls` values (a list replaced by a string) are dropped and counted, not guessed.
        #expect(report.mappingGaps.maskedValuesDropped.counts == ["target.urls": 2])
        // log-1 was allowed, but gives no action kind, so four-eyes cannot be assessed (escalate); log-2 was
        // allowed with conditions and today's fixture policy denies it (shared IP); log-3 was denied then too.
        #expect(report.disagreements.listed.map(\.id) == ["log-1", "log-2"])
        #expect(report.disagreements.listed.map(\.policy) == ["escalate", "deny"])
    }

    @Test func csvRowsKeepTheirLinesAcrossEmbeddedLineBreaks() throws {
        let report = try ReplayFixtures.run(["sor-2024.csv"])
        let file = ReplayFixtures.input("sor-2024.csv")
        #expect(report.totals.records == 4)
        #expect(report.totals.evaluated == 3)
        #expect(report.invalidRecords.listed.map { "\($0.file):\($0.line) \($0.code)" } == ["\(file):5 replay.csv-field-count"])
        #expect(report.invalidRecords.listed.first?.message == "expected 37 fields as in the header, found 4")
        // Row 1 spans lines 2-3 (a quoted line break), so row 2 starts on line 4.
        #expect(report.historical == ["acted": 3])
    }

    @Test func csvColumnSetsAreMappedByHeaderName() throws {
        let report = try ReplayFixtures.run(["sor-2024.csv", "sor-2025.csv"])
        #expect(report.run.inputs.map(\.format) == ["dsa-sor", "dsa-sor"])
        #expect(report.mappingGaps.mappedRecords == 5)
        // Values the fixture schema does not know are removed and counted; the record is still evaluated.
        #expect(report.mappingGaps.rejectedValues.counts == [
            "content.tdb_keywords": 1, "content.content_type": 1, "content.tdb_category": 1,
        ])
        // The first keyword that names a category of the pack fills `content.category`.
        #expect(report.byContentCategory["grooming_communication"] == ["escalate": 1])
        #expect(report.byContentCategory["adult_pornography"] == ["escalate": 1])
        #expect(report.byActionKind["dsa_art16_notice"].map { $0.values.reduce(0, +) } == 2)
        #expect(report.byMonth.keys.sorted() == ["2024-02", "2024-03", "2025-07"])
    }

    @Test func csvWithoutTheRequiredColumnsIsRejected() throws {
        let path = try ReplayFixtures.temporaryFile("name,value\na,1\n", suffix: ".csv")
        defer { ReplayFixtures.remove(path) }
        #expect(throws: ReplayError.self) { try ReplayEngine(configuration: ReplayFixtures.configuration()).run([ReplayInput(path: path)]) }
        do {
            _ = try ReplayEngine(configuration: ReplayFixtures.configuration()).run([ReplayInput(path: path)])
        } catch {
            #expect(error.isInvalidInput)
            #expect(error.description.contains("the header has no `uuid`, `category`, `source_type` column"))
        }
    }

    @Test(arguments: [
        ("a.csv", "{\"x\":1}", InputFormat.dsaSOR),
        ("a.txt", "uuid,decision_visibility\n", .dsaSOR),
        ("a.jsonl", "{\"id\":\"r1\"}\n", .jsonl),
        ("a.jsonl", "\n\n{\"request\":{},\"history\":{}}\n", .jsonl),
        ("export", "{\"sequence\":1,\"decision_id\":\"d\",\"decision\":{},\"request\":{}}\n", .log),
        ("empty", "", .jsonl),
    ])
    func formatDetection(path: String, head: String, expected: InputFormat) {
        #expect(InputFormat.detect(path: path, head: Array(head.utf8)) == expected)
    }

    @Test func scannerSkipsNestedValuesAndStrings() {
        let text = #"{"a": {"b": "}{\"", "c": [1, {"d": "]"}]}, "request" : {"id":"x"}, "n": -1.5e3, "t": true}"#
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let scanner = JSONScanner(buffer)
            let members = scanner.members()
            #expect(members?.map { scanner.text($0.key) } == ["a", "request", "n", "t"])
            let request = members.flatMap { scanner.member("request", in: $0) }
            #expect(request.map { scanner.text($0.value) } == #"{"id":"x"}"#)
            #expect(request?.kind == .object)
        }
        let broken = Array(#"{"a": "unterminated}"#.utf8)
        broken.withUnsafeBufferPointer { #expect(JSONScanner($0).members() == nil) }
    }

    @Test(arguments: [
        (#"["A","B"]"#, ["A", "B"] as [String]?),
        (#" [ ] "#, []),
        (#"["\u00e9"]"#, ["é"]),
        (#"["A""#, nil),
        (#"[1]"#, nil),
        ("", nil),
    ])
    func jsonArraysInsideCSVFields(text: String, expected: [String]?) {
        #expect(JSONStringArray.parse(text) == expected)
    }
}
