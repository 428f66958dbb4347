public import Foundation
public import Testing

/// Golden-file comparison for the test targets; each target's `assertSnapshot` says where its files live.
public enum Golden {
    /// Compares `actual` with `file`. With `RECORD_SNAPSHOTS=1` the file is (re)written and the test fails,
    /// so a new baseline is never accepted silently; review the diff and run again without the variable.
    public static func compare(_ actual: String, with file: URL, name: String, sourceLocation: SourceLocation) {
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

    /// A minimal line diff for failure messages: the first 40 differing lines.
    public static func lineDiff(expected: String, actual: String) -> String {
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
}
