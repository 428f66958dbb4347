import ArgumentParser
import RightsGate

/// `rightsgate diff OLD NEW`: what changed between two bundles, in legal terms.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the semantic differences between two policy bundles.",
        discussion: """
            Reports checks added, removed and renamed; conditions, outcomes, exceptions, citations, effective dates \
            and modes changed; catalog entries changed; and schema changes that break requests. Reformatting is \
            not a change. Each change says whether it could alter past decisions. Exit status 0 when there are no \
            changes, 1 when there are, 65 when a bundle is invalid.

            Examples:
              rightsgate diff policies-v1 policies
              rightsgate diff --format json old/ new/ > diff.json
            """)

    @Argument(help: ArgumentHelp("The bundle before the change.", valueName: "old-dir"))
    var old: String

    @Argument(help: ArgumentHelp("The bundle after the change.", valueName: "new-dir"))
    var new: String

    @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        var oldOptions = PolicyOptions()
        oldOptions.policies = old
        var newOptions = PolicyOptions()
        newOptions.policies = new
        let diff = BundleDiff(old: try oldOptions.load(), new: try newOptions.load())
        Terminal.write(format == .json ? diff.json() + "\n" : diff.text())
        if !diff.changes.isEmpty { throw ExitCode(1) }
    }
}
