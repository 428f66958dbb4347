import Foundation
import Testing
@testable import RightsGate

@Suite("Diagnostics (golden files)")
struct DiagnosticsGoldenTests {
    @Test("a bundle with many planted mistakes reports all of them at once, each at its line and column")
    func plantedMistakes() {
        let report = BundleLoader.report(directory: Fixtures.relativePath("broken"))
        #expect(report.bundle == nil)
        let codes = Set(report.diagnostics.map(\.code.rawValue))
        for code in ["yaml.syntax", "schema.unknown-fact", "expr.type-mismatch", "expr.unknown-enum-value",
                     "check.duplicate-id", "source.unresolved", "source.unknown-pinpoint", "structure.unknown-key",
                     "expr.syntax", "check.missing-translation", "template.unknown-fact", "structure.invalid-value"] {
            #expect(codes.contains(code), "missing \(code)")
        }
        let rendered = DiagnosticRenderer(sources: report.sourceFiles).render(report.diagnostics)
        assertSnapshot(rendered.replacing(Fixtures.relativePath("broken"), with: "broken"), named: "broken-bundle")
    }

    @Test("a missing directory or manifest is a clear error")
    func missingBundle() throws {
        let none = BundleLoader.report(directory: "/nonexistent/policies")
        #expect(none.diagnostics.map(\.message) == ["policy directory `/nonexistent/policies` does not exist"])
        let empty = try Fixtures.writeBundle(["schema.yaml": "facts: {id: string}\n"])
        let noManifest = BundleLoader.report(directory: empty)
        #expect(noManifest.diagnostics.map(\.code) == [.bundleManifest])
    }

    @Test("structural mistakes in every section are reported with hints", arguments: [
        ("facts:\n  id: strng\n", "schema.unknown-type", "unknown type `strng`", "did you mean `string`?"),
        ("facts:\n  id: int\n", "schema.unknown-type", "unknown type `int`", "did you mean `integer`?"),
        ("facts:\n  Bad-Name: string\n", "schema.invalid-name", "`Bad-Name` is not a valid fact name", "use lowercase letters, digits and underscores, starting with a letter"),
        ("facts:\n  k: {type: enum, values: [a, a]}\n", "schema.enum-values", "value `a` appears twice in enumeration `k`", nil),
        ("facts:\n  k: {type: enum}\n", "schema.enum-values", "enumeration `k` needs `values`", "list the allowed values: `values: [a, b, c]`"),
        ("facts:\n  id: string\nchecks:\n  - id: c\n    title: {en: T, sv: T}\n    outcome: deny\n", "structure.missing-key", "check `c` says nothing about when it fails", "add `fails_when: <condition>` and `outcome:`, or a `fails:` list"),
        ("facts:\n  id: string\nchecks:\n  - id: c\n    title: {en: T, sv: T}\n    fails_when: id is present\n    outcome: allow\n    explanation: {en: x, sv: x}\n    remedy: {en: x, sv: x}\n", "structure.invalid-value", "`allow` is not a valid outcome", "a failing check cannot allow; if the check should only inform, use `mode: shadow`"),
        ("facts:\n  id: string\nchecks:\n  - id: Bad_ID\n    title: {en: T, sv: T}\n    fails_when: id is present\n    outcome: deny\n    explanation: {en: x, sv: x}\n    remedy: {en: x, sv: x}\n", "check.invalid-id", "check id `Bad_ID` must be lowercase letters, digits and hyphens", "e.g. `no-cohosted-collateral`"),
        ("facts:\n  id: string\ndefinitions:\n  a: b\n  b: a\n", "definition.cycle", "definition `a` refers to itself", "definitions may use other definitions, but not in a circle"),
        ("facts:\n  id: string\nchecks:\n  - id: c\n    title: {en: T, sv: T}\n    fails_when: id is present\n    outcome: deny\n    explanation: {en: x, sv: x}\n    remedy: {en: x, sv: x}\n    effective_from: 2027-01-01\n    effective_until: 2026-01-01\n", "check.effective-dates", "check `c` ends before it starts", "`effective_until` must be on or after `effective_from`"),
        ("facts:\n  id: string\nchecks:\n  - id: c\n    title: Plain title\n", "check.missing-translation", "the title of check `c` must be given per language", "write it as `{en: \"…\", sv: \"…\"}` or as an indented mapping with `en:` and `sv:`"),
        ("facts: &a\n  id: string\n", "yaml.alias", "YAML anchors and aliases are not supported in policy files", "write the value out in full, or use a named definition"),
        ("facts:\n  id: string\n  id: integer\n", "yaml.duplicate-key", "duplicate key `id` in the same mapping", "each key may appear once in a mapping; merge the two entries or rename one"),
        ("rules:\n  - x\n", "structure.unknown-key", "unknown key `rules` in a policy file", "allowed keys: `bundle`, `types`, `facts`, `catalogs`, `definitions`, `checks`"),
    ])
    func structural(_ policy: String, _ code: String, _ message: String, _ help: String?) throws {
        let directory = try Fixtures.writeBundle([
            "bundle.yaml": "bundle: {name: t, version: '1'}\n",
            "policy.yaml": policy,
        ])
        let report = BundleLoader.report(directory: directory)
        let diagnostic = report.diagnostics.first { $0.code.rawValue == code }
        #expect(diagnostic?.message == message, "\(report.diagnostics)")
        #expect(diagnostic?.help == help)
        #expect(report.bundle == nil)
    }
}
