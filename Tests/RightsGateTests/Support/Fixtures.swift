import Foundation
@testable import RightsGate

/// Paths and loaders shared by the engine tests.
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { testsDirectory.appendingPathComponent("Fixtures/\(relative)").path }

    /// A fixture path relative to the working directory, so rendered paths do not depend on the machine.
    static func relativePath(_ relative: String) -> String {
        let full = path(relative)
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return full.hasPrefix(cwd) ? String(full.dropFirst(cwd.count)) : full
    }

    /// The mini bundle: every construct of the language, with paths shown relative to the repository.
    static let mini: PolicyBundle = {
        let report = BundleLoader.report(directory: relativePath("mini"))
        guard let bundle = report.bundle else { fatalError("mini bundle: \(report.diagnostics)") }
        return bundle
    }()

    /// Loads a bundle from files written to a fresh temporary directory.
    static func writeBundle(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-\(UUID().uuidString)")
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    /// Writes a one-policy-file bundle (English only unless `manifest` says otherwise, with a one-source
    /// registry: `src`, pinpoint `p1`) and returns its directory; the shape of the reviewers' reproducers.
    static func writePolicyBundle(
        _ policy: String, manifest: String = "bundle: {name: t, version: '1', languages: [en], sources: [sources.yaml]}\n"
    ) throws -> String {
        try writeBundle([
            "bundle.yaml": manifest,
            "sources.yaml": """
                sources:
                  - id: src
                    kind: practice-report
                    title: T
                    citation: "T"
                    date: 2026-01-01
                    url: https://example.org/
                    verified: true
                    pinpoints:
                      - {ref: "p1", verified: true}
                    summary: {en: s}

                """,
            "policy.yaml": policy,
        ])
    }

    /// Loads a bundle written by `writePolicyBundle`, diagnostics and all.
    static func load(policy: String, manifest: String = "bundle: {name: t, version: '1', languages: [en], sources: [sources.yaml]}\n") throws -> BundleLoader.Report {
        BundleLoader.report(directory: try writePolicyBundle(policy, manifest: manifest))
    }

    struct BundleDoesNotCompile: Error, CustomStringConvertible {
        let messages: [String]
        var description: String { "the bundle does not compile: \(messages.joined(separator: "; "))" }
    }

    /// Loads a bundle written by `writePolicyBundle`; throws its diagnostics if it does not compile.
    static func policyBundle(_ policy: String) throws -> PolicyBundle {
        let report = try load(policy: policy)
        guard let bundle = report.bundle else { throw BundleDoesNotCompile(messages: report.diagnostics.map(\.message)) }
        return bundle
    }

    /// A check `c` failing when `condition` holds, with every required text, for bundles made by `load`.
    static func check(_ condition: String, id: String = "c", outcome: String = "deny", extra: String = "") -> String {
        """
          - id: \(id)
            title: {en: T}
            fails_when: \(condition)
            outcome: \(outcome)
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]
        \(extra)
        """
    }

    /// Decodes a request against the mini bundle.
    static func facts(_ json: String, bundle: PolicyBundle = mini) throws -> FactTable {
        var table = bundle.makeFactTable()
        _ = try bundle.decode(Array(json.utf8), into: &table)
        return table
    }
}

/// Type-checks and compiles one expression against a bundle's schema, catalogs and definitions.
struct ExpressionHarness {
    let bundle: PolicyBundle

    struct Compiled {
        let typed: TypedExpression?
        let diagnostics: [Diagnostic]
        let compiler: ExpressionCompiler
    }

    func compile(_ text: String) -> Compiled {
        let scalar = YAMLScalar(value: text, style: .plain, location: SourceLocation(file: "expr", line: 1, column: 1))
        let source = ScalarSource(scalar: scalar, positions: ScalarPositions(scalar: scalar, sourceLines: [Substring(text)]))
        var checker = TypeChecker(schema: bundle.schema, catalogs: bundle.catalogs, definitions: bundle.definitions)
        checker.checkAllDefinitions()
        let typed = checker.check(source, expecting: nil, what: "the expression")?.0
        let compiler = ExpressionCompiler(catalogs: bundle.catalogs, definitions: checker.definitions.map(\.typed))
        return Compiled(typed: typed, diagnostics: checker.diagnostics, compiler: compiler)
    }

    /// Evaluates a condition against a JSON request.
    func evaluate(_ text: String, _ json: String, asOf: String = "2026-11-30") throws -> Tri? {
        let compiled = compile(text)
        guard let typed = compiled.typed else { return nil }
        let code = compiled.compiler.bool(typed)
        let facts = try Fixtures.facts(json, bundle: bundle)
        var context = EvalContext(asOfDay: CalendarDay(asOf)!.daysSinceEpoch)
        return code(facts, &context)
    }

    /// Evaluates any expression and formats its value in English.
    func value(_ text: String, _ json: String, asOf: String = "2026-11-30") throws -> String? {
        let compiled = compile(text)
        guard let typed = compiled.typed else { return nil }
        let code = compiled.compiler.value(typed)
        let facts = try Fixtures.facts(json, bundle: bundle)
        var context = EvalContext(asOfDay: CalendarDay(asOf)!.daysSinceEpoch)
        return ValueFormatter.format(code(facts, &context), type: typed.type, language: "en")
    }
}
