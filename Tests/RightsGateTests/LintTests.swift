import Testing
@testable import RightsGate

@Suite("Lint rules (golden file)")
struct LintTests {
    @Test("every lint rule fires on its fixture, with its location and hint")
    func lintFixture() throws {
        let report = BundleLoader.report(directory: Fixtures.relativePath("lint"), lint: true)
        #expect(report.bundle != nil)
        #expect(!report.diagnostics.hasErrors)
        let codes = Set(report.diagnostics.map(\.code.rawValue))
        for code in ["lint.never-applies", "lint.never-fails", "lint.unreachable-rule", "lint.always-fails",
                     "lint.exception-always-applies", "lint.duplicate-condition", "lint.unused-fact",
                     "lint.unused-catalog-entry", "lint.unused-definition", "lint.unused-source",
                     "lint.template-unread-fact", "lint.missing-translation"] {
            #expect(codes.contains(code), "\(code) did not fire")
        }
        let rendered = DiagnosticRenderer(sources: report.sourceFiles).render(report.diagnostics)
        assertSnapshot(rendered.replacing(Fixtures.relativePath("lint"), with: "lint"), named: "lint-bundle")
    }

    @Test("informational facts are exempt from the unused-fact rule")
    func informational() {
        let report = BundleLoader.report(directory: Fixtures.relativePath("lint"), lint: true)
        #expect(!report.diagnostics.contains { $0.message.contains("for_the_record") })
    }

    @Test("linting is off unless asked for")
    func offByDefault() {
        let report = BundleLoader.report(directory: Fixtures.relativePath("lint"))
        #expect(!report.diagnostics.contains { $0.code.rawValue.hasPrefix("lint.") && $0.code != .lintMissingTranslation })
    }

    @Test("a clean bundle has no lint findings")
    func clean() {
        let report = BundleLoader.report(directory: Fixtures.repository.appendingPathComponent("Benchmarks/proportionality-12").path, lint: true)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }
}
