import Testing
@testable import RightsGate

/// A definition numbers its quantifier variables from 0, like any expression; used inside another
/// quantifier, it must still read its own variable, not the one bound outside it.
@Suite("Definitions with quantifiers, used inside quantifiers")
struct QuantifiedDefinitionTests {
    static let bundle: PolicyBundle = {
        let policy = """
            facts:
              id: string
              xs: list of integer
              ys: list of integer
              zs: list of integer
            definitions:
              has_big_y: any(y in ys where y > 10)
              all_small_z: all(z in zs where z < 5)
              x_with_big_y: any(x in xs where x > 0 and has_big_y)
            checks:
            \(Fixtures.check("has_big_y"))
            """
        guard let bundle = try? Fixtures.load(policy: policy).bundle else { fatalError("quantified definitions bundle") }
        return bundle
    }()

    var harness: ExpressionHarness { ExpressionHarness(bundle: Self.bundle) }

    @Test("the definition's variable, not the outer one, is tested", arguments: [
        ("any(x in xs where has_big_y)", #"{"xs": [1], "ys": [50]}"#, Tri.yes),
        ("any(x in xs where has_big_y)", #"{"xs": [50], "ys": [5]}"#, .no),
        ("all(x in xs where not has_big_y)", #"{"xs": [50], "ys": [5]}"#, .yes),
        ("count(x in xs where has_big_y) == 2", #"{"xs": [1, 2], "ys": [50]}"#, .yes),
        ("any(x in xs where x == 1 and has_big_y and all_small_z)", #"{"xs": [1], "ys": [50], "zs": [1]}"#, .yes),
        ("any(x in xs where any(z in zs where z == x and has_big_y))", #"{"xs": [1], "ys": [50], "zs": [1]}"#, .yes),
        ("any(x in xs where any(z in zs where z == x and has_big_y))", #"{"xs": [50], "ys": [5], "zs": [50]}"#, .no),
        ("any(z in zs where x_with_big_y)", #"{"xs": [1], "ys": [50], "zs": [100]}"#, .yes),
        ("any(z in zs where x_with_big_y)", #"{"xs": [0], "ys": [50], "zs": [100]}"#, .no),
        ("has_big_y and any(x in xs where has_big_y)", #"{"xs": [1], "ys": [50]}"#, .yes),
    ])
    func evaluates(_ text: String, _ json: String, _ expected: Tri) throws {
        #expect(try harness.evaluate(text, json) == expected)
    }

    @Test("the canonical form names the two variables apart", arguments: [
        ("any(x in xs where has_big_y)", "(any $0 xs (any $1 ys (> $1 10)))"),
        ("any(x in xs where any(z in zs where has_big_y))", "(any $0 xs (any $1 zs (any $2 ys (> $2 10))))"),
        ("any(z in zs where x_with_big_y)", "(any $0 zs (any $1 xs (and (> $1 0) (any $2 ys (> $2 10)))))"),
        ("has_big_y", "(any $0 ys (> $0 10))"),
    ])
    func canonical(_ text: String, _ expected: String) throws {
        let compiled = harness.compile(text)
        let typed = try #require(compiled.typed)
        let bundle = Self.bundle
        #expect(typed.canonical(schema: bundle.schema, catalogs: bundle.catalogs, definitions: bundle.lint.definitions) == expected)
    }

    @Test("the policy book's sentences number the two variables apart", arguments: [
        ("any(x in xs where has_big_y)",
         "some item of `xs` satisfies: has big y (some item of `ys` satisfies: item 2 is more than 10)"),
        ("any(z in zs where x_with_big_y)",
         "some item of `zs` satisfies: x with big y (some item of `xs` satisfies: item 2 is more than 0 and has big y "
            + "(some item of `ys` satisfies: item 3 is more than 10))"),
        ("count(x in xs where x > 1 and has_big_y) > 0",
         "the number of items of `xs` that satisfy: item 1 is more than 1 and has big y (some item of `ys` satisfies: "
            + "item 2 is more than 10) is more than 0"),
        ("has_big_y", "has big y (some item of `ys` satisfies: item 1 is more than 10)"),
    ])
    func plainLanguage(_ text: String, _ expected: String) throws {
        let typed = try #require(harness.compile(text).typed)
        #expect(PlainLanguage(bundle: Self.bundle, language: "en").render(typed) == expected)
    }
}
