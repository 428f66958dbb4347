import Foundation
import Testing
@testable import RightsGate

/// Mistakes in types, catalogs and checks that must stop a bundle from loading, each reported once, with
/// its own code, and without hiding or inventing other problems.
@Suite("Load errors")
struct LoadErrorTests {
    static let catalogHead = "facts:\n  id: string\n  k: string\ncatalogs:\n  cat:\n    key: string\n    attributes:\n"

    @Test("each mistake is an error with its code and message", arguments: [
        // A named type that contains itself (it used to recurse until the stack overflowed).
        ("types:\n  Node:\n    name: string\n    child: Node\nfacts:\n  id: string\n  root: Node\n",
         "schema.unknown-type", "type `Node` refers to itself"),
        ("types:\n  Node:\n    type: object\n    fields:\n      child: Node\nfacts:\n  id: string\n  root: Node\n",
         "schema.unknown-type", "type `Node` refers to itself"),
        ("types:\n  Node: {name: string, kids: list of Node}\nfacts:\n  id: string\n  root: Node\n",
         "schema.unknown-type", "type `Node` refers to itself"),
        // Catalog types are validated like fact types.
        (catalogHead + "      empty: {type: enum, values: [], nullable: true}\n    entries:\n      x: {}\n",
         "schema.enum-values", "enumeration `cat.empty` has no values"),
        (catalogHead + "      lvl: {type: enum, values: [a, a]}\n    entries:\n      x: {lvl: a}\n",
         "schema.enum-values", "value `a` appears twice in enumeration `cat.lvl`"),
        (catalogHead + "      lvl: {type: enum, values: [a, \"\"]}\n    entries:\n      x: {lvl: a}\n",
         "schema.enum-values", "enumeration `cat.lvl` has an empty value"),
        ("facts:\n  id: string\ncatalogs:\n  keyed:\n    key: {type: enum, values: []}\n    entries: []\n",
         "schema.enum-values", "enumeration `keyed[key]` has no values"),
        (catalogHead + "      p: {type: object, fields: {a: string}}\n    entries:\n      x: {p: {a: b}}\n",
         "catalog.attribute-type", "catalog attributes cannot be objects"),
        ("types:\n  P: {a: string}\n" + catalogHead + "      p: P\n    entries:\n      x: {p: {a: b}}\n",
         "catalog.attribute-type", "catalog attributes cannot be objects"),
        ("types:\n  P: {a: string}\n" + catalogHead + "      p: list of P\n    entries:\n      x: {p: []}\n",
         "catalog.attribute-type", "catalog attributes cannot be objects"),
        // Catalog decimals are finite numbers, like request values and literals.
        (catalogHead + "      max: decimal\n    entries:\n      a: {max: nan}\n",
         "catalog.attribute-type", "`max` of `a` must be a finite decimal number, found `nan`"),
        (catalogHead + "      max: decimal\n    entries:\n      a: {max: inf}\n",
         "catalog.attribute-type", "`max` of `a` must be a finite decimal number, found `inf`"),
        (catalogHead + "      max: decimal\n    entries:\n      a: {max: -infinity}\n",
         "catalog.attribute-type", "`max` of `a` must be a finite decimal number, found `-infinity`"),
        (catalogHead + "      max: decimal\n    entries:\n      a: {max: 1e999}\n",
         "catalog.attribute-type", "`max` of `a` must be a finite decimal number, found `1e999`"),
        (catalogHead + "      max: decimal\n    entries:\n      a: {max: 0x10}\n",
         "catalog.attribute-type", "`max` of `a` must be a finite decimal number, found `0x10`"),
        // Booleans are spelled `true` and `false` everywhere.
        (catalogHead + "      on: bool\n    entries:\n      a: {on: True}\n",
         "catalog.attribute-type", "`on` of `a` must be `true` or `false`, found `True`"),
        ("facts:\n  id: string\n  x: {type: integer, nullable: yes}\n",
         "structure.invalid-value", "`nullable` must be `true` or `false`, found `yes`"),
        // A check that can never fail.
        ("facts:\n  id: string\nchecks:\n  - id: c\n    title: {en: T}\n    fails: []\n    explanation: {en: E}\n    remedy: {en: R}\n",
         "structure.missing-key", "`fails` of check `c` is empty, so the check could never fail"),
        ("facts:\n  id: string\nchecks:\n  - id: c\n    title: {en: T}\n    fails:\n    explanation: {en: E}\n    remedy: {en: R}\n",
         "structure.missing-key", "`fails` of check `c` is empty, so the check could never fail"),
        // Exceptions: ids like check ids, a reason in every language.
        ("facts:\n  id: string\nchecks:\n" + Fixtures.check("id == \"a\"", extra: "    exceptions:\n      - {id: \"Has Spaces!\", when: id == \"z\", reason: {en: R}}\n"),
         "check.invalid-id", "exception id `Has Spaces!` must be lowercase letters, digits and hyphens"),
        ("facts:\n  id: string\nchecks:\n" + Fixtures.check("id == \"a\"", extra: "    exceptions:\n      - {id: court, when: id == \"z\"}\n"),
         "structure.missing-key", "exception `court` of check `c` is missing `reason`"),
        ("facts:\n  id: string\nchecks:\n" + Fixtures.check("id == \"a\"", extra: "    exceptions:\n      - {id: court, when: id == \"z\", reason: {}}\n"),
         "check.missing-translation", "the reason of exception `court` of check `c` has no `en` text"),
    ])
    func rejected(_ policy: String, _ code: String, _ message: String) throws {
        let report = try Fixtures.load(policy: policy)
        #expect(report.bundle == nil)
        #expect(report.diagnostics.contains { $0.code.rawValue == code && $0.message == message && $0.isError },
                "\(report.diagnostics.map { "\($0.code): \($0.message)" })")
    }

    @Test("finite decimals, and booleans spelled true and false, are accepted")
    func acceptedValues() throws {
        let policy = Self.catalogHead + "      max: decimal\n      on: bool\n    entries:\n"
            + "      a: {max: 1.5, on: true}\n      b: {max: -2e3, on: false}\n      c: {max: '+7', on: false}\n"
            + "checks:\n" + Fixtures.check("k == \"a\"")
        let report = try Fixtures.load(policy: policy)
        #expect(report.diagnostics.filter(\.isError).isEmpty, "\(report.diagnostics)")
        let values = try #require(report.bundle?.catalogs.first?.entries.map(\.values))
        #expect(values.map { $0[0] } == [.decimal(1.5), .decimal(-2000), .decimal(7)])
    }

    @Test("an empty language list is an error, not a bundle without translations")
    func emptyLanguages() throws {
        let report = try Fixtures.load(
            policy: "facts:\n  id: string\n  flag: bool\nchecks:\n" + Fixtures.check("flag"),
            manifest: "bundle: {name: t, version: '1', languages: [], sources: [sources.yaml]}\n")
        #expect(report.bundle == nil)
        let diagnostic = report.diagnostics.first { $0.code == .structureInvalidValue }
        #expect(diagnostic?.message == "`languages` in `bundle` is empty")
        #expect(diagnostic?.location?.line == 1)
    }

    @Test("a broken named type is reported once, where it is declared, and nowhere it is used")
    func brokenNamedTypeOnce() throws {
        let policy = """
            types:
              Foo: list of Strng
              Bar: {type: enum, values: []}
            facts:
              id: string
              a: Foo
              b: Foo
              c: Bar
              d: Bar
            catalogs:
              cat:
                key: string
                attributes:
                  x: Foo
                entries: {k: {x: [a]}}
            checks:
            \(Fixtures.check("id == \"a\""))
            """
        let report = try Fixtures.load(policy: policy)
        let errors = report.diagnostics.filter(\.isError).map { "\($0.location?.line ?? 0): \($0.message)" }
        #expect(errors == ["2: unknown type `Strng`", "3: enumeration `Bar` has no values"])
    }

    @Test("a catalog attribute whose type is broken is reported once, not again where a check reads it")
    func brokenAttributeOnce() throws {
        let policy = Self.catalogHead + "      empty: {type: enum, values: [], nullable: true}\n    entries:\n      x: {}\nchecks:\n"
            + Fixtures.check("cat[k].empty == \"a\"")
        let report = try Fixtures.load(policy: policy)
        #expect(report.bundle == nil)
        #expect(report.diagnostics.filter(\.isError).map(\.message) == ["enumeration `cat.empty` has no values"])
    }

    @Test("facts of one named object type share its types, so they can be compared")
    func namedObjectTypeShared() throws {
        let policy = """
            types:
              Party:
                type: object
                fields:
                  role: {type: enum, values: [police, court]}
                  unit: string
            facts:
              id: string
              requester: Party
              approver: Party
              team: list of Party
            checks:

            """ + Fixtures.check("requester.role == approver.role or any(p in team where p.role == requester.role)")
        let report = try Fixtures.load(policy: policy)
        let bundle = try #require(report.bundle, "\(report.diagnostics)")
        #expect(bundle.schema.slot("requester.role")?.type == bundle.schema.slot("approver.role")?.type)
        #expect(bundle.factPaths.contains("approver.unit"))
        let harness = ExpressionHarness(bundle: bundle)
        #expect(try harness.evaluate("requester.role == approver.role", #"{"requester": {"role": "court"}, "approver": {"role": "court"}}"#) == .yes)
        #expect(try harness.evaluate("requester.role == approver.role", #"{"requester": {"role": "court"}, "approver": {"role": "police"}}"#) == .no)
    }

    @Test("definitions nested in definitions are bounded like one expression")
    func stackedDefinitions() throws {
        // Each definition is within the parser's bound; expanded into each other they are not.
        let chain = String(repeating: " or flag", count: 150)
        let policy = "facts:\n  id: string\n  flag: bool\ndefinitions:\n  d0: flag\n  d1: d0\(chain)\n  d2: d1\(chain)\n  d3: d2\(chain)\nchecks:\n"
            + Fixtures.check("d2") + Fixtures.check("d3", id: "e")
        let report = try Fixtures.load(policy: policy)
        let tooComplex = report.diagnostics.filter { $0.code == .exprTooComplex }
        #expect(tooComplex.map(\.message) == [
            "definition `d3` is too complex once the definitions it uses are expanded (454 operations deep, at most 400)",
        ])
        #expect(report.bundle == nil)
    }

    @Test("an invalid effective date does not hide the check's other mistakes")
    func effectiveDatesDoNotHideTheRest() throws {
        let policy = "facts:\n  id: string\nchecks:\n" + Fixtures.check("id == \"a\"", extra: """
                effective_from: 99999-01-01
                effective_until: 2026-02-30
                mode: sometimes

            """)
        let report = try Fixtures.load(policy: policy)
        let found = report.diagnostics.filter(\.isError).map(\.message)
        #expect(found.contains("`effective_from` must be a date written YYYY-MM-DD"))
        #expect(found.contains("`effective_until` must be a date written YYYY-MM-DD"))
        #expect(found.contains("`sometimes` is not a mode"))
    }
}
