/// The untyped expression tree produced by the ``Parser``. Offsets are in Unicode scalars from the start of
/// the expression text; the type checker turns them into file locations.
indirect enum Expression: Sendable {
    struct Span: Sendable, Equatable {
        let offset: Int
        let length: Int

        func through(_ other: Span) -> Span {
            let start = min(offset, other.offset)
            return Span(offset: start, length: max(offset + length, other.offset + other.length) - start)
        }
    }

    enum Literal: Sendable, Equatable {
        case integer(Int64)
        case decimal(Double)
        case string(String)
        case bool(Bool)
        case null
    }

    enum BinaryOperator: String, Sendable {
        case and, or
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case plus = "+", minus = "-", times = "*", divide = "/"
        case `in`, notIn = "not in"
    }

    enum UnaryOperator: String, Sendable { case not, negate = "-" }

    enum PresenceTest: String, Sendable {
        case isNull = "is null", isNotNull = "is not null", isPresent = "is present", isMissing = "is missing"
    }

    enum Quantifier: String, Sendable, CaseIterable { case any, all, none, count }

    case literal(Literal, Span)
    case name(String, Span)
    case member(Expression, String, Span)
    case index(Expression, Expression, Span)
    case unary(UnaryOperator, Expression, Span)
    case binary(BinaryOperator, Expression, Expression, Span)
    case presence(Expression, PresenceTest, Span)
    case call(String, [Expression], Span)
    case quantified(Quantifier, variable: String, variableSpan: Span, list: Expression, body: Expression, Span)
    case list([Expression], Span)

    var span: Span {
        switch self {
        case let .literal(_, s), let .name(_, s), let .member(_, _, s), let .index(_, _, s), let .unary(_, _, s),
            let .binary(_, _, _, s), let .presence(_, _, s), let .call(_, _, s), let .quantified(_, _, _, _, _, s),
            let .list(_, s):
            s
        }
    }

    /// `a.b.c` as ["a", "b", "c"] when the expression is a plain dotted name.
    var dottedPath: [String]? {
        switch self {
        case let .name(n, _): [n]
        case let .member(base, n, _): base.dottedPath.map { $0 + [n] }
        default: nil
        }
    }
}
