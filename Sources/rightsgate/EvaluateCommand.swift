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
            64 a --lang the bundle does not declare, 65 invalid request or policy. In a stream, output line k answers \
            input line k: an invalid, blank or over-long line yields an error record in its place.

            Examples:
              rightsgate evaluate fixtures/actions/isp-ip-shared-kharitonov.json
              rightsgate evaluate --lang sv --format json request.json
              rightsgate evaluate --format summary - < requests.jsonl
            """)

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("lang"), help: "Language of explanations: en or sv, one the bundle declares (default en if declared).")
    var language: String?

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
        if let language, !["en", "sv"].contains(language) { throw ValidationError("--lang must be `en` or `sv`, not `\(language)`") }
        if let asOf, CalendarDay(asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD, not `\(asOf)`") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let bundle = try policyOptions.load()
        var options = StreamEvaluator.Options()
        options.format = format ?? (Terminal.stdoutIsTerminal ? .text : .json)
        options.language = try PolicyOptions.language(language, declaredBy: bundle)
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

    /// A document whose first line is not a complete JSON object is one (pretty-printed) request; otherwise
    /// the input is JSON Lines.
    ///
    /// The head is read in growing steps until the first line ends or the input does, so a stream whose first
    /// request is long (a 200 KB statement of reasons) is still read as a stream. Only a first line longer
    /// than a stream line may be (which the stream would refuse anyway) is left to the document reader,
    /// whose limit is larger.
    static func isSingleDocument(_ reader: inout LineReader) throws(IOError) -> Bool {
        var depth = 0, inString = false, escaped = false, started = false
        var scanned = 0
        var window = 1 << 16
        while true {
            let head = try reader.peek(atLeast: window)
            for byte in head.dropFirst(scanned) {
                if byte == 0x0A {
                    if !started { continue }
                    return depth != 0
                }
                if inString {
                    if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                    continue
                }
                switch byte {
                case 0x22: inString = true; started = true
                case 0x7B, 0x5B: depth += 1; started = true
                case 0x7D, 0x5D: depth -= 1
                case 0x20, 0x09, 0x0D: break
                default: started = true
                }
            }
            scanned = head.count
            // The input ended within the first value, or the first line is longer than any stream line.
            if head.count < window || window >= reader.maximumLineLength { return true }
            window *= 2
        }
    }

    /// The largest single (pretty-printed) request read.
    static let maximumDocument = 64 << 20

    private func evaluateDocument(_ reader: inout LineReader, _ writer: inout OutputWriter, _ evaluator: StreamEvaluator) throws {
        guard let bytes = try reader.readAll(limit: Self.maximumDocument) else {
            let error = RequestError.tooLarge(limit: Self.maximumDocument)
            if evaluator.options.format != .text {
                try writer.write(StreamEvaluator.errorRecord(line: 1, error: error) + "\n")
                try writer.flush()
            }
            Terminal.writeError("error: the request is larger than 64 MiB; nothing was decided\n")
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
        if summary.invalid > 0 {
            Terminal.writeError("error: \(summary.invalid) invalid request(s); \(summary.decisions) decided\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        throw ExitCode((summary.worst ?? .allow).exitCode)
    }
}

extension StreamEvaluator.Format: ExpressibleByArgument {}
