import Foundation
import Testing
@testable import RightsGate

/// A pipeline pairs decisions with requests by position, so output line k must answer input line k: a line
/// that is not a valid request (blank, or too long to read) gets an error record in its place.
@Suite("JSON Lines stay aligned")
struct StreamAlignmentTests {
    static let valid = #"{"id":"s","kind":"block","level":"url","shared":false,"count":0,"name":"a","share":0.1,"maybe_days":30,"words":[],"since":"2026-06-01"}"#

    /// Runs `input` through a stream evaluator with a small line limit; returns the output lines.
    func run(_ input: String, parallelism: Int = 1, chunkSize: Int = 64) throws -> (lines: [String], summary: StreamEvaluator.Summary) {
        let directory = FileManager.default.temporaryDirectory
        let inURL = directory.appendingPathComponent("rg-in-\(UUID().uuidString)")
        let outURL = directory.appendingPathComponent("rg-out-\(UUID().uuidString)")
        try input.write(to: inURL, atomically: true, encoding: .utf8)
        try #require(FileManager.default.createFile(atPath: outURL.path, contents: nil))
        let inFD = open(inURL.path, O_RDONLY), outFD = open(outURL.path, O_WRONLY)
        defer { close(inFD); close(outFD) }
        var options = StreamEvaluator.Options()
        options.format = .summary
        options.asOf = CalendarDay("2026-11-30")!
        options.parallelism = parallelism
        var reader = LineReader(descriptor: inFD, chunkSize: chunkSize, maximumLineLength: 1000)
        var writer = OutputWriter(descriptor: outFD)
        let summary = try StreamEvaluator(bundle: Fixtures.mini, options: options).run(reader: &reader, writer: &writer) { _, _ in }
        let output = try String(contentsOf: outURL, encoding: .utf8)
        return (output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), summary)
    }

    @Test("blank and over-long lines yield an error record in their place")
    func alignment() throws {
        let long = #"{"id":"long","name":""# + String(repeating: "x", count: 5000) + #""}"#
        let input = [Self.valid, "", long, "  \t", Self.valid.replacing(#""id":"s""#, with: #""id":"t""#), long].joined(separator: "\n")
        let (lines, summary) = try run(input)
        try #require(lines.count == 6, "\(lines)")
        #expect(lines[0].hasPrefix(#"{"id":"s","outcome":"#))
        #expect(lines[1].hasPrefix(#"{"line":2,"error":{"code":"request.syntax""#))
        #expect(lines[2].hasPrefix(#"{"line":3,"error":{"code":"request.too-large""#))
        #expect(lines[3].hasPrefix(#"{"line":4,"error":{"code":"request.syntax""#))
        #expect(lines[4].hasPrefix(#"{"id":"t","outcome":"#))
        #expect(lines[5].hasPrefix(#"{"line":6,"error":{"code":"request.too-large""#), "the last line, without a newline")
        #expect(summary.decisions == 2 && summary.invalid == 4)
    }

    @Test("alignment holds when the batch is split across workers")
    func parallel() throws {
        var input: [String] = []
        for i in 0..<150 { input.append(i % 7 == 3 ? "" : Self.valid.replacing(#""id":"s""#, with: #""id":"r\#(i)""#)) }
        let (lines, _) = try run(input.joined(separator: "\n") + "\n", parallelism: 4, chunkSize: 1 << 20)
        try #require(lines.count == 150)
        for (i, line) in lines.enumerated() {
            #expect(line.hasPrefix(i % 7 == 3 ? #"{"line":\#(i + 1),"error""# : #"{"id":"r\#(i)""#), "line \(i + 1): \(line)")
        }
    }
}
