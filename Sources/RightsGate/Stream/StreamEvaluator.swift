import Dispatch
import Foundation

/// Evaluates JSON Lines: one request per line in, one decision per line out, in input order.
///
/// Lines are read in large batches; each batch is split across the cores, every worker decoding into its own
/// reusable fact table, and the rendered lines are written in input order. Memory stays bounded by the batch
/// size however long the stream is.
///
/// Output line *k* always answers input line *k*, so a pipeline can pair them by position: every line that
/// is not a valid request yields an error record (never a decision) in its place. That includes a blank
/// line (`request.syntax`, the request is empty) and a line too long to read (`request.too-large`; the reader
/// skips it without holding it).
public struct StreamEvaluator: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, summary
        /// The DSA Transparency Database statement of reasons a hosting service would file.
        case sor
    }

    public struct Options: Sendable {
        public var format: Format = .json
        public var language = "en"
        public var asOf = CalendarDay.today()
        public var strict = false
        public var color = false
        /// Worker threads; defaults to the number of active processors.
        public var parallelism = ProcessInfo.processInfo.activeProcessorCount

        public init() {}
    }

    /// Counts over the whole stream, for the exit status and the closing message.
    public struct Summary: Sendable {
        public var decisions = 0
        public var invalid = 0
        public var warnings = 0
        public var worst: Outcome?
        public var byOutcome: [Outcome: Int] = [:]
    }

    /// What one worker produced for its share of a batch: the rendered lines, in order, and the counts.
    struct PartOutput: Sendable {
        var bytes: [UInt8] = []
        var decisions = 0
        var invalid = 0
        var byOutcome = [Int](repeating: 0, count: Outcome.allCases.count)
        /// Request issues (errors and warnings) with their line numbers; empty for clean input.
        var issues: [(line: Int, issue: RequestIssue)] = []
    }

    public let bundle: PolicyBundle
    public let options: Options

    public init(bundle: PolicyBundle, options: Options) {
        self.bundle = bundle
        self.options = options
    }

    /// Renders one evaluation in the chosen format (no trailing newline).
    public func render(_ evaluation: Evaluation) -> String {
        switch options.format {
        case .summary: DecisionSummary.render(evaluation)
        case .json: DecisionJSON.render(Decision(evaluation: evaluation), language: options.language)
        case .text: DecisionText.render(Decision(evaluation: evaluation), language: options.language, color: options.color)
        case .sor: StatementOfReasons(decision: Decision(evaluation: evaluation)).json()
        }
    }

    /// The record written in place of a decision for an invalid request: it has no `outcome`, so a pipeline
    /// that proceeds only on `"outcome": "allow"` does not proceed.
    public static func errorRecord(line: Int, error: RequestError) -> String {
        var json = JSONWriter(capacity: 256)
        json.beginObject()
        json.key("line"); json.number(line)
        json.key("error")
        json.beginObject()
        json.key("code"); json.string(error.errors.first?.code ?? "request.invalid")
        json.key("message"); json.string("invalid request: the gate did not decide; do not proceed")
        json.key("issues")
        json.beginArray()
        for issue in error.issues {
            json.beginObject()
            json.key("severity"); json.string(issue.severity.rawValue)
            json.key("code"); json.string(issue.code)
            json.key("path"); json.string(issue.path)
            json.key("message"); json.string(issue.message)
            json.key("line"); json.number(issue.line)
            json.key("column"); json.number(issue.column)
            if let help = issue.help { json.key("help"); json.string(help) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        return json.text
    }

    /// Renders one evaluation, appending it to `out` (no newline).
    func render(_ evaluation: Evaluation, into out: inout [UInt8]) {
        switch options.format {
        case .summary: DecisionSummary.write(evaluation, into: &out)
        case .json: DecisionJSON.write(Decision(evaluation: evaluation), language: options.language, into: &out)
        case .text, .sor: out.append(contentsOf: render(evaluation).utf8)
        }
    }

    func process(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int, table: inout FactTable, into out: inout PartOutput) {
        do {
            let warnings = try bundle.decode(bytes, into: &table, strict: options.strict)
            let evaluation = bundle.evaluate(table, asOf: options.asOf)
            render(evaluation, into: &out.bytes)
            out.decisions += 1
            out.byOutcome[Int(evaluation.outcome.severity)] += 1
            for warning in warnings { out.issues.append((lineNumber, warning)) }
            endRecord(&out)
        } catch {
            reject(lineNumber: lineNumber, error: error, into: &out)
        }
    }

    /// Writes the record that stands in place of an invalid line.
    func reject(lineNumber: Int, error: RequestError, into out: inout PartOutput) {
        if options.format == .text {
            out.bytes.append(contentsOf: ("INVALID  line \(lineNumber): " + error.errors.map { "\($0.path): \($0.message)" }.joined(separator: "; ")).utf8)
        } else {
            out.bytes.append(contentsOf: Self.errorRecord(line: lineNumber, error: error).utf8)
        }
        out.invalid += 1
        for issue in error.issues { out.issues.append((lineNumber, issue)) }
        endRecord(&out)
    }

    private func endRecord(_ out: inout PartOutput) {
        out.bytes.append(0x0A)
        if options.format == .text { out.bytes.append(0x0A) }
    }

    /// Runs the stream. `report` receives request issues (errors and warnings) for stderr.
    public func run(
        reader: inout LineReader, writer: inout OutputWriter, report: (Int, RequestIssue) -> Void
    ) throws(IOError) -> Summary {
        var summary = Summary()
        let workers = max(1, options.parallelism)
        var tables = (0..<workers).map { _ in bundle.makeFactTable() }
        var skipped = 0
        func emit(_ part: PartOutput) throws(IOError) {
            try writer.write(bytes: part.bytes)
            for (line, issue) in part.issues { report(line, issue) }
            summary.warnings += part.issues.count { !$0.issue.isError }
            summary.invalid += part.invalid
            summary.decisions += part.decisions
            for outcome in Outcome.allCases where part.byOutcome[Int(outcome.severity)] > 0 {
                summary.byOutcome[outcome, default: 0] += part.byOutcome[Int(outcome.severity)]
                summary.worst = max(summary.worst ?? outcome, outcome)
            }
        }
        while true {
            let batch = try reader.nextBatch()
            // Lines skipped for their length come before the lines of the batch returned after them.
            if skipped < reader.overlongLines.count {
                var out = PartOutput()
                let tooLarge = RequestError.tooLarge(limit: reader.maximumLineLength)
                for line in reader.overlongLines[skipped...] { reject(lineNumber: line, error: tooLarge, into: &out) }
                skipped = reader.overlongLines.count
                try emit(out)
            }
            guard let batch else { break }
            let lines = batch.lines.enumerated().map { ($1, batch.firstLineNumber + $0) }
            for part in evaluate(lines, in: batch.buffer, tables: &tables) { try emit(part) }
        }
        try writer.flush()
        return summary
    }

    /// Splits the lines into contiguous parts, one per worker, and evaluates the parts concurrently; the
    /// parts come back in input order.
    private func evaluate(_ lines: [(Range<Int>, Int)], in buffer: [UInt8], tables: inout [FactTable]) -> [PartOutput] {
        let parts = lines.count < 64 ? 1 : min(tables.count, lines.count)
        if parts == 1 {
            var out = PartOutput()
            out.bytes.reserveCapacity(lines.count * 128)
            buffer.withUnsafeBufferPointer { all in
                for (range, number) in lines { process(UnsafeBufferPointer(rebasing: all[range]), lineNumber: number, table: &tables[0], into: &out) }
            }
            return [out]
        }
        let slots = PartResults(count: parts, tables: tables)
        let chunk = (lines.count + parts - 1) / parts
        let evaluator = self
        buffer.withUnsafeBufferPointer { all in
            let base = SendableBuffer(pointer: all)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let start = part * chunk
                let end = min(start + chunk, lines.count)
                guard start < end else { return }
                var table = slots.table(part)
                var out = PartOutput()
                out.bytes.reserveCapacity((end - start) * 128)
                for i in start..<end {
                    let (range, number) = lines[i]
                    evaluator.process(UnsafeBufferPointer(rebasing: base.pointer[range]), lineNumber: number, table: &table, into: &out)
                }
                slots.store(part, output: out, table: table)
            }
        }
        for (i, table) in slots.tables.enumerated() { tables[i] = table }
        return slots.outputs
    }
}

/// Per-worker result slots in manually allocated memory. Each concurrent iteration writes only its own
/// element, and the caller reads them only after `concurrentPerform` returns; raw storage (not a Swift
/// array in a class) keeps the writes free of exclusivity checks on a shared property.
private final class PartResults: @unchecked Sendable {
    private let resultStorage: UnsafeMutablePointer<StreamEvaluator.PartOutput>
    private let tableStorage: UnsafeMutablePointer<FactTable>
    private let count: Int

    init(count: Int, tables: [FactTable]) {
        self.count = count
        resultStorage = .allocate(capacity: count)
        resultStorage.initialize(repeating: StreamEvaluator.PartOutput(), count: count)
        tableStorage = .allocate(capacity: count)
        for i in 0..<count { (tableStorage + i).initialize(to: tables[i]) }
    }

    deinit {
        resultStorage.deinitialize(count: count)
        resultStorage.deallocate()
        tableStorage.deinitialize(count: count)
        tableStorage.deallocate()
    }

    func table(_ part: Int) -> FactTable { tableStorage[part] }

    func store(_ part: Int, output: StreamEvaluator.PartOutput, table: FactTable) {
        resultStorage[part] = output
        tableStorage[part] = table
    }

    var outputs: [StreamEvaluator.PartOutput] { (0..<count).map { resultStorage[$0] } }
    var tables: [FactTable] { (0..<count).map { tableStorage[$0] } }
}

/// A read-only view of the batch buffer, shared by the workers while the buffer is pinned.
private struct SendableBuffer: @unchecked Sendable {
    let pointer: UnsafeBufferPointer<UInt8>
}
