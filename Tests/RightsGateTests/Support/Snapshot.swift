import Foundation
import Testing
import TestSupport

/// Compares `actual` with the golden file `Snapshots/<name>.txt` next to the tests (see `Golden.compare`).
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")
    Golden.compare(actual, with: directory.appendingPathComponent("\(name).txt"), name: name, sourceLocation: sourceLocation)
}
