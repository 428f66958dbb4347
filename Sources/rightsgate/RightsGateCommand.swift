import ArgumentParser

/// `rightsgate`: the gate a proposed block or removal passes before it happens.
@main
struct RightsGateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rightsgate",
        abstract: "Rights-impact gate for proposed blocks and removals of online content.",
        discussion: """
            Evaluates proposed actions (JSON) against a policy bundle of proportionality and freedom-of-expression \
            checks and explains the decision with the law behind every reason.

            Exit status of `evaluate`: 0 allow, 10 allow_with_conditions, 20 escalate, 30 deny (for a stream: the \
            most severe), 64 usage error, 65 invalid request or policy, 70 internal error. Only allow exits 0.
            """,
        version: "0.1.0",
        subcommands: [EvaluateCommand.self, CheckCommand.self, TestCommand.self, DocsCommand.self, DiffCommand.self, ReplayCommand.self, ReportCommand.self,
                      ServeCommand.self, LogCommand.self, TokenCommand.self]
    )
}
