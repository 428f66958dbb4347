import ArgumentParser
import RightsGate

/// `rightsgate docs`: write the policy book.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write the policy book: a self-contained HTML site and Markdown, in every bundle language.",
        discussion: """
            For each check: its title, when it applies and when it fails in plain language, its outcomes, what \
            happens when facts are missing, exceptions, remedy, legal sources (linked to the registry) and the \
            policy tests that exercise it; plus an index by legal source. The HTML needs no network: open \
            DIR/index.html in any browser.

            Example:
              rightsgate docs --out out/book && open out/book/index.html
            """)

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: ArgumentHelp("Directory to write the book into.", valueName: "dir"))
    var out = "out/policy-book"

    @Flag(name: .customLong("no-tests"), help: "Do not run the policy tests (the book then lists no tests per check).")
    var noTests = false

    func run() throws {
        let bundle = try policyOptions.load()
        var results: [PolicyTestResult] = []
        if !noTests {
            let suite = PolicyTestRunner.load(bundle: bundle)
            results = suite.cases.map { PolicyTestRunner.run($0, bundle: bundle) }
        }
        let book = PolicyBook(bundle: bundle, testResults: results)
        do {
            try book.write(to: out)
        } catch {
            // A place that cannot be written to is a problem with the `--out` given (64), as for `replay --json`.
            Terminal.writeError("error: cannot write the book into `\(out)`: \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.usage)
        }
        for file in book.files() { Terminal.write("\(out)/\(file.path)\n") }
    }
}
