import Testing
@testable import RightsGate

/// Prints the tree in a fully parenthesised form, so precedence and associativity are visible in tests.
extension Expression {
    var sexpr: String {
        switch self {
        case let .literal(l, _):
            switch l {
            case let .integer(i): return String(i)
            case let .decimal(d): return String(d)
            case let .string(s): return "\"\(s)\""
            case let .bool(b): return String(b)
            case .null: return "null"
            }
        case let .name(n, _): return n
        case let .member(b, n, _): return "\(b.sexpr).\(n)"
        case let .index(b, k, _): return "\(b.sexpr)[\(k.sexpr)]"
        case let .unary(op, e, _): return "(\(op.rawValue) \(e.sexpr))"
        case let .binary(op, l, r, _): return "(\(op.rawValue) \(l.sexpr) \(r.sexpr))"
        case let .presence(e, t, _): return "(\(t.rawValue) \(e.sexpr))"
        case let .call(n, args, _): return "\(n)(\(args.map(\.sexpr).joined(separator: ", ")))"
        case let .quantified(q, v, _, l, b, _): return "(\(q.rawValue) \(v) \(l.sexpr) \(b.sexpr))"
        case let .list(items, _): return "[\(items.map(\.sexpr).joined(separator: ", "))]"
        }
    }
}

@Suite("Expression parser")
struct ParserTests {
    @Test("precedence and associativity", arguments: [
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("not not a", "(not (not a))"),
        ("a == 1 or b != 2", "(or (== a 1) (!= b 2))"),
        ("x + y * z > 3", "(> (+ x (* y z)) 3)"),
        ("x - y - z", "(- (- x y) z)"),
        ("x / y * z", "(* (/ x y) z)"),
        ("-x + 2", "(+ (- x) 2)"),
        ("-3", "-3"),
        ("-0.5 < share", "(< -0.5 share)"),
        ("(a or b) and c", "(and (or a b) c)"),
        ("target.level in [\"ip\", \"asn\"]", "(in target.level [\"ip\", \"asn\"])"),
        ("x not in catalog", "(not in x catalog)"),
        ("not x in y", "(not (in x y))"),
        ("a.b is null", "(is null a.b)"),
        ("a is not null and b is missing", "(and (is not null a) (is missing b))"),
        ("a is present", "(is present a)"),
        ("offences[o].outside", "offences[o].outside"),
        ("len(x) == 0", "(== len(x) 0)"),
        ("days_between(a, b) >= 30", "(>= days_between(a, b) 30)"),
        ("any(r in reviewers where r.trained and r.years >= 2)", "(any r reviewers (and r.trained (>= r.years 2)))"),
        ("count(w in words where w == \"x\") > 1", "(> (count w words (== w \"x\")) 1)"),
        ("'single' == name", "(== \"single\" name)"),
        ("\"esc\\\"aped\" == n", "(== \"esc\"aped\" n)"),
        ("1_000 < n", "(< 1000 n)"),
        ("as_of()", "as_of()"),
    ])
    func parses(_ text: String, _ expected: String) throws {
        #expect(try ExpressionParser.parse(text).sexpr == expected)
    }

    @Test("errors name the problem, its offset and a hint", arguments: [
        ("a = b", "`=` is not an operator here", 2, "use `==` to compare"),
        ("a && b", "`&&` is not an operator here", 2, "use `and`"),
        ("a || b", "`||` is not an operator here", 2, "use `or`"),
        ("!a", "`!` is not an operator here", 0, "use `not`"),
        ("a <> b", "`<>` is not an operator here", 2, "use `!=`"),
        ("a < b < c", "comparisons cannot be chained", 6, "join two comparisons with `and`, e.g. `a < b and b < c`"),
        ("(a or b", "expected `)`, found the end of the expression", 7, "this `(` at offset 0 is not closed"),
        ("a or", "expected a value (a fact, a number, a quoted text, `true` or `false`), found the end of the expression", 4, nil),
        ("a and or b", "expected a value, found `or`", 6, "a condition is missing on one side of `or`"),
        ("\"open", "unterminated string", 0, "close it with \""),
        ("a is 3", "expected `null`, `present` or `missing` after `is`, found `3`", 5, "to compare values use `==`"),
        ("a is not present", "`is not present` is not supported", 9, "write `is missing`"),
        ("x == null", "`null` can only be tested with `is null`", 5, "write `x is null` or `x is not null`"),
        ("any(r in xs: r)", "`:` is not an operator here", 11, "quantifiers read `any(x in list where condition)`; a `: ` would also end the YAML value"),
        ("any(r xs)", "expected `in`, found `xs`", 6, "write `any(r in list where condition on r)`"),
        ("12abc", "a number cannot run into a name", 0, "put a space or an operator between them"),
        ("99999999999999999999 > a", "integer `99999999999999999999` is too large", 0, "integers range from -9223372036854775808 to 9223372036854775807"),
        ("a b", "expected end of expression, found `b`", 2, "an operator such as `and` or `or` may be missing"),
        ("", "empty expression", 0, "write a condition such as `target.level == \"url\"`"),
        ("{target.ip}", "unexpected character `{`", 0, "`{…}` placeholders belong in explanation texts, not in conditions"),
    ])
    func rejects(_ text: String, _ message: String, _ offset: Int, _ help: String?) {
        do {
            _ = try ExpressionParser.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.message == message)
            #expect(error.offset == offset)
            #expect(error.help == help)
        }
    }

    @Test("nesting is bounded so a hostile expression cannot exhaust the stack")
    func depthLimit() {
        let deep = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(throws: ExpressionError.self) { try ExpressionParser.parse(deep) }
        let fine = String(repeating: "(", count: 20) + "a" + String(repeating: ")", count: 20)
        #expect((try? ExpressionParser.parse(fine)) != nil)
    }
}
