import RightsGate

/// Moves a request issue found inside one batch item to its place in the whole body: the path gains the
/// item's index (`$.target` becomes `$[3].target`) and line and column count from the body's start.
enum BatchPosition {
    static func relocate(_ issue: RequestIssue, index: Int, item: BatchSplitter.Item) -> DiagnosticV1 {
        var diagnostic = DiagnosticV1(issue)
        let path = issue.path.hasPrefix("$") ? String(issue.path.dropFirst()) : issue.path
        diagnostic.path = "$[\(index)]" + path
        if issue.line <= 1 {
            diagnostic.line = item.line
            diagnostic.column = item.column + max(issue.column, 1) - 1
        } else {
            diagnostic.line = item.line + issue.line - 1
        }
        return diagnostic
    }
}
