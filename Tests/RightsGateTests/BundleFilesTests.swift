import Foundation
import Testing
@testable import RightsGate

/// Which files a bundle is made of: a policy file the loader misses is a check that never runs, so every way
/// of missing one must be an error, never a quieter bundle.
@Suite("Bundle files")
struct BundleFilesTests {
    static let schema = "facts:\n  id: string\n  count: integer\n"
    static let check = """
        checks:
          - id: small
            title: {en: Small, sv: Liten}
            fails_when: count > 10
            outcome: deny
            explanation: {en: "Count {count}.", sv: "Antal {count}."}
            remedy: {en: Lower it., sv: Sänk det.}

        """

    @Test("a test directory inside `checks/` excludes only itself, not the checks beside it")
    func nestedTestDirectory() throws {
        let directory = try Fixtures.writeBundle([
            "bundle.yaml": "bundle: {name: t, version: '1', tests: [checks/tests]}\n",
            "schema.yaml": Self.schema,
            "checks/c.yaml": Self.check,
            "checks/tests/t.yaml": "tests: []\n",
        ])
        let bundle = try BundleLoader.load(directory: directory)
        #expect(bundle.checks.map(\.id) == ["small"])
        #expect(bundle.files.sorted() == ["bundle.yaml", "checks/c.yaml", "schema.yaml"])
    }

    @Test("a symlinked directory of checks is read")
    func symlinkedDirectory() throws {
        let directory = try Fixtures.writeBundle([
            "bundle/bundle.yaml": "bundle: {name: t, version: '1'}\n",
            "bundle/schema.yaml": Self.schema,
            "shared/checks/c.yaml": Self.check,
        ])
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/bundle/checks", withDestinationPath: "../shared/checks")
        let bundle = try BundleLoader.load(directory: "\(directory)/bundle")
        #expect(bundle.checks.map(\.id) == ["small"])
    }

    @Test("a symbolic link to nothing, or one that loops, is an error")
    func brokenLinks() throws {
        let directory = try Fixtures.writeBundle([
            "bundle.yaml": "bundle: {name: t, version: '1'}\n",
            "schema.yaml": Self.schema,
            "checks/c.yaml": Self.check,
        ])
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/more", withDestinationPath: "nowhere")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/checks/loop", withDestinationPath: "..")
        let report = BundleLoader.report(directory: directory)
        #expect(report.bundle == nil)
        let messages = report.diagnostics.filter { $0.code == .fileUnreadable }.map(\.message)
        #expect(messages.contains { $0.contains("/more` is a symbolic link to something that does not exist") }, "\(messages)")
        #expect(messages.contains { $0.contains("/checks/loop` is a symbolic link back into a directory that contains it") }, "\(messages)")
    }

    @Test("a bundle with no checks does not load")
    func noChecks() throws {
        let directory = try Fixtures.writeBundle([
            "bundle.yaml": "bundle: {name: t, version: '1', tests: [checks]}\n",
            "schema.yaml": Self.schema,
            "checks/c.yaml": Self.check,
        ])
        let report = BundleLoader.report(directory: directory)
        #expect(report.bundle == nil)
        #expect(report.diagnostics.contains { $0.code == .bundleNoChecks && $0.isError })
    }
}
