import Foundation
import Testing
@testable import RightsGate

/// A policy test must decide the bytes `evaluate` and the service would decide: the request decoder sees the
/// fixture as written, and `set`/`remove` edit it in place rather than through a re-encoded JSON tree.
@Suite("Policy tests decode what production decodes")
struct PolicyTestFidelityTests {
    static let valid = #"{"id":"f","kind":"block","level":"url","shared":false,"count":0,"name":"a","share":0.1,"maybe_days":30,"words":[],"since":"2026-06-01"}"#

    static let tests = """
        as_of: 2026-11-30
        tests:
          - name: fraction
            request: fraction.json
            expect: {request_error: request.type}
          - name: duplicate
            request: duplicate.json
            expect: {request_error: request.duplicate-key}
          - name: syntax
            request: broken.json
            expect: {request_error: request.syntax}
          - name: inline fraction
            request: {id: t4, kind: block, count: 1.0}
            expect: {request_error: request.type}
          - name: override elsewhere keeps the fraction
            base: fraction.json
            set: {name: b}
            expect: {request_error: request.type}
          - name: override replaces the fraction
            base: fraction.json
            set: {count: 0, nested.inner.flag: true}
            remove: [since]
            expect: {outcome: allow_with_conditions, unknown: [lenient-missing]}

        """

    func suite() throws -> (PolicyBundle, PolicyTestRunner.Suite) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-fidelity-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixtures.path("mini")), to: directory)
        let tests = directory.appendingPathComponent("tests")
        try Self.tests.write(to: tests.appendingPathComponent("fidelity.yaml"), atomically: true, encoding: .utf8)
        let files = [
            "fraction.json": Self.valid.replacing(#""count":0"#, with: #""count":1.0"#),
            "duplicate.json": Self.valid.replacing(#""count":0"#, with: #""count":50,"count":0"#),
            "broken.json": Self.valid.replacing("}", with: ","),
        ]
        for (name, text) in files { try text.write(to: tests.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let bundle = try BundleLoader.load(directory: directory.path)
        let suite = PolicyTestRunner.load(bundle: bundle, paths: [tests.appendingPathComponent("fidelity.yaml").path])
        #expect(suite.diagnostics.isEmpty, "\(suite.diagnostics)")
        return (bundle, suite)
    }

    @Test("every rejection path can be tested, and overrides keep the rest of the file as written")
    func fidelity() throws {
        let (bundle, suite) = try suite()
        #expect(suite.cases.count == 6)
        for testCase in suite.cases {
            let result = PolicyTestRunner.run(testCase, bundle: bundle)
            #expect(result.passed, "\(testCase.name): \(result.mismatches)")
        }
    }

    @Test("set and remove edit the bytes in place")
    func splice() throws {
        let (_, suite) = try suite()
        let keep = try #require(suite.cases.first { $0.name == "override elsewhere keeps the fraction" })
        #expect(try String(decoding: keep.request.get(), as: UTF8.self) == Self.valid.replacing(#""count":0"#, with: #""count":1.0"#).replacing(#""name":"a""#, with: #""name":"b""#))
        let replace = try #require(suite.cases.first { $0.name == "override replaces the fraction" })
        #expect(try String(decoding: replace.request.get(), as: UTF8.self)
            == Self.valid.replacing(#","since":"2026-06-01""#, with: "").replacing("}", with: #","nested":{"inner":{"flag":true}}}"#))
        let inline = try #require(suite.cases.first { $0.name == "inline fraction" })
        #expect(try String(decoding: inline.request.get(), as: UTF8.self) == #"{"id":"t4","kind":"block","count":1.0}"#)
    }

    @Test("JSONSplice removes every copy of a key and edits nested objects")
    func spliceEdges() throws {
        var splice = JSONSplice(Array(#"{ "a" : 1 , "b":{"c":[1,{"d":"}"}]}, "a":2 }"#.utf8))
        try splice.remove(["a"])
        #expect(String(decoding: splice.bytes, as: UTF8.self) == #"{ "b":{"c":[1,{"d":"}"}]} }"#)
        try splice.set(["b", "e"], to: Array("true".utf8))
        #expect(String(decoding: splice.bytes, as: UTF8.self) == #"{ "b":{"c":[1,{"d":"}"}],"e":true} }"#)
        try splice.set(["b", "c"], to: Array("null".utf8))
        #expect(String(decoding: splice.bytes, as: UTF8.self) == #"{ "b":{"c":null,"e":true} }"#)
        var escaped = JSONSplice(Array(#"{"\u0061":1}"#.utf8))
        try escaped.set(["a"], to: Array("2".utf8))
        #expect(String(decoding: escaped.bytes, as: UTF8.self) == #"{"\u0061":2}"#)
        var array = JSONSplice(Array("[1]".utf8))
        #expect(throws: TestSetupError.self) { try array.set(["a"], to: Array("1".utf8)) }
    }
}
