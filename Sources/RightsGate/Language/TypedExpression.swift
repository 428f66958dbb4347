/// A constant value known when the bundle loads.
enum Constant: Sendable, Hashable {
    case bool(Bool)
    case integer(Int64)
    case decimal(Double)
    case string(String)
    case enumCase(Int32, EnumType)
    case date(Int32)
    case datetime(Int64)

    var type: ValueType {
        switch self {
        case .bool: .bool
        case .integer: .integer
        case .decimal: .decimal
        case .string: .string
        case let .enumCase(_, e): .enumeration(e)
        case .date: .date
        case .datetime: .datetime
        }
    }
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

enum ArithmeticOperator: String, Sendable { case plus = "+", minus = "-", times = "*", divide = "/" }

/// Built-in functions. `date(…)` and `datetime(…)` only take literals and are folded to constants.
enum Builtin: String, Sendable, CaseIterable {
    case len, days_since, days_between, as_of, lower, upper, contains, starts_with, ends_with, min, max, abs
}

/// The typed, resolved expression tree: names are slots, definitions, catalogs or local variables; enum
/// literals are indices; implicit conversions are explicit nodes. The expression compiler turns it into
/// closures, and the linter and the policy book read it.
indirect enum TypedExpression: Sendable {
    case constant(Constant)
    case fact(slot: Int, ValueType)
    /// `is null`, `is present`… on a fact slot.
    case slotPresence(slot: Int, Expression.PresenceTest)
    /// `is null`, `is present`… on a value that is not a slot (a variable or one of its fields).
    case valuePresence(TypedExpression, Expression.PresenceTest)
    case local(depth: Int, ValueType)
    case field(TypedExpression, index: Int, ValueType)
    case definition(index: Int, ValueType)
    case not(TypedExpression)
    case and(TypedExpression, TypedExpression)
    case or(TypedExpression, TypedExpression)
    case compare(ComparisonOperator, TypedExpression, TypedExpression)
    case arithmetic(ArithmeticOperator, TypedExpression, TypedExpression, ValueType)
    case negate(TypedExpression)
    case toDecimal(TypedExpression)
    case toDatetime(TypedExpression)
    case inConstants(TypedExpression, [Constant], negated: Bool)
    case inList(TypedExpression, TypedExpression, negated: Bool)
    case inCatalog(TypedExpression, catalog: Int, negated: Bool)
    case catalogAttribute(key: TypedExpression, catalog: Int, attribute: Int, ValueType)
    case builtin(Builtin, [TypedExpression], ValueType)
    case quantified(Expression.Quantifier, list: TypedExpression, body: TypedExpression, depth: Int)
    case list([TypedExpression], ValueType)

    var type: ValueType {
        switch self {
        case let .constant(c): c.type
        case let .fact(_, t), let .local(_, t), let .field(_, _, t), let .definition(_, t),
            let .arithmetic(_, _, _, t), let .catalogAttribute(_, _, _, t), let .builtin(_, _, t):
            t
        case .slotPresence, .valuePresence, .not, .and, .or, .compare, .inConstants, .inList, .inCatalog:
            .bool
        case let .negate(e): e.type
        case .toDecimal: .decimal
        case .toDatetime: .datetime
        case let .quantified(q, _, _, _): q == .count ? .integer : .bool
        case let .list(_, t): t
        }
    }

    var constantValue: Constant? {
        if case let .constant(c) = self { return c }
        return nil
    }
}

extension TypedExpression {
    /// The direct sub-expressions (a definition's body is not one: it is a separate expression).
    var children: [TypedExpression] {
        switch self {
        case .constant, .fact, .slotPresence, .local, .definition: []
        case let .valuePresence(e, _), let .field(e, _, _), let .not(e), let .negate(e), let .toDecimal(e),
            let .toDatetime(e), let .inConstants(e, _, _), let .inCatalog(e, _, _), let .catalogAttribute(e, _, _, _):
            [e]
        case let .and(l, r), let .or(l, r), let .compare(_, l, r), let .arithmetic(_, l, r, _), let .inList(l, r, _),
            let .quantified(_, l, r, _):
            [l, r]
        case let .builtin(_, args, _): args
        case let .list(items, _): items
        }
    }

    /// Whether the expression itself binds a quantifier variable (not counting the definitions it uses,
    /// which bind theirs in their own numbering).
    var bindsVariables: Bool {
        if case .quantified = self { return true }
        return children.contains { $0.bindsVariables }
    }
}
