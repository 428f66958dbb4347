import ArgumentParser
import DecisionLog
import Foundation
import Logging
import RightsGate
import RightsGateServer

/// `rightsgate log`: check and read the decision log.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Verify or export the decision log.",
        subcommands: [LogVerifyCommand.self, LogExportCommand.self])
}

/// `--log PATH`, shared by the log commands; the file must exist (reading never creates a log).
struct LogPathOptions: ParsableArguments {
    @Option(name: .customLong("log"), help: ArgumentHelp("The decision log (SQLite file).", valueName: "path"))
    var path = "rightsgate-decisions.sqlite"

    /// Opens the existing log read-only (inspecting evidence never changes it); exits 64 when there is
    /// none, 65 when the file is not a decision log.
    func open() throws -> SQLiteDecisionStore {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.writeError("error: no decision log at `\(path)`\n")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            return try SQLiteDecisionStore(readingAt: path, logger: Logger(label: "rightsgate.log") { _ in SwiftLogNoOpLogHandler() })
        } catch let error as DecisionLogError where error.code == .notALog {
            Terminal.writeError("error: \(error)\n")
            throw ExitCode(ExitStatus.invalidInput)
        } catch {
            Terminal.writeError("error: \(error)\n")
            throw ExitCode(ExitStatus.internalError)
        }
    }
}

/// `rightsgate log verify`: recompute the hash chain and report every problem.
struct LogVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the log's hash chain and report every edited, deleted or reordered record.",
        discussion: """
            Prints one line per problem, naming the record (its sequence, and for an edited record its decision \
            id), then the head (`SEQUENCE:HASH`). Write the head down outside the log: --expect-head checks that \
            this record still exists with that hash, which catches records removed from the end. \
            See docs/decision-log.md.

            Exit status: 0 when the chain is intact, 65 when a problem was found or the file is not a decision log, \
            64 when there is no file.

            Examples:
              rightsgate log verify --log decisions.sqlite
              rightsgate log verify --log backup.sqlite --expect-head 41234:5f1c0e…
            """)

    @OptionGroup var log: LogPathOptions

    @Option(name: .customLong("expect-head"), help: ArgumentHelp("A head written down earlier.", valueName: "seq:hash"))
    var expectHead: String?

    func validate() throws {
        if let expectHead, LogHead(expectHead) == nil {
            throw ValidationError("--expect-head must be SEQUENCE:HASH (64 hex digits), as `log verify` prints it")
        }
    }

    func run() async throws {
        let store = try log.open()
        let report: VerificationReport
        do {
            report = try await store.verify(expectedHead: expectHead.flatMap(LogHead.init), progress: nil)
        } catch {
            Terminal.writeError("error: \(error)\n")
            throw ExitCode(ExitStatus.internalError)
        }
        Terminal.write(report.description + "\n")
        if !report.isOK { throw ExitCode(ExitStatus.invalidInput) }
    }
}

/// `rightsgate log export`: the records as JSON Lines.
struct LogExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write logged decisions as JSON Lines to standard output.",
        discussion: """
            One record per line, in log order: sequence, decision_id, request_id, outcome, failed_checks, \
            bundle_digest, evaluated_at, the decision and the (masked) request as logged, previous_hash and hash.

            Examples:
              rightsgate log export --log decisions.sqlite > all.jsonl
              rightsgate log export --since 2026-05-01 --outcome deny
              rightsgate log export --check no-cohosted-collateral --since 2026-05-28
            """)

    @OptionGroup var log: LogPathOptions

    @Option(help: ArgumentHelp("Only decisions evaluated at or after this date or RFC 3339 time.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only this outcome: allow, allow_with_conditions, escalate or deny.", valueName: "outcome"))
    var outcome: String?

    @Option(help: ArgumentHelp("Only decisions in which this check failed.", valueName: "id"))
    var check: String?

    func validate() throws {
        if let since, LogTime.parse(since) == nil {
            throw ValidationError("--since must be a date (2026-05-28) or an RFC 3339 time (2026-05-28T08:00:00Z)")
        }
        if let outcome, Outcome(rawValue: outcome) == nil {
            throw ValidationError("--outcome must be one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let store = try log.open()
        let filter = LogFilter(since: since.flatMap(LogTime.parse), outcome: outcome, check: check)
        do {
            let count = try await store.export(matching: filter, to: FileHandle.standardOutput)
            Terminal.writeError("exported \(count) record\(count == 1 ? "" : "s")\n")
        } catch {
            Terminal.writeError("error: \(error)\n")
            throw ExitCode(ExitStatus.internalError)
        }
    }
}
