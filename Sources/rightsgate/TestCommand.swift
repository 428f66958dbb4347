import ArgumentParser
import RightsGate

/// `rightsgate test`: run the bundle's YAML policy tests.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the policy tests of a bundle.",
        discussion: """
            Runs every test case in the bundle's test directories (default `tests/`): each gives a request (a \
            fixture file, an inline request, or a base request with `set`/`remove` overrides), an as-of date, \
            and the expected outcome and failing checks. Mismatches are shown as a diff. Exits 0 when every test \
            passes, 1 when one fails, 65 when the bundle or a test file is invalid.
            """)

    @Argument(help: ArgumentHelp("The bundle directory (default as for --policies).", valueName: "dir"))
    var directory: String?

    @Option(name: .long, help: ArgumentHelp("Only run tests whose name contains this text.", valueName: "text"))
    var filter: String?

    @Flag(name: .shortAndLong, help: "List every test, not only failures.")
    var verbose = false

    @Flag(help: "Print coverage: how often each check failed, passed, did not apply or was unknown, and what no test reached.")
    var coverage = false

    @Option(name: .customLong("min-coverage"), help: ArgumentHelp(
        "Fail (exit 1) when coverage is below this percentage; coverage counts failure rules, passes and exceptions.",
        valueName: "percent"))
    var minCoverage: Double?

    func validate() throws {
        if let minCoverage, !(0...100).contains(minCoverage) { throw ValidationError("--min-coverage must be between 0 and 100") }
    }

    func run() throws {
        var options = PolicyOptions()
        options.policies = directory
        let bundle = try options.load()
        let suite = PolicyTestRunner.load(bundle: bundle)
        let color = Terminal.colorOnStdout
        if !suite.diagnostics.isEmpty {
            Terminal.write(DiagnosticRenderer(sources: suite.sourceFiles, useColor: color).render(suite.diagnostics))
            if suite.diagnostics.hasErrors { throw ExitCode(ExitStatus.invalidInput) }
        }
        let cases = suite.cases.filter { filter == nil || $0.name.contains(filter!) }
        guard !cases.isEmpty else {
            let directories = bundle.testDirectories.map { "\(bundle.directory)/\($0)" }.joined(separator: ", ")
            if let filter, !suite.cases.isEmpty {
                Terminal.write("no test name contains `\(filter)` (\(suite.cases.count) tests in \(directories))\n")
            } else {
                Terminal.write("no tests found in \(directories)\n")
            }
            throw ExitCode(ExitStatus.testsFailed)
        }
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var failures = 0
        var results: [PolicyTestResult] = []
        for testCase in cases {
            let result = PolicyTestRunner.run(testCase, bundle: bundle)
            results.append(result)
            if result.passed {
                if verbose { Terminal.write("\(paint("PASS", "32")) \(testCase.name)\n") }
                continue
            }
            failures += 1
            Terminal.write("\(paint("FAIL", "1;31")) \(testCase.name)  (\(testCase.location))\n")
            for line in result.mismatches { Terminal.write("    \(line)\n") }
            if let evaluation = result.evaluation {
                for check in evaluation.failedChecks where !(testCase.expectation.failed?.contains(check.id) ?? true) {
                    Terminal.write("    why `\(check.id)` failed: \(check.title.text("en")) [\(check.location)]\n")
                }
            }
        }
        let passed = cases.count - failures
        Terminal.write("\n\(passed) passed, \(failures) failed (\(cases.count) tests, \(bundle.checks.count) checks)\n")
        var belowMinimum = false
        if coverage || minCoverage != nil {
            let report = PolicyCoverage(bundle: bundle, results: results)
            Terminal.write("\n" + report.render(bundle: bundle))
            if let minCoverage, report.percent + 1e-9 < minCoverage {
                Terminal.write(String(format: "error: coverage %.1f%% is below the required %.1f%%\n", report.percent, minCoverage))
                belowMinimum = true
            }
        }
        if failures > 0 || belowMinimum { throw ExitCode(ExitStatus.testsFailed) }
    }
}
