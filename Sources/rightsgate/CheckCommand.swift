import ArgumentParser
import RightsGate

/// `rightsgate check`: load and compile a bundle, report every problem at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a policy bundle and report every error and warning.",
        discussion: """
            Loads every policy file and the source registry, type-checks every condition against the fact schema, \
            and prints each problem as `file:line:col: severity[code]: message` with the source line, a caret and \
            a hint. Exits 0 when there are no errors (warnings allowed unless --strict), 65 otherwise.
            """)

    @Argument(help: ArgumentHelp("The bundle directory (default as for --policies).", valueName: "dir"))
    var directory: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: ArgumentHelp("Output format: text, json or sarif (SARIF 2.1.0 for code-scanning tools).", valueName: "format"))
    var format: DiagnosticOutputFormat = .text

    enum DiagnosticOutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    func run() throws {
        // Through an assigned `PolicyOptions`, as `test` does: one that was never parsed cannot be read.
        var options = PolicyOptions()
        options.policies = directory
        let dir = options.resolvedDirectory()
        let report = BundleLoader.report(directory: dir, lint: true)
        let failed = report.diagnostics.hasErrors || (strict && !report.diagnostics.isEmpty)
        switch format {
        case .json:
            Terminal.write(DiagnosticFormats.json(report.diagnostics) + "\n")
            if failed { throw ExitCode(ExitStatus.invalidInput) }
            return
        case .sarif:
            Terminal.write(DiagnosticFormats.sarif(report.diagnostics, toolVersion: RightsGateCommand.configuration.version) + "\n")
            if failed { throw ExitCode(ExitStatus.invalidInput) }
            return
        case .text:
            break
        }
        let renderer = DiagnosticRenderer(sources: report.sourceFiles, useColor: Terminal.colorOnStdout)
        Terminal.write(renderer.render(report.diagnostics))
        if let bundle = report.bundle, !failed {
            Terminal.write("\(bundle.name) \(bundle.version): \(bundle.checks.count) checks, \(bundle.sources.count) sources, digest \(bundle.digest)\n")
        }
        if failed { throw ExitCode(ExitStatus.invalidInput) }
    }
}
