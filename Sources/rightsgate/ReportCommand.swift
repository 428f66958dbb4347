import ArgumentParser
import Foundation
import RightsGateReplay

/// `rightsgate report`: work with replay reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with replay reports (merge the parts of a sharded replay).",
        subcommands: [ReportMergeCommand.self])
}

/// `rightsgate report merge`: combine the JSON reports of `replay --shard K/N` runs.
struct ReportMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge partial JSON replay reports into one (written to standard output).",
        discussion: """
            Each REPORT must come from `rightsgate replay --shard K/N --json FILE` over the same inputs, bundle \
            and options, with distinct K. Counts add up and listings keep the first records by ordinal, so once \
            all N shards are merged the result is byte for byte the JSON report of a single run.

            Exit status: 0 merged, 64 unreadable file, 65 not a replay report or reports that do not belong together.

            Examples:
              rightsgate replay --shard 1/2 --json a.json big.jsonl
              rightsgate replay --shard 2/2 --json b.json big.jsonl
              rightsgate report merge a.json b.json > merged.json
              rightsgate report merge --html merged.html a.json b.json > merged.json
            """)

    @Option(help: ArgumentHelp("Also write the merged HTML report to this file.", valueName: "file"))
    var html: String?

    @Argument(help: ArgumentHelp("The partial JSON reports.", valueName: "report"))
    var reports: [String] = []

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give the JSON reports to merge") }
    }

    func run() throws {
        var parsed: [ReplayReport] = []
        for path in reports {
            let data = try ReportFiles.read(path)
            do {
                parsed.append(try ReplayReport.decode(data))
            } catch {
                Terminal.writeError("error: `\(path)` is not a replay report: \(error)\n")
                throw ExitCode(ExitStatus.invalidInput)
            }
        }
        let merged: ReplayReport
        do {
            merged = parsed.count == 1 ? parsed[0] : try ReplayReport.merge(parsed)
        } catch {
            Terminal.writeError("error: cannot merge: \(error)\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        if let html { try ReportFiles.write(HTMLReport.render(merged), to: html) }
        Terminal.write(merged.jsonText())
        if let shard = merged.run.shard {
            Terminal.writeError("note: shards \(shard.indices.map(String.init).joined(separator: ", ")) of \(shard.count) merged; the report is still partial\n")
        }
    }
}
