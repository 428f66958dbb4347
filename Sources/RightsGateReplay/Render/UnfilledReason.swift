/// Why the statement-of-reasons mapping left a fact unfilled, in the words both the terminal summary and
/// the HTML report use.
///
/// A column the file does not have at all (an optional column of a newer dump generation) and a column
/// that is there but empty, not mapped or rejected are different findings: the first is a gap in the source,
/// the second in the data. The report counts them apart (`mapping_gaps.column_absent`) and says which.
enum UnfilledReason {
    static func describe(fact: String, unfilled: Int, report: ReplayReport) -> String {
        guard let target = report.run.mapping?.targets[fact] else { return "no column carries it" }
        guard target.hasPrefix("column ") else { return "\(target): rejected by the schema" }
        let absent = report.mappingGaps.columnAbsent.counts[fact] ?? 0
        if absent >= unfilled { return "\(target): not in the file's header" }
        if absent == 0 { return "\(target): empty, not mapped or rejected" }
        return "\(target): not in the file's header for \(absent), empty, not mapped or rejected for \(unfilled - absent)"
    }
}
