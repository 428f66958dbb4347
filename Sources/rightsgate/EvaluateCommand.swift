public import ArgumentParser
import Foundation
public import RightsGate

/// `rightsgate evaluate`: decide one request, or a JSON Lines stream of them.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate proposed actions and explain the decisions.",
        discussion: """
            Reads one JSON request, or JSON Lines (one request per line; one decision per line out, in input order), \
            from FILE or standard input. Formats: `text` for people (the default on a terminal), `json` \
            (rightsgate.decision/v1, the default otherwise), `summary` (one compact line per decision: id, outcome \
            and the sorted ids of the failed checks), `sor` (for an allowed notice: the statement of reasons the \
            hosting service would file with the DSA Transparency Database, with the fields the request cannot \
            fill and any rule it breaks).

            Exit status: 0 allow, 10 allow_with_conditions, 20 escalate, 30 deny (for a stream: the most severe), \
            65 invalid request or policy. An invalid line in a stream yields an error record in its place.

            Examples:
              rightsgate evaluate fixtures/actions/isp-ip-shared-kharitonov.json
              rightsgate evaluate --lang sv --format json request.json
              rightsgate evaluate --format summary - < requests.jsonl
            """)

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("lang"), help: "Language of explanations: en or sv.")
    var language: String = "en"

    @Option(help: ArgumentHelp("Output format: text, json, summary or sor (the DSA statement of reasons a host would file).", valueName: "format"))
    var format: StreamEvaluator.Format?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluate as of this date (YYYY-MM-DD); default today (UTC).", valueName: "date"))
    var asOf: String?

    @Flag(help: "Treat fields unknown to the fact schema as errors, not warnings.")
    var strict = false

    @Option(name: .customLong("jobs"), help: ArgumentHelp("Worker threads for streams (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Argument(help: ArgumentHelp("The request file, or - for standard input (the default).", valueName: "file"))
    var file: String = "-"

    func validate() throws {
        guard ["en", "sv"].contains(language) else { throw ValidationError("--lang must be `en` or `sv`, not `\(language)`") }
        if let asOf, CalendarDay(asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD, not `\(asOf)`") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let bundle = try policyOptions.load()
        var options = StreamEvaluator.Options()
        options.format = format ?? (Terminal.stdoutIsTerminal ? .text : .json)
        options.language = language
        options.asOf = asOf.flatMap(CalendarDay.init) ?? .today()
        options.strict = strict
        options.color = Terminal.colorOnStdout
        if let jobs { options.parallelism = jobs }
        let evaluator = StreamEvaluator(bundle: bundle, options: options)

        let descriptor: Int32
        if file == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else {
                Terminal.writeError("error: cannot open `\(file)`: \(String(cString: strerror(errno)))\n")
                throw ExitCode(ExitStatus.usage)
            }
            // `open` succeeds on a directory; only the first read would fail, as an internal error without the path.
            var info = stat()
            if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                close(descriptor)
                Terminal.writeError("error: cannot open `\(file)`: it is a directory\n")
                throw ExitCode(ExitStatus.usage)
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }

        var reader = LineReader(descriptor: descriptor)
        var writer = OutputWriter(descriptor: STDOUT_FILENO)
        do {
            if try Self.isSingleDocument(&reader) {
                try evaluateDocument(&reader, &writer, evaluator)
            } else {
                try evaluateStream(&reader, &writer, evaluator)
            }
        } catch let error as IOError {
            Terminal.writeError("error: \(error)\n")
            throw ExitCode(ExitStatus.internalError)
        }
    }

    /// A document whose first line is not a complete JSON object is one (pretty-printed) request.
    ///
    /// Looks at the whole first line that is not blank, however long: one read returns about 64 KiB from a
    /// pipe and a mebibyte from a file, and the answer must not depend on which.
    static func isSingleDocument(_ reader: inout LineReader) throws(IOError) -> Bool {
        var wanted = 1 << 16
        var head = try reader.peek(atLeast: wanted)
        while !Self.holdsFirstLine(head), head.count >= wanted, wanted <= reader.maximumLineLength {
            wanted = min(wanted * 2, reader.maximumLineLength + 1)
            head = try reader.peek(atLeast: wanted)
        }
        var depth = 0, inString = false, escaped = false, started = false
        for byte in head {
            if byte == 0x0A {
                if !started { continue }
                return depth != 0
            }
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1; started = true
            case 0x7D, 0x5D: depth -= 1
            case 0x20, 0x09, 0x0D: break
            default: started = true
            }
        }
        return true
    }

    /// Whether `head` reaches the newline that ends its first line that is not blank.
    private static func holdsFirstLine(_ head: ArraySlice<UInt8>) -> Bool {
        guard let start = head.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return head[start...].contains(0x0A)
    }

    private func evaluateDocument(_ reader: inout LineReader, _ writer: inout OutputWriter, _ evaluator: StreamEvaluator) throws {
        guard let bytes = try reader.readAll(limit: 64 << 20) else {
            Terminal.writeError("error: the request is larger than 64 MiB\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let bundle = evaluator.bundle
        var table = bundle.makeFactTable()
        let source = file == "-" ? "<stdin>" : file
        do {
            let warnings = try bundle.decode(bytes, into: &table, strict: strict)
            for warning in warnings { Terminal.writeError("\(source):\(warning)\n") }
            let evaluation = bundle.evaluate(table, asOf: evaluator.options.asOf)
            try writer.write(evaluator.render(evaluation) + (evaluator.options.format == .text ? "" : "\n"))
            try writer.flush()
            throw ExitCode(evaluation.outcome.exitCode)
        } catch let error as RequestError {
            for issue in error.issues { Terminal.writeError("\(source):\(issue)\n") }
            if evaluator.options.format != .text {
                try writer.write(StreamEvaluator.errorRecord(line: 1, error: error) + "\n")
                try writer.flush()
            }
            Terminal.writeError("error: invalid request; nothing was decided\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    private func evaluateStream(_ reader: inout LineReader, _ writer: inout OutputWriter, _ evaluator: StreamEvaluator) throws {
        let source = file == "-" ? "<stdin>" : file
        var reported = 0
        let summary = try evaluator.run(reader: &reader, writer: &writer) { line, issue in
            reported += 1
            if reported <= 20 { Terminal.writeError("\(source):\(line): \(issue.path): \(issue.severity.rawValue)[\(issue.code)]: \(issue.message)\(issue.help.map { " (\($0))" } ?? "")\n") }
        }
        if reported > 20 { Terminal.writeError("… and \(reported - 20) more request issues\n") }
        for line in reader.overlongLines {
            Terminal.writeError("\(source):\(line): error: line longer than \(reader.maximumLineLength) bytes; skipped\n")
        }
        if summary.invalid > 0 || !reader.overlongLines.isEmpty {
            Terminal.writeError("error: \(summary.invalid + reader.overlongLines.count) invalid request(s); \(summary.decisions) decided\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        throw ExitCode((summary.worst ?? .allow).exitCode)
    }
}

extension StreamEvaluator.Format: ExpressibleByArgument {}
