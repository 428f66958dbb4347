import RightsGate

/// The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script, no external
/// resource of any kind, so it can be archived with the case file and opened anywhere without a network.
///
/// Rendered from the report alone (not from the run), so a merged report renders the same page.
public enum HTMLReport {
    public static func render(_ report: ReplayReport) -> String {
        var body = header(report)
        body += summary(report)
        body += outcomes(report)
        body += matrix(report)
        body += trend(report)
        body += checks(report)
        body += tooLittle(report)
        body += disagreements(report)
        body += mappingGaps(report)
        if let comparison = report.compare { body += compare(comparison) }
        body += invalid(report)
        body += period(report.periodSummary)
        return """
            <!DOCTYPE html>
            <html lang="\(report.run.language == "sv" ? "sv" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>RightsGate replay: \(e(report.run.policy.name)) \(e(report.run.policy.version))</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)<footer>\(e(report.format)) · produced by <code>rightsgate replay</code> · the JSON report holds every count</footer>
            </body>
            </html>

            """
    }

    private static func e(_ text: String) -> String { HTMLText.escape(text) }

    private static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d1d1f}\
        h1{font-size:26px;margin:0 0 6px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}\
        h3{font-size:16px;margin:18px 0 6px}table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}\
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 3px}\
        .meta{color:#555}.chart{max-width:100%;height:auto;font:12px system-ui,sans-serif}.chart text{fill:#222}.chart text.on-dark{fill:#fff}\
        .chart .small{font-size:11px}.legend span{margin-right:14px}.legend i{display:inline-block;width:11px;height:11px;margin-right:4px}\
        nav a{margin-right:12px}ol.records>li{margin-bottom:10px}.muted{color:#666}footer{margin-top:40px;color:#777;font-size:13px}
        """

    private static func header(_ report: ReplayReport) -> String {
        let run = report.run
        var out = "<header><h1>Replay report</h1><p class=\"meta\">Policy <strong>\(e(run.policy.name)) \(e(run.policy.version))</strong> <code>\(e(run.policy.digest))</code>"
        if let other = run.comparePolicy { out += "<br>Compared with <strong>\(e(other.name)) \(e(other.version))</strong> <code>\(e(other.digest))</code>" }
        if let mapping = run.mapping { out += "<br>Statement-of-reasons mapping <code>\(e(mapping.file))</code> <code>\(e(mapping.digest))</code>" }
        out += "<br>As of: \(e(run.asOf)) · language: \(e(run.language))"
        if let period = run.period { out += " · period: \(e(period.from))..\(e(period.to))" }
        if let shard = run.shard { out += " · shards \(shard.indices.map(String.init).joined(separator: ", ")) of \(shard.count)" }
        out += "</p></header>\n<nav><a href=\"#outcomes\">Outcomes</a><a href=\"#matrix\">History vs policy</a><a href=\"#trend\">By month</a>"
        out += "<a href=\"#checks\">Checks</a><a href=\"#too-little\">Too little information</a><a href=\"#disagreements\">Disagreements</a>"
        if report.compare != nil { out += "<a href=\"#compare\">Policy change</a>" }
        out += "<a href=\"#period\">Period summary</a></nav>\n"
        return out
    }

    private static func summary(_ report: ReplayReport) -> String {
        let t = report.totals
        var out = "<section id=\"summary\"><h2>Records</h2><table><tr><th>input</th><th>format</th><th class=\"n\">records</th></tr>"
        for input in report.run.inputs {
            out += "<tr><td><code>\(e(input.file))</code></td><td>\(e(input.format))</td><td class=\"n\">\(report.recordsPerInput[input.file] ?? 0)</td></tr>"
        }
        out += "</table><p>\(t.records) read · <strong>\(t.evaluated) evaluated</strong> · \(t.invalid) invalid · \(t.outsidePeriod) outside the period · \(t.undated) undated</p></section>\n"
        return out
    }

    private static func outcomeBars(_ counts: [String: Int]) -> [SVGChart.Segment] {
        ReplayOutcomes.names.map { SVGChart.Segment(label: $0, value: counts[$0] ?? 0, color: SVGChart.outcomeColors[$0] ?? "#999") }
    }

    private static func outcomes(_ report: ReplayReport) -> String {
        let bars = ReplayOutcomes.names.map { name in
            SVGChart.Bar(label: name, segments: [SVGChart.Segment(label: name, value: report.outcomes[name] ?? 0,
                                                                  color: SVGChart.outcomeColors[name] ?? "#999")])
        }
        return "<section id=\"outcomes\"><h2>Policy outcome</h2>" + SVGChart.horizontalBars(bars, title: "Policy outcome distribution") + "</section>\n"
    }

    private static func matrix(_ report: ReplayReport) -> String {
        let rows = TerminalSummary.historyRows(report)
        var out = "<section id=\"matrix\"><h2>What happened vs what the policy says</h2>"
        guard !rows.isEmpty else { return out + "<p class=\"muted\">No records.</p></section>\n" }
        out += "<p class=\"muted\">Rows: what happened (the record's history); columns: the policy outcome today.</p>"
        out += SVGChart.matrix(rows: rows, columns: ReplayOutcomes.names, value: { report.historyVsPolicy[$0]?[$1] ?? 0 },
                               title: "Historical outcome against policy outcome")
        return out + "</section>\n"
    }

    private static func trend(_ report: ReplayReport) -> String {
        let bars = report.byMonth.keys.sorted().map { SVGChart.Bar(label: $0, segments: outcomeBars(report.byMonth[$0] ?? [:])) }
        return "<section id=\"trend\"><h2>Trend by month</h2>" + SVGChart.legend(ReplayOutcomes.names)
            + SVGChart.columns(bars, title: "Policy outcomes by month of the record") + "</section>\n"
    }

    private static func checks(_ report: ReplayReport) -> String {
        let ids = report.checks.keys.sorted()
        let bars = ids.compactMap { id -> SVGChart.Bar? in
            guard let c = report.checks[id] else { return nil }
            return SVGChart.Bar(label: id, segments: [SVGChart.Segment(label: "failed", value: c.failed, color: "#b71c1c"),
                                                      SVGChart.Segment(label: "unknown", value: c.unknown, color: "#9e9e9e")])
        }
        var out = "<section id=\"checks\"><h2>Failures per check</h2><p class=\"legend\"><span><i style=\"background:#b71c1c\"></i>failed</span>"
        out += "<span><i style=\"background:#9e9e9e\"></i>unknown (facts missing)</span></p>"
        out += SVGChart.horizontalBars(bars, title: "Failed and unknown results per check")
        out += "<table><tr><th>check</th><th>title</th><th class=\"n\">failed</th><th class=\"n\">unknown</th><th class=\"n\">excepted</th><th class=\"n\">passed</th><th class=\"n\">n/a</th><th class=\"n\">not in force</th></tr>"
        for id in ids {
            guard let c = report.checks[id] else { continue }
            out += "<tr><td><code>\(e(id))</code>\(c.mode == "shadow" ? " (shadow)" : "")</td><td>\(e(c.title))</td><td class=\"n\">\(c.failed)</td><td class=\"n\">\(c.unknown)</td>"
            out += "<td class=\"n\">\(c.excepted)</td><td class=\"n\">\(c.passed)</td><td class=\"n\">\(c.notApplicable)</td><td class=\"n\">\(c.notInForce)</td></tr>"
        }
        return out + "</table></section>\n"
    }

    private static func tooLittle(_ report: ReplayReport) -> String {
        let info = report.tooLittleInformation
        var out = "<section id=\"too-little\"><h2>Decided on too little information</h2>"
        out += "<p><strong>\(info.records)</strong> of \(report.totals.evaluated) records (\(Numbers.percent(info.records, of: report.totals.evaluated))) had at least one enforced check that could not be assessed because facts were missing. Missing facts are never guessed.</p>"
        out += rankedTable(info.missingFacts, header: ("fact", "records missing it"))
        return out + "</section>\n"
    }

    private static func disagreements(_ report: ReplayReport) -> String {
        let listing = report.disagreements
        var out = "<section id=\"disagreements\"><h2>Disagreements</h2><p>\(listing.count) records where the policy outcome is stricter than what happened"
        out += listing.count > listing.listed.count ? "; the first \(listing.listed.count) by record order are listed.</p>" : ".</p>"
        guard !listing.listed.isEmpty else { return out + "</section>\n" }
        out += "<ol class=\"records\">"
        for entry in listing.listed {
            out += "<li><code>\(e(entry.file)):\(entry.line)</code> \(e(entry.id ?? "(no id)")) — \(e(entry.historical)) → <strong>\(e(entry.policy))</strong><ul>"
            for reason in entry.reasons { out += "<li><code>\(e(reason.check))</code> (\(e(reason.outcome))): \(e(reason.explanation))</li>" }
            for unknown in entry.unknown {
                out += "<li><code>\(e(unknown.check))</code> (\(e(unknown.outcome))): cannot be assessed; missing "
                out += unknown.missing.map { "<code>\(e($0))</code>" }.joined(separator: ", ") + "</li>"
            }
            out += "</ul></li>"
        }
        return out + "</ol></section>\n"
    }

    private static func mappingGaps(_ report: ReplayReport) -> String {
        let gaps = report.mappingGaps
        guard gaps.mappedRecords > 0 || !gaps.maskedValuesDropped.counts.isEmpty else { return "" }
        var out = "<section id=\"mapping\"><h2>What the inputs could not provide</h2>"
        if gaps.mappedRecords > 0 {
            out += "<h3>Facts the statement-of-reasons mapping could not fill (of \(gaps.mappedRecords) records)</h3>"
            out += "<table><tr><th>fact</th><th class=\"n\">records</th><th>why</th></tr>"
            for (name, count) in gaps.unfilled.ranked {
                let why = e(UnfilledReason.describe(fact: name, unfilled: count, report: report))
                out += "<tr><td><code>\(e(name))</code></td><td class=\"n\">\(count)</td><td>\(why)</td></tr>"
            }
            out += "</table>"
        }
        if !gaps.rejectedValues.counts.isEmpty {
            out += "<h3>Mapped values the schema rejected</h3>" + rankedTable(gaps.rejectedValues, header: ("fact", "records"))
        }
        if !gaps.maskedValuesDropped.counts.isEmpty {
            out += "<h3>Masked log values the schema could not take</h3>" + rankedTable(gaps.maskedValuesDropped, header: ("fact", "records"))
        }
        return out + "</section>\n"
    }

    private static func compare(_ comparison: ReplayReport.Comparison) -> String {
        var out = "<section id=\"compare\"><h2>Policy change</h2><p><strong>\(comparison.changed)</strong> of \(comparison.evaluated) records change outcome"
        out += comparison.invalidUnderCompare > 0 ? "; \(comparison.invalidUnderCompare) are invalid under the other bundle.</p>" : ".</p>"
        let targets = ReplayOutcomes.names + [ReplayOutcomes.invalid]
        out += SVGChart.matrix(rows: ReplayOutcomes.names, columns: targets, value: { comparison.transitions[$0]?[$1] ?? 0 },
                               title: "Outcome before and after the policy change")
        out += "<h3>Checks whose results move</h3><table><tr><th>check</th><th class=\"n\">newly failing</th><th class=\"n\">no longer failing</th><th class=\"n\">newly unknown</th><th class=\"n\">no longer unknown</th></tr>"
        for id in comparison.checks.keys.sorted() {
            guard let c = comparison.checks[id] else { continue }
            out += "<tr><td><code>\(e(id))</code></td><td class=\"n\">\(c.newlyFailing)</td><td class=\"n\">\(c.noLongerFailing)</td><td class=\"n\">\(c.newlyUnknown)</td><td class=\"n\">\(c.noLongerUnknown)</td></tr>"
        }
        out += "</table><h3>Changed records by the checks responsible</h3><p class=\"muted\">+ now fails or cannot be assessed, − no longer, ~ fails with another outcome</p>"
        out += rankedTable(comparison.changeGroups, header: ("checks", "records"))
        if !comparison.changedRecords.listed.isEmpty {
            out += "<h3>First changed records</h3><ol class=\"records\">"
            for entry in comparison.changedRecords.listed {
                out += "<li><code>\(e(entry.file)):\(entry.line)</code> \(e(entry.id ?? "(no id)")) — \(e(entry.from)) → <strong>\(e(entry.to))</strong>"
                let moves = entry.newlyFailing.map { "+\($0)" } + entry.newlyUnknown.map { "+\($0)?" } + entry.noLongerFailing.map { "−\($0)" }
                    + entry.noLongerUnknown.map { "−\($0)?" } + entry.regraded.map { "~\($0)" }
                if !moves.isEmpty { out += " <span class=\"muted\">" + e(moves.joined(separator: " ")) + "</span>" }
                out += "</li>"
            }
            out += "</ol>"
        }
        return out + "</section>\n"
    }

    private static func invalid(_ report: ReplayReport) -> String {
        let listing = report.invalidRecords
        var out = "<section id=\"invalid\"><h2>Invalid records</h2><p>\(listing.count) records could not be read or decoded; they are counted, never dropped.</p>"
        guard !listing.listed.isEmpty else { return out + "</section>\n" }
        out += "<table><tr><th>where</th><th>code</th><th>problem</th></tr>"
        for entry in listing.listed {
            out += "<tr><td><code>\(e(entry.file)):\(entry.line)</code></td><td><code>\(e(entry.code))</code></td><td>\(e(entry.message))</td></tr>"
        }
        return out + "</table></section>\n"
    }

    private static func period(_ summary: ReplayReport.PeriodSummary) -> String {
        var out = "<section id=\"period\"><h2>Period summary"
        out += summary.period.map { " \(e($0.from)) – \(e($0.to))" } ?? " (all records)"
        out += "</h2><p>For a public account of blocking and removal work: <strong>\(summary.records)</strong> actions; \(summary.decidedOnTooLittleInformation) decided on too little information.</p>"
        for (title, counts) in [("Policy outcome", summary.byOutcome), ("What happened", summary.historical), ("Action kind", summary.byActionKind),
                                ("Content category", summary.byContentCategory), ("Legal instrument", summary.byInstrument)] {
            out += "<h3>\(title)</h3>" + rankedTable(RankedCounts(counts), header: ("", "actions"))
        }
        for (title, tallies) in [("Checks that most often stopped actions (deny, escalate)", summary.stoppedBy),
                                 ("Checks that most often conditioned actions", summary.conditionedBy)] {
            out += "<h3>\(title)</h3>"
            if tallies.isEmpty { out += "<p class=\"muted\">None.</p>"; continue }
            out += "<table><tr><th>check</th><th>title</th><th class=\"n\">actions</th></tr>"
            for tally in tallies {
                out += "<tr><td><code>\(e(tally.check))</code></td><td>\(e(tally.title))</td><td class=\"n\">\(tally.count)</td></tr>"
            }
            out += "</table>"
        }
        return out + "</section>\n"
    }

    private static func rankedTable(_ counts: RankedCounts, header: (String, String)) -> String {
        guard !counts.counts.isEmpty else { return "<p class=\"muted\">None.</p>" }
        var out = "<table><tr><th>\(e(header.0))</th><th class=\"n\">\(e(header.1))</th></tr>"
        for (name, count) in counts.ranked { out += "<tr><td><code>\(e(name))</code></td><td class=\"n\">\(count)</td></tr>" }
        return out + "</table>"
    }
}
