import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// JSON Lines and log-export inputs read as meant, however they begin and however they arrive.
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
}
