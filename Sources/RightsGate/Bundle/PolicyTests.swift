import Foundation

/// One policy test case: a request (a file, inline, or a base plus overrides), the as-of date, and what the
/// bundle is expected to decide.
public struct PolicyTestCase: Sendable {
    public struct Expectation: Sendable {
        public var outcome: Outcome?
        /// The exact set of enforced checks expected to fail.
        public var failed: Set<String>?
        /// The exact set of enforced checks expected to be unknown.
        public var unknown: Set<String>?
        /// Checks expected to pass (a subset, not exact).
        public var passed: Set<String>?
        /// Checks expected not to apply (a subset).
        public var notApplicable: Set<String>?
        /// A request error code the request is expected to fail decoding with.
        public var requestError: String?
    }

    public let name: String
    public let location: SourceLocation
    /// The JSON text the request decoder gets: a fixture's own bytes, an inline request written out as
    /// JSON, either with the test's `set`/`remove` applied in place (see ``JSONSplice``).
    public let request: Result<[UInt8], TestSetupError>
    public let asOf: CalendarDay
    public let expectation: Expectation
    /// The fixture file the request came from, if any (relative to the working directory).
    public let fixture: String?
}

public struct TestSetupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The outcome of running one test case.
public struct PolicyTestResult: Sendable {
    public let testCase: PolicyTestCase
    public let evaluation: Evaluation?
    /// Empty when the test passed; otherwise one line per mismatch.
    public let mismatches: [String]

    public var passed: Bool { mismatches.isEmpty }
}

/// Loads `tests:` files from a bundle's test directories and runs them.
public enum PolicyTestRunner {
    public struct Suite: Sendable {
        public let cases: [PolicyTestCase]
        public let diagnostics: [Diagnostic]
        public let sourceFiles: SourceFiles
    }

    static let caseKeys = ["name", "description", "request", "base", "set", "remove", "as_of", "expect"]
    static let expectKeys = ["outcome", "failed", "unknown", "passed", "not_applicable", "request_error"]

    /// Reads every test file under the bundle's test directories (or the given paths).
    public static func load(bundle: PolicyBundle, paths: [String]? = nil) -> Suite {
        var diagnostics: [Diagnostic] = []
        var sources = SourceFiles()
        var cases: [PolicyTestCase] = []
        let files = paths ?? bundle.testDirectories.flatMap { dir -> [String] in
            let root = "\(bundle.directory)/\(dir)"
            let listing = BundleFiles.yamlFiles(under: root)
            for problem in listing.problems {
                diagnostics.append(.error(.fileUnreadable, "`\(root)/\(problem.path)` \(problem.reason); its tests were not read", at: nil))
            }
            return listing.files.map { "\(root)/\($0)" }
        }
        for path in files {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(.fileUnreadable, "cannot read test file `\(path)`", at: nil))
                continue
            }
            sources.add(path: path, text: text)
            let file = YAMLFile.parse(path: path, text: text, diagnostics: &diagnostics)
            cases += parse(file, bundle: bundle, diagnostics: &diagnostics)
        }
        return Suite(cases: cases, diagnostics: diagnostics.sortedByLocation(), sourceFiles: sources)
    }

    static func parse(_ file: YAMLFile, bundle: PolicyBundle, diagnostics: inout [Diagnostic]) -> [PolicyTestCase] {
        guard let root = file.root,
            let top = MappingReader(root, context: "a test file", allowed: ["tests", "as_of", "base"], diagnostics: &diagnostics),
            let list = top.required("tests", diagnostics: &diagnostics)?.asSequence(what: "`tests`", diagnostics: &diagnostics)
        else { return [] }
        let directory = (file.path as NSString).deletingLastPathComponent
        let defaultAsOf = top.scalar("as_of", diagnostics: &diagnostics).flatMap { asOf($0, &diagnostics) } ?? CalendarDay.today()
        let defaultBase = top.scalar("base", diagnostics: &diagnostics)
        var cases: [PolicyTestCase] = []
        for item in list.items {
            guard let reader = MappingReader(item, context: "a test", allowed: caseKeys, diagnostics: &diagnostics),
                let name = reader.requiredScalar("name", diagnostics: &diagnostics)
            else { continue }
            var fixture: String?
            var request: Result<[UInt8], TestSetupError>
            if let requestNode = reader["request"] {
                if case let .scalar(path) = requestNode {
                    fixture = resolve(path.value, relativeTo: directory)
                    request = loadFixture(fixture!)
                } else {
                    request = .success(TestRequestJSON.json(requestNode))
                }
                if reader["base"] != nil {
                    diagnostics.append(.error(.testInvalid, "a test has either `request` or `base`, not both", at: reader.keyLocation("base")))
                }
            } else if let base = reader.scalar("base", diagnostics: &diagnostics) ?? defaultBase {
                fixture = resolve(base.value, relativeTo: directory)
                request = loadFixture(fixture!)
            } else {
                diagnostics.append(.error(.testInvalid, "test `\(name.value)` has no `request` or `base`", at: reader.location))
                continue
            }
            var overrides: [(path: YAMLScalar, value: YAMLNode?)] = []
            if let setNode = reader["set"], let mapping = setNode.asMapping(what: "`set`", diagnostics: &diagnostics) {
                overrides += mapping.entries.map { ($0.key, $0.value) }
            }
            overrides += (reader.scalarList("remove", diagnostics: &diagnostics) ?? []).map { ($0, nil) }
            for (path, _) in overrides { checkPath(path, bundle: bundle, diagnostics: &diagnostics) }
            if case let .success(bytes) = request, !overrides.isEmpty {
                request = Result { () throws(TestSetupError) -> [UInt8] in
                    var splice = JSONSplice(bytes)
                    for (path, value) in overrides {
                        let components = path.value.split(separator: ".").map(String.init)
                        if let value { try splice.set(components, to: TestRequestJSON.json(value)) } else { try splice.remove(components) }
                    }
                    return splice.bytes
                }
            }
            var expectation = PolicyTestCase.Expectation()
            if let expectNode = reader.required("expect", diagnostics: &diagnostics),
                let expect = MappingReader(expectNode, context: "`expect`", allowed: expectKeys, diagnostics: &diagnostics)
            {
                if let o = expect.scalar("outcome", diagnostics: &diagnostics) {
                    expectation.outcome = Outcome(rawValue: o.value)
                    if expectation.outcome == nil {
                        diagnostics.append(.error(.testInvalid, "`\(o.value)` is not an outcome", at: o.span,
                                                  help: Suggestions.didYouMean(o.value, among: Outcome.allCases.map(\.rawValue))))
                    }
                }
                func ids(_ key: String) -> Set<String>? {
                    guard let list = expect.scalarList(key, diagnostics: &diagnostics) else { return nil }
                    for id in list where bundle.check(id: id.value) == nil {
                        diagnostics.append(.error(.testUnknownCheck, "no check has the id `\(id.value)`", at: id.span,
                                                  help: Suggestions.didYouMean(id.value, among: bundle.checks.map(\.id))))
                    }
                    return Set(list.map(\.value))
                }
                expectation.failed = ids("failed")
                expectation.unknown = ids("unknown")
                expectation.passed = ids("passed")
                expectation.notApplicable = ids("not_applicable")
                expectation.requestError = expect.scalar("request_error", diagnostics: &diagnostics)?.value
                if expectation.outcome == nil, expectation.requestError == nil {
                    diagnostics.append(.error(.testInvalid, "test `\(name.value)` expects no outcome", at: expect.location,
                                              help: "add `outcome:` (or `request_error:` for a request that must be rejected)"))
                }
            }
            let caseAsOf = reader.scalar("as_of", diagnostics: &diagnostics).flatMap { Self.asOf($0, &diagnostics) } ?? defaultAsOf
            cases.append(PolicyTestCase(
                name: name.value, location: name.span, request: request, asOf: caseAsOf, expectation: expectation, fixture: fixture))
        }
        return cases
    }

    private static func asOf(_ scalar: YAMLScalar, _ diagnostics: inout [Diagnostic]) -> CalendarDay? {
        guard let day = CalendarDay(scalar.value) else {
            diagnostics.append(.error(.testInvalid, "`as_of` must be a date written YYYY-MM-DD", at: scalar.span))
            return nil
        }
        return day
    }

    private static func checkPath(_ path: YAMLScalar, bundle: PolicyBundle, diagnostics: inout [Diagnostic]) {
        guard bundle.schema.slot(path.value) == nil else { return }
        diagnostics.append(.error(.testRequest, "`\(path.value)` is not a fact in the schema", at: path.span,
                                  help: Suggestions.didYouMean(path.value, among: bundle.schema.allPaths)))
    }

    static func resolve(_ path: String, relativeTo directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.isEmpty ? path : "\(directory)/\(path)")
    }

    static func loadFixture(_ path: String) -> Result<[UInt8], TestSetupError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(TestSetupError(message: "cannot read request file `\(path)`"))
        }
        return .success(Array(data))
    }

    /// Runs one case against the bundle.
    public static func run(_ testCase: PolicyTestCase, bundle: PolicyBundle) -> PolicyTestResult {
        let bytes: [UInt8]
        switch testCase.request {
        case let .failure(error): return PolicyTestResult(testCase: testCase, evaluation: nil, mismatches: [error.message])
        case let .success(b): bytes = b
        }
        var table = bundle.makeFactTable()
        let expectation = testCase.expectation
        do {
            _ = try bundle.decode(bytes, into: &table)
        } catch {
            if let expected = expectation.requestError {
                let codes = error.errors.map(\.code)
                return PolicyTestResult(testCase: testCase, evaluation: nil, mismatches: codes.contains(expected) ? []
                    : ["request error: expected `\(expected)`, got " + codes.map { "`\($0)`" }.joined(separator: ", ")])
            }
            return PolicyTestResult(testCase: testCase, evaluation: nil,
                                    mismatches: ["the request is invalid:"] + error.errors.map { "  \($0.path): \($0.message)" })
        }
        if let expected = expectation.requestError {
            return PolicyTestResult(testCase: testCase, evaluation: nil, mismatches: ["request error: expected `\(expected)`, but the request decoded"])
        }
        let evaluation = bundle.evaluate(table, asOf: testCase.asOf)
        var mismatches: [String] = []
        if let outcome = expectation.outcome, outcome != evaluation.outcome {
            mismatches.append("outcome: expected \(outcome.rawValue), got \(evaluation.outcome.rawValue)")
        }
        func ids(_ status: CheckResult.Status) -> Set<String> { Set(evaluation.enforcedChecks(status).map(\.id)) }
        func compareExact(_ label: String, _ expected: Set<String>?, _ actual: Set<String>) {
            guard let expected, expected != actual else { return }
            for id in expected.subtracting(actual).sorted() {
                let status = evaluation.checks.first { $0.check.id == id }?.result.status.name ?? "absent"
                mismatches.append("\(label): expected `\(id)`, but it was \(status)")
            }
            for id in actual.subtracting(expected).sorted() {
                mismatches.append("\(label): unexpected `\(id)`")
            }
        }
        compareExact("failed", expectation.failed, ids(.failed))
        compareExact("unknown", expectation.unknown, ids(.unknown))
        for (label, expected, status) in [("passed", expectation.passed, CheckResult.Status.passed), ("not applicable", expectation.notApplicable, .notApplicable)] {
            guard let expected else { continue }
            let actual = Set(evaluation.checks.filter { $0.result.status == status }.map(\.check.id))
            for id in expected.subtracting(actual).sorted() {
                let got = evaluation.checks.first { $0.check.id == id }?.result.status.name ?? "absent"
                mismatches.append("\(label): expected `\(id)`, but it was \(got)")
            }
        }
        return PolicyTestResult(testCase: testCase, evaluation: evaluation, mismatches: mismatches)
    }
}
