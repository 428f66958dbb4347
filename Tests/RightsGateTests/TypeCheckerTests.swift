import Testing
@testable import RightsGate

@Suite("Type checker")
struct TypeCheckerTests {
    let harness = ExpressionHarness(bundle: Fixtures.mini)

    @Test("well-typed expressions and their types", arguments: [
        ("shared", "bool"),
        ("count > 3", "bool"),
        ("share > 0.5 and count < 10", "bool"),
        ("count + 1", "integer"),
        ("count / 2", "decimal"),
        ("share < count", "bool"),
        ("level == \"ip\"", "bool"),
        ("\"ip\" == level", "bool"),
        ("level == other_level", "bool"),
        ("level in [\"ip\", \"platform\"]", "bool"),
        ("\"ip\" in levels", "bool"),
        ("level in levels", "bool"),
        ("level in broad_levels", "bool"),
        ("level_info[level].rank", "integer"),
        ("level_info[\"url\"].narrow", "bool"),
        ("level_info[level].label", "string"),
        ("since < \"2026-01-01\"", "bool"),
        ("seen_at > since", "bool"),
        ("days_since(since)", "integer"),
        ("days_between(since, seen_at)", "integer"),
        ("since + 30", "date"),
        ("as_of()", "date"),
        ("date(\"2026-07-01\") < since", "bool"),
        ("maybe_days is null", "bool"),
        ("hash is null", "bool"),
        ("hash.source == \"ncmec\"", "bool"),
        ("nested.inner.flag", "bool"),
        ("name is missing", "bool"),
        ("len(words)", "integer"),
        ("len(name)", "integer"),
        ("any(r in reviewers where r.trained)", "bool"),
        ("count(r in reviewers where r.years > 2)", "integer"),
        ("all(n in numbers where n > 0)", "bool"),
        ("contains(lower(name), \"x\")", "bool"),
        ("max(count, 3)", "integer"),
        ("min(share, 1)", "decimal"),
        ("wide_block", "bool"),
        ("-count", "integer"),
    ])
    func accepts(_ text: String, _ type: String) {
        let compiled = harness.compile(text)
        #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics)")
        #expect(compiled.typed?.type.description == type)
    }

    @Test("ill-typed expressions get a precise error", arguments: [
        ("sharedd", "schema.unknown-fact", "unknown fact `sharedd`", "did you mean `shared`?", 1, 7),
        ("nested.inner.flg", "schema.unknown-fact", "unknown fact `nested.inner.flg`", "did you mean `nested.inner.flag`?", 1, 16),
        ("count.x", "schema.unknown-fact", "`count` is an integer and has no field `x`", nil, 1, 7),
        ("nested", "expr.type-mismatch", "`nested` is a group of facts, not a value", "name one of its facts, e.g. `nested.inner`, or test `nested is present`", 1, 6),
        ("level == \"IP\"", "expr.unknown-enum-value", "`IP` is not a value of enum `Level`", "did you mean `ip`?", 10, 4),
        ("level in [\"url\", \"domian\"]", "expr.unknown-enum-value", "`domian` is not a value of enum `Level`", "did you mean `domain`?", 18, 8),
        ("shared > 3", "expr.type-mismatch", "cannot use `>` on a bool and an integer", nil, 1, 10),
        ("count == \"many\"", "expr.type-mismatch", "the right side of `==` must be an integer, but this is a string", nil, 10, 6),
        ("level < \"ip\"", "expr.type-mismatch", "`<` does not apply to a value of enum `Level`", "only numbers, dates and date-times are ordered; use `==` or `!=`", 1, 12),
        ("level == kind", "expr.type-mismatch", "cannot use `==` on a value of enum `Level` and a value of enum `Kind`", "enum `Level` and enum `Kind` are different enumerations; declare a named type in `types:` to share one", 1, 13),
        ("shared and count", "expr.type-mismatch", "both sides of `and` must be conditions, but this is an integer", nil, 12, 5),
        ("shared is null", "expr.not-nullable", "fact `shared` is not declared nullable, so it is never null", "to test whether it was given, write `shared is missing`", 1, 14),
        ("level_info[level].rnak", "catalog.unknown-attribute", "catalog `level_info` has no attribute `rnak`", "did you mean `rank`?", 1, 22),
        ("level_info[\"platform\"].rank > 1", "catalog.unknown-entry", "catalog `level_info` has no entry for this key", nil, 12, 10),
        ("level_info > 1", "expr.type-mismatch", "catalog `level_info` is not a value", "test membership with `x in level_info` or read an attribute with `level_info[x].attribute`", 1, 10),
        ("frobnicate(count)", "expr.unknown-function", "unknown function `frobnicate`", "functions: abs, all, any, as_of, contains, count, date, datetime, days_between, days_since, ends_with, len, lower, max, min, none, starts_with, upper", 1, 17),
        ("lenn(words) > 0", "expr.unknown-function", "unknown function `lenn`", "did you mean `len`?", 1, 11),
        ("len(words, words) > 0", "expr.arity", "`len` takes 1 argument, found 2", nil, 1, 17),
        ("days_since(count) > 3", "expr.type-mismatch", "argument 1 of `days_since` must be a date or a date-time, but this is an integer", nil, 12, 5),
        ("since < \"yesterday\"", "expr.invalid-literal", "`yesterday` is not a date", "write dates as \"YYYY-MM-DD\"", 9, 11),
        ("any(r in count where r)", "expr.type-mismatch", "`any(…)` ranges over a list, but this is an integer", nil, 10, 5),
        ("any(r in reviewers where r.name)", "expr.type-mismatch", "the condition of `any(…)` must be true or false, but this is a string", nil, 26, 6),
        ("any(r in reviewers where r.nme == \"a\")", "schema.unknown-fact", "`r` has no field `nme`", "did you mean `name`?", 26, 5),
        ("words == numbers", "expr.type-mismatch", "cannot use `==` on a list of string and a list of integer", nil, 1, 16),
        ("level in [\"url\", \"url\"]", "expr.type-mismatch", "this value appears twice in the list", nil, 18, 5),
        ("1 == 2", "expr.type-mismatch", "this comparison of two constants is always the same", "compare a fact with a value", 1, 6),
        ("count / 0 > 1", "expr.type-mismatch", "division by zero", nil, 9, 1),
        ("name in words and name in count", "expr.type-mismatch", "the right side of `in` must be a list or a catalog, but this is an integer", nil, 27, 5),
        ("contains(words, \"a\")", "expr.type-mismatch", "`contains` looks for text inside text", "to test list membership write `value in list`", 1, 20),
    ])
    func rejects(_ text: String, _ code: String, _ message: String, _ help: String?, _ column: Int, _ length: Int) {
        let compiled = harness.compile(text)
        #expect(compiled.typed == nil)
        let diagnostic = compiled.diagnostics.first
        #expect(diagnostic?.code.rawValue == code)
        #expect(diagnostic?.message == message)
        #expect(diagnostic?.help == help)
        #expect(diagnostic?.location?.column == column)
        #expect(diagnostic?.location?.length == length)
    }

    @Test("a condition must be a condition")
    func conditionMustBeBool() {
        let scalar = YAMLScalar(value: "count", style: .plain, location: SourceLocation(file: "x", line: 3, column: 17))
        let source = ScalarSource(scalar: scalar, positions: ScalarPositions(scalar: scalar, sourceLines: ["", "", "    fails_when: count"]))
        var checker = TypeChecker(schema: Fixtures.mini.schema, catalogs: Fixtures.mini.catalogs, definitions: [])
        #expect(checker.checkCondition(source, what: "`fails_when`") == nil)
        #expect(checker.diagnostics.first?.message == "`fails_when` must be a condition (true or false), but this is an integer")
        #expect(checker.diagnostics.first?.location == SourceLocation(file: "x", line: 3, column: 17, length: 5))
    }
}
