import ArgumentParser
import Foundation
import RightsGate
import RightsGateReplay

/// `rightsgate replay`: evaluate history under a bundle (or two) and report.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay past actions under a policy bundle and report what it would have decided.",
        discussion: """
            Reads every INPUT (format by --input-format, else by file name and content): JSON Lines of proposed \
            actions (a bare request per line, or {"request": {...}, "history": {"outcome": ..., "date": ..., \
            "id": ...}}), a `rightsgate log export`, or DSA Transparency Database statement-of-reasons CSV \
            (mapped to facts by <policies>/replay/dsa-sor.yaml). Every record is evaluated; invalid records are \
            counted and listed with file and line. Prints a summary; --json and --html write the reports. \
            Replay reports, it does not gate: it exits 0 whatever the outcomes.

            Exit status: 0 done, 64 usage error, an input that cannot be read or is given twice, or a report \
            that cannot be written, 65 invalid bundle or mapping, or an invalid record with --strict.

            Examples:
              rightsgate replay actions.jsonl
              rightsgate replay --json sor.json --html sor.html sor-global-2024-03-14-*.csv
              rightsgate replay --input-format log --as-of now decisions-2026.jsonl
              rightsgate replay --compare proposed/ --html impact.html decisions-2026.jsonl
              rightsgate replay --period 2026-01-01..2026-12-31 --lang sv --html account.html log.jsonl
              rightsgate replay --shard 1/2 --json part-1.json big.jsonl   (on one machine)
              rightsgate replay --shard 2/2 --json part-2.json big.jsonl   (on another)
              rightsgate report merge part-1.json part-2.json > report.json
            """)

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("input-format"), help: ArgumentHelp("jsonl, log or dsa-sor (default: detected per file).", valueName: "format"))
    var inputFormat: String?

    @Option(help: ArgumentHelp("Statement-of-reasons mapping (default: <policies>/replay/dsa-sor.yaml).", valueName: "file"))
    var mapping: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "record (each record's own date), now, or a date YYYY-MM-DD.", valueName: "when"))
    var asOf = "record"

    @Option(name: .customLong("lang"), help: "Language of check titles and explanations: en or sv (default en if declared).")
    var language: String?

    @Option(help: ArgumentHelp("Write the JSON report (byte-identical for the same inputs) to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write the self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Also evaluate under this bundle and report what changes.", valueName: "dir"))
    var compare: String?

    @Option(help: ArgumentHelp("Only the records whose 0-based ordinal modulo N is K-1 (merge with `report merge`).", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Only records dated within FROM..TO (inclusive).", valueName: "FROM..TO"))
    var period: String?

    @Flag(help: "Stop at the first invalid record (exit 65), and treat fields unknown to the schema as errors.")
    var strict = false

    @Option(name: .customLong("jobs"), help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("list-limit"), help: ArgumentHelp("Records listed in full per list (disagreements, changes, invalid).", valueName: "n"))
    var listLimit = 100

    @Flag(name: .customLong("no-progress"), help: "No progress bar, even on a terminal.")
    var noProgress = false

    @Argument(help: ArgumentHelp("Input files, or - for standard input.", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one INPUT file (or - for standard input)") }
        if let language, !["en", "sv"].contains(language) { throw ValidationError("--lang must be `en` or `sv`, not `\(language)`") }
        if let inputFormat, InputFormat(rawValue: inputFormat) == nil {
            throw ValidationError("--input-format must be jsonl, log or dsa-sor, not `\(inputFormat)`")
        }
        if AsOfMode(argument: asOf) == nil { throw ValidationError("--as-of must be record, now or a date YYYY-MM-DD, not `\(asOf)`") }
        if let shard, Shard(argument: shard) == nil { throw ValidationError("--shard must be K/N with 1 <= K <= N, not `\(shard)`") }
        if let period, ReportPeriod(argument: period) == nil {
            throw ValidationError("--period must be FROM..TO with dates YYYY-MM-DD, FROM not after TO, not `\(period)`")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if listLimit < 0 { throw ValidationError("--list-limit must not be negative") }
    }

    func run() throws {
        var configuration = ReplayConfiguration(bundle: try policyOptions.load())
        if let compare {
            var other = PolicyOptions()
            other.policies = compare
            configuration.compareBundle = try other.load()
        }
        configuration.mappingPath = mapping
        configuration.asOf = AsOfMode(argument: asOf) ?? .record
        configuration.language = try PolicyOptions.language(language, declaredBy: configuration.bundle)
        if let other = configuration.compareBundle { _ = try PolicyOptions.language(configuration.language, declaredBy: other) }
        configuration.period = period.flatMap(ReportPeriod.init(argument:))
        configuration.shard = shard.flatMap(Shard.init(argument:))
        configuration.strict = strict
        configuration.listLimit = listLimit
        if let jobs { configuration.parallelism = jobs }
        let format = inputFormat.flatMap(InputFormat.init(rawValue:))
        let replayInputs = inputs.map { ReplayInput(path: $0, format: format) }

        let started = Date()
        var bar = ProgressBar(enabled: Terminal.stderrIsTerminal && !noProgress, started: started)
        let report: ReplayReport
        do {
            report = try ReplayEngine(configuration: configuration).run(replayInputs) { bar.update($0) }
        } catch {
            bar.finish()
            if let mappingError = error.mappingError {
                Terminal.writeError(DiagnosticRenderer(sources: mappingError.sourceFiles, useColor: Terminal.colorOnStderr).render(mappingError.diagnostics))
                Terminal.writeError("error: the replay mapping has errors; nothing was replayed\n")
                throw ExitCode(ExitStatus.invalidInput)
            }
            Terminal.writeError("error: \(error)\n")
            throw ExitCode(error.isInvalidInput ? ExitStatus.invalidInput : ExitStatus.usage)
        }
        bar.finish()
        if let json { try ReportFiles.write(report.jsonText(), to: json) }
        if let html { try ReportFiles.write(HTMLReport.render(report), to: html) }
        Terminal.write(TerminalSummary.render(report))
        let seconds = Date().timeIntervalSince(started)
        let rate = seconds > 0 ? Int(Double(report.totals.records) / seconds) : 0
        Terminal.writeError("replayed \(report.totals.records) records in \(String(format: "%.2f", seconds)) s (\(rate) records/s)\n")
    }
}
