import Foundation
import Testing
import TestSupport

/// Compares `actual` with the golden file `Snapshots/<name>` next to the tests (see `Golden.compare`).
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Golden.compare(actual, with: ReplayFixtures.testsDirectory.appendingPathComponent("Snapshots/\(name)"), name: name,
                   sourceLocation: sourceLocation)
}
