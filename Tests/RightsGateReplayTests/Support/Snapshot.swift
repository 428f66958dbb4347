import Foundation
import Testing

/// Compares `actual` with the golden file `Snapshots/<name>` next to the tests.
///
/// With `RECORD_SNAPSHOTS=1` the file is (re)written and the test fails, so a new baseline is never accepted
/// silently; review the diff and run again without the variable.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = ReplayFixtures.testsDirectory.appendingPathComponent("Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Recorded new baseline for \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("No baseline \(file.path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record("Snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
    }
}

/// A minimal line diff for failure messages.
func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let l = i < e.count ? String(e[i]) : nil
        let r = i < a.count ? String(a[i]) : nil
        if l != r {
            if let l { out.append("- \(l)") }
            if let r { out.append("+ \(r)") }
        }
    }
    return out.prefix(40).joined(separator: "\n")
}
