import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// JSON Lines and log-export lines that are not quite one record: each is an invalid record at its line, or
/// read as meant, never evaluated as something else and never silently lost.
@Suite struct InputEdgeCaseTests {
    /// Runs the engine over `bytes` written to a temporary file.
    static func run(_ bytes: [UInt8], suffix: String = ".jsonl",
                    configure: (inout ReplayConfiguration) -> Void = { _ in }) throws -> ReplayReport {
        let path = try temporaryFile(bytes, suffix: suffix)
        defer { ReplayFixtures.remove(path) }
        var configuration = ReplayFixtures.configuration()
        configure(&configuration)
        return try ReplayEngine(configuration: configuration).run([ReplayInput(path: path)])
    }

    static func run(_ text: String, suffix: String = ".jsonl", configure: (inout ReplayConfiguration) -> Void = { _ in }) throws -> ReplayReport {
        try run(Array(text.utf8), suffix: suffix, configure: configure)
    }

    static func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rg-replay-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        return url.path
    }

    static func listed(_ report: ReplayReport) -> [String] {
        report.invalidRecords.listed.map { "\($0.line) \($0.code)" }
    }

    static func firstLogLine() throws -> String {
        let text = try String(contentsOfFile: ReplayFixtures.input("log.jsonl"), encoding: .utf8)
        return String(text.split(separator: "\n")[0])
    }

    // MARK: H2: text after a line's object

    @Test func aSecondObjectOrGarbageAfterTheObjectMakesTheLineInvalid() throws {
        let a = #"{"request":{"id":"A"},"history":{"outcome":"acted"}}"#
        let b = #"{"request":{"id":"B"},"history":{"outcome":"acted"}}"#
        let report = try Self.run("\(a)\(b)\n" + #"{"request":{"id":"C"},"history":{"outcome":"acted"}} trailing garbage"# + "\n"
                                  + #"{"id":"D"}{"id":"E"}"# + "\n")
        #expect(report.totals.records == 3)
        #expect(report.totals.evaluated == 0)
        #expect(Self.listed(report) == ["1 replay.trailing-text", "2 replay.trailing-text", "3 replay.trailing-text"])
        // The column is where the second record starts.
        #expect(report.invalidRecords.listed[0].message.contains("at column \(a.count + 1)"))
    }

    @Test func textAfterALogRecordMakesItInvalid() throws {
        let line = try Self.firstLogLine()
        let report = try Self.run(line + line + "\n" + line + " x\n", suffix: ".log")
        #expect(report.run.inputs.map(\.format) == ["log"])
        #expect(Self.listed(report) == ["1 replay.trailing-text", "2 replay.trailing-text"])
        #expect(report.totals.evaluated == 0)
    }

    @Test func strictStopsAtTrailingText() throws {
        let line = #"{"request":{"id":"A"}}{"request":{"id":"B"}}"#
        #expect(throws: ReplayError.self) { try Self.run(line + "\n") { $0.strict = true } }
    }

    // MARK: H3: a line that meant to be an envelope

    @Test(arguments: [
        (#"{"reqest":{"id":"x"},"history":{"outcome":"acted","date":"2026-01-15"}}"#, "replay.envelope-key"),
        (#"{"reqest":{"id":"x"}}"#, "replay.envelope-key"),
        (#"{"request":null,"history":{"outcome":"acted"}}"#, "replay.envelope-request"),
        (#"{"request":"x","history":{"outcome":"acted"}}"#, "replay.envelope-request"),
        (#"{"request":[],"history":{"outcome":"acted"}}"#, "replay.envelope-request"),
        (#"{"request":7}"#, "replay.envelope-request"),
        (#"{"history":{"outcome":"acted","date":"2026-01-15"}}"#, "replay.envelope-request"),
    ])
    func aMisspeltMissingOrNonObjectRequestIsInvalid(line: String, code: String) throws {
        let report = try Self.run(line + "\n")
        #expect(report.totals.evaluated == 0, "never evaluated as a request without facts")
        #expect(Self.listed(report) == ["1 \(code)"])
        #expect(report.warnings.isEmpty)
    }

    @Test func aBareRequestIsStillOne() throws {
        // `id` is a fact, even though it is close to no envelope key; nothing here looks like an envelope.
        let report = try Self.run(#"{"id":"bare-1","submitted_at":"2026-01-15T00:00:00Z"}"# + "\n")
        #expect(report.totals.evaluated == 1)
        #expect(report.byMonth.keys.sorted() == ["2026-01"])
    }

    // MARK: M6: a UTF-8 byte-order mark

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func aByteOrderMarkDoesNotBreakTheFirstEnvelope() throws {
        let text = #"{"request":{"id":"b1"},"history":{"outcome":"acted","date":"2026-01-15"}}"# + "\n"
            + #"{"request":{"id":"b2"},"history":{"outcome":"acted","date":"2026-01-16"}}"# + "\n"
        let report = try Self.run(Self.bom + Array(text.utf8))
        #expect(report.totals.evaluated == 2)
        #expect(report.historical == ["acted": 2])
        #expect(report.totals.undated == 0)
        #expect(report.warnings.isEmpty)
    }

    @Test func aByteOrderMarkDoesNotBreakTheFirstBareRequest() throws {
        let report = try Self.run(Self.bom + Array((#"{"id":"b3","submitted_at":"2026-01-15T00:00:00Z"}"# + "\n").utf8))
        #expect(report.totals.evaluated == 1)
        #expect(report.totals.undated == 0)
        #expect(report.byMonth.keys.sorted() == ["2026-01"])
    }

    @Test func aByteOrderMarkDoesNotBreakTheFirstLogRecord() throws {
        let log = try String(contentsOfFile: ReplayFixtures.input("log.jsonl"), encoding: .utf8)
        let report = try Self.run(Self.bom + Array(log.utf8))
        #expect(report.run.inputs.map(\.format) == ["log"])
        #expect(report.totals.evaluated == 3)
        #expect(report.totals.invalid == 0)
    }

    // MARK: M1: the first line decides the format, however it arrives

    @Test func aLogExportWithAFirstLineLongerThanOneReadIsDetectedFromAPipe() throws {
        // A log record whose first line is far longer than the 64 KiB a pipe delivers per read.
        let line = try Self.firstLogLine()
        let padded = line.replacingOccurrences(of: #""sequence":1,"#, with: #""sequence":1,"note":""# + String(repeating: "x", count: 300_000) + #"","#)
        #expect(padded.utf8.count > 300_000)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let bytes = Array((padded + "\n").utf8)
        let writer = Thread {
            bytes.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(writeEnd, buffer.baseAddress! + offset, min(4096, buffer.count - offset))
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(readEnd) }
        var source = LineSource(descriptor: readEnd, file: "<stdin>")
        let head = try source.peekFirstLine()
        #expect(head.count == bytes.count - 1, "the whole first line, without its newline")
        #expect(InputFormat.detect(path: "-", head: head) == .log)
        var records = 0
        while let batch = try source.nextBatch() { records += batch.items.count }
        #expect(records == 1, "peeking consumed nothing")
    }

    // MARK: L5: dates

    @Test(arguments: [
        ("2026-01-15", "2026-01-15" as String?),
        ("2026-01-15T10:00:00Z", "2026-01-15"),
        ("2026-01-15T10:00:00.123+02:00", "2026-01-15"),
        ("2026-01-15 10:00:00", "2026-01-15"),
        ("2026-01-15T99:99:99Z", nil),
        ("2026-01-15 junk", nil),
        ("2026-01-15T10:00:00Zjunk", nil),
        ("2026-02-30", nil),
        ("2026-01-1", nil),
    ])
    func datesAreReadWhole(text: String, day: String?) {
        #expect(DateText.day(text)?.description == day)
    }

    @Test func historyDatesAndLogDatesWithTrailingTextAreInvalid() throws {
        let report = try Self.run(#"{"request":{"id":"d1"},"history":{"date":"2026-01-15T99:99:99Z"}}"# + "\n"
                                  + #"{"request":{"id":"d2"},"history":{"date":"2026-01-15 junk"}}"# + "\n"
                                  + #"{"request":{"id":"d3"},"history":{"date":"2026-01-15T10:00:00+01:00"}}"# + "\n")
        #expect(Self.listed(report) == ["1 replay.history-date", "2 replay.history-date"])
        #expect(report.byMonth.keys.sorted() == ["2026-01"])
        let line = try Self.firstLogLine()
        let bad = line.replacingOccurrences(of: #""evaluated_at":"2026-03-02T10:00:00.000Z""#, with: #""evaluated_at":"2026-03-02 junk""#)
        #expect(bad != line)
        let log = try Self.run(bad + "\n", suffix: ".log")
        #expect(Self.listed(log) == ["1 replay.log-record"])
    }
}
