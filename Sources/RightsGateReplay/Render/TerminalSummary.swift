/// The report for people at a terminal: the headline counts, the matrix, the disagreements and what was
/// missing, each list cut to its first entries (the JSON and HTML reports carry the rest).
///
/// Deterministic like the JSON report (no timings: the command prints those on standard error), so it can
/// be kept as a golden file.
public enum TerminalSummary {
    /// Entries shown per ranked list.
    static let top = 10
    /// Disagreements shown with their reasons.
    static let disagreementsShown = 5

    public static func render(_ report: ReplayReport) -> String {
        var out = header(report)
        out += outcomes(report)
        out += matrix(report)
        out += disagreements(report)
        out += tooLittle(report)
        out += checks(report)
        out += dimensions(report)
        out += mappingGaps(report)
        out += invalid(report)
        if let comparison = report.compare { out += compare(comparison, report: report) }
        out += period(report.periodSummary)
        return out
    }

    private static func header(_ report: ReplayReport) -> String {
        let run = report.run
        var out = "Replay under \(run.policy.name) \(run.policy.version) (\(run.policy.digest))\n"
        if let other = run.comparePolicy { out += "Compared with \(other.name) \(other.version) (\(other.digest))\n" }
        if let mapping = run.mapping { out += "Statement-of-reasons mapping \(mapping.file) (\(mapping.digest))\n" }
        out += "As of: \(run.asOf)   language: \(run.language)"
        if let period = run.period { out += "   period: \(period.from)..\(period.to)" }
        if let shard = run.shard { out += "   shards \(shard.indices.map(String.init).joined(separator: ",")) of \(shard.count)" }
        out += "\n\nInputs\n"
        var table = TextTable()
        for input in run.inputs {
            table.row([input.file, input.format, "\(report.recordsPerInput[input.file] ?? 0) records"])
        }
        out += table.render()
        let t = report.totals
        out += "\nRecords: \(t.records) read, \(t.evaluated) evaluated, \(t.invalid) invalid, \(t.outsidePeriod) outside the period, \(t.undated) undated\n"
        return out
    }

    private static func outcomes(_ report: ReplayReport) -> String {
        var table = TextTable()
        let total = report.totals.evaluated
        for name in ReplayOutcomes.names {
            let n = report.outcomes[name] ?? 0
            table.row([name, String(n), Numbers.percent(n, of: total)])
        }
        return "\nPolicy outcome\n" + table.render()
    }

    private static func matrix(_ report: ReplayReport) -> String {
        guard !report.historyVsPolicy.isEmpty else { return "" }
        var table = TextTable()
        table.row(["history \\ policy"] + ReplayOutcomes.names)
        for row in historyRows(report) {
            table.row([row] + ReplayOutcomes.names.map { String(report.historyVsPolicy[row]?[$0] ?? 0) })
        }
        return "\nWhat happened vs what the policy says\n" + table.render()
    }

    /// Matrix rows in a fixed order: historical outcomes by strictness, then `none`.
    static func historyRows(_ report: ReplayReport) -> [String] {
        (HistoricalOutcome.allCases.map(\.rawValue) + [HistoricalOutcome.noneLabel]).filter { report.historyVsPolicy[$0] != nil }
    }

    private static func disagreements(_ report: ReplayReport) -> String {
        let listing = report.disagreements
        var out = "\nDisagreements (policy stricter than what happened): \(listing.count)\n"
        for entry in listing.listed.prefix(disagreementsShown) {
            out += "  \(entry.file):\(entry.line)  \(entry.id ?? "(no id)")  \(entry.historical) -> \(entry.policy)\n"
            for reason in entry.reasons { out += "    \(reason.check) (\(reason.outcome)): \(reason.explanation)\n" }
            if !entry.unknown.isEmpty {
                let ids = entry.unknown.map(\.check)
                let shown = ids.prefix(6).joined(separator: ", ") + (ids.count > 6 ? ", …" : "")
                out += "    cannot be assessed (\(ids.count) check\(ids.count == 1 ? "" : "s")): \(shown)\n"
            }
        }
        let shown = min(listing.listed.count, disagreementsShown)
        if listing.count > shown {
            out += "  … \(listing.count - shown) more (the JSON and HTML reports list the first \(report.run.listLimit) with every explanation)\n"
        }
        return out
    }

    private static func tooLittle(_ report: ReplayReport) -> String {
        let info = report.tooLittleInformation
        var out = "\nDecided on too little information: \(info.records) of \(report.totals.evaluated) records"
        out += " (\(Numbers.percent(info.records, of: report.totals.evaluated)))\n"
        let ranked = info.missingFacts.ranked
        guard !ranked.isEmpty else { return out }
        out += "  Facts missing most often (records):\n"
        var table = TextTable(indent: 4)
        for (name, count) in ranked.prefix(top) { table.row([name, String(count)]) }
        out += table.render()
        if ranked.count > top { out += "    … \(ranked.count - top) more facts\n" }
        return out
    }

    private static func checks(_ report: ReplayReport) -> String {
        var table = TextTable()
        table.row(["check", "failed", "unknown", "excepted", "passed", "n/a", "not in force"])
        for id in report.checks.keys.sorted() {
            guard let c = report.checks[id] else { continue }
            let name = c.mode == "shadow" ? "\(id) (shadow)" : id
            table.row([name, String(c.failed), String(c.unknown), String(c.excepted), String(c.passed), String(c.notApplicable), String(c.notInForce)])
        }
        return "\nChecks\n" + table.render()
    }

    private static func dimensions(_ report: ReplayReport) -> String {
        var out = ""
        for (title, counts) in [("By action kind", report.byActionKind), ("By content category", report.byContentCategory),
                                ("By legal instrument", report.byInstrument), ("By month", report.byMonth)] {
            var table = TextTable()
            table.row([""] + ReplayOutcomes.names)
            for key in counts.keys.sorted() {
                table.row([key] + ReplayOutcomes.names.map { String(counts[key]?[$0] ?? 0) })
            }
            out += "\n\(title)\n" + table.render()
        }
        return out
    }

    private static func mappingGaps(_ report: ReplayReport) -> String {
        let gaps = report.mappingGaps
        var out = ""
        if gaps.mappedRecords > 0 {
            out += "\nFacts the statement-of-reasons mapping could not fill (of \(gaps.mappedRecords) mapped records)\n"
            var table = TextTable(leftAligned: [2])
            for (name, count) in gaps.unfilled.ranked {
                table.row([name, String(count), "(\(UnfilledReason.describe(fact: name, unfilled: count, report: report)))"])
            }
            out += table.render()
        }
        for (title, counts) in [("Mapped values the schema rejected", gaps.rejectedValues),
                                ("Masked log values the schema could not take (left missing)", gaps.maskedValuesDropped)]
        where !counts.counts.isEmpty {
            var table = TextTable()
            for (name, count) in counts.ranked { table.row([name, String(count)]) }
            out += "\n\(title)\n" + table.render()
        }
        return out
    }

    private static func invalid(_ report: ReplayReport) -> String {
        let listing = report.invalidRecords
        var out = "\nInvalid records: \(listing.count)\n"
        for entry in listing.listed.prefix(top) {
            out += "  \(entry.file):\(entry.line): error[\(entry.code)]: \(entry.message)\n"
        }
        if listing.count > min(listing.listed.count, top) {
            out += "  … \(listing.count - min(listing.listed.count, top)) more (the JSON report lists the first \(report.run.listLimit))\n"
        }
        if !report.warnings.isEmpty {
            out += "Request warnings: " + report.warnings.keys.sorted().map { "\($0) \(report.warnings[$0] ?? 0)" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    private static func compare(_ comparison: ReplayReport.Comparison, report: ReplayReport) -> String {
        var out = "\nPolicy change: \(comparison.changed) of \(comparison.evaluated) records change outcome"
        out += comparison.invalidUnderCompare > 0 ? " (\(comparison.invalidUnderCompare) invalid under the other bundle)\n" : "\n"
        var table = TextTable()
        let targets = ReplayOutcomes.names + [ReplayOutcomes.invalid]
        table.row(["before \\ after"] + targets)
        for from in ReplayOutcomes.names where comparison.transitions[from] != nil {
            table.row([from] + targets.map { String(comparison.transitions[from]?[$0] ?? 0) })
        }
        out += table.render()
        let moved = comparison.checks.keys.sorted()
        if !moved.isEmpty {
            var checks = TextTable()
            checks.row(["check", "newly failing", "no longer failing", "newly unknown", "no longer unknown"])
            for id in moved {
                guard let c = comparison.checks[id] else { continue }
                checks.row([id, String(c.newlyFailing), String(c.noLongerFailing), String(c.newlyUnknown), String(c.noLongerUnknown)])
            }
            out += "  Checks whose results move\n" + checks.render()
        }
        if !comparison.changeGroups.counts.isEmpty {
            out += "  Changed records by the checks responsible (+ now fails or unknown, - no longer, ~ other outcome)\n"
            var groups = TextTable(indent: 4)
            for (name, count) in comparison.changeGroups.ranked.prefix(top) { groups.row([name, String(count)]) }
            out += groups.render()
        }
        for entry in comparison.changedRecords.listed.prefix(top) {
            out += "  \(entry.file):\(entry.line)  \(entry.id ?? "(no id)")  \(entry.from) -> \(entry.to)\n"
        }
        return out
    }

    private static func period(_ summary: ReplayReport.PeriodSummary) -> String {
        var out = "\nPeriod summary"
        out += summary.period.map { " \($0.from)..\($0.to)" } ?? " (all records)"
        out += ": \(summary.records) actions\n"
        func line(_ title: String, _ counts: [String: Int]) -> String {
            let items = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            return "  \(title): " + (items.isEmpty ? "none" : items.joined(separator: ", ")) + "\n"
        }
        out += line("outcome", summary.byOutcome.filter { $0.value > 0 })
        out += line("what happened", summary.historical)
        out += line("action kind", summary.byActionKind)
        out += line("content category", summary.byContentCategory)
        out += line("legal instrument", summary.byInstrument)
        out += "  decided on too little information: \(summary.decidedOnTooLittleInformation)\n"
        out += "  stopped most often by: " + ranking(summary.stoppedBy) + "\n"
        out += "  conditioned most often by: " + ranking(summary.conditionedBy) + "\n"
        return out
    }

    private static func ranking(_ tallies: [ReplayReport.CheckTally]) -> String {
        tallies.isEmpty ? "none" : tallies.map { "\($0.check) \($0.count)" }.joined(separator: ", ")
    }
}
