extension ReplayReport.PeriodSummary {
    /// How many checks each ranking lists.
    static let topChecks = 10

    /// Derives the summary from a report's counts: the totals per dimension and the checks that most often
    /// stopped (`deny`, `escalate`) or conditioned (`allow_with_conditions`) the actions.
    init(of report: ReplayReport) {
        period = report.run.period
        records = report.totals.evaluated
        byOutcome = report.outcomes
        historical = report.historical
        byActionKind = report.byActionKind.mapValues { $0.values.reduce(0, +) }
        byContentCategory = report.byContentCategory.mapValues { $0.values.reduce(0, +) }
        byInstrument = report.byInstrument.mapValues { $0.values.reduce(0, +) }
        decidedOnTooLittleInformation = report.tooLittleInformation.records

        func ranking(_ outcomes: [String]) -> [ReplayReport.CheckTally] {
            var tallies: [ReplayReport.CheckTally] = []
            for (id, counts) in report.checks where counts.mode == "enforce" {
                var count = 0
                for outcome in outcomes { count += counts.failedByOutcome[outcome] ?? 0 }
                if count > 0 { tallies.append(ReplayReport.CheckTally(check: id, title: counts.title, count: count)) }
            }
            tallies.sort { $0.count != $1.count ? $0.count > $1.count : $0.check < $1.check }
            return Array(tallies.prefix(Self.topChecks))
        }
        stoppedBy = ranking(["deny", "escalate"])
        conditionedBy = ranking(["allow_with_conditions"])
    }
}
