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

    /// The reviewer's reproducer (`c`, `d`: both fire on real requests) plus lookups the condition space must
    /// decide exactly or leave alone.
    static let catalogLookups = """
        types:
          K: {type: enum, values: [a, b]}
        facts:
          id: string
          k: K
        catalogs:
          settings:
            key: string
            attributes:
              strict: bool
            entries:
              main: {strict: true}
              off: {strict: false}
          weights:
            key: K
            attributes:
              w: decimal
              since: date
              note: {type: string, nullable: true}
            entries:
              a: {w: 0.5, since: 2026-01-01, note: null}
              b: {w: 0.0, since: 2025-01-01, note: "x"}
        checks:
          - id: c
            title: {en: T}
            fails_when: settings["main"].strict
            outcome: deny
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]
          - id: d
            title: {en: T}
            fails_when: weights[k].w != 0.0
            outcome: deny
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]
          - id: date-attribute
            title: {en: T}
            fails_when: weights[k].since == date("2026-01-01")
            outcome: deny
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]
          - id: null-attribute
            title: {en: T}
            fails_when: weights[k].note != "x"
            outcome: deny
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]
          - id: really-never
            title: {en: T}
            fails_when: settings["off"].strict or weights[k].w == 0.25
            outcome: deny
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]

        """

    @Test("never-fails is only reported when no lookup can make the check fail (string keys, decimals, dates, `!=`)")
    func neverFailsOverCatalogs() throws {
        let report = BundleLoader.report(directory: try Fixtures.writePolicyBundle(Self.catalogLookups), lint: true)
        #expect(report.bundle != nil, "\(report.diagnostics)")
        let neverFails = report.diagnostics.filter { $0.code == .lintNeverFails }.map(\.message)
        // `null-attribute` reads a null for `a`: the space leaves that undecided instead of claiming the check never fails.
        #expect(neverFails == ["check `really-never` can never fail when it applies"])
    }

    @Test("a clean bundle has no lint findings")
    func clean() {
        let report = BundleLoader.report(directory: Fixtures.repository.appendingPathComponent("Benchmarks/proportionality-12").path, lint: true)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }
}
