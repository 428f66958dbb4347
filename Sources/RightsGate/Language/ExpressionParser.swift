/// Recursive-descent parser for the expression language (grammar in docs/policy-language.md).
///
/// Precedence, loosest first: `or`, `and`, `not`, comparisons (`==` … `in`, `not in`, `is …`), `+ -`,
/// `* /`, unary `-`, postfix (`.name`, `[key]`, calls). Comparisons do not chain: `a < b < c` is an error.
struct ExpressionParser {
    private let tokens: [Token]
    private var index = 0
    /// Nesting of parentheses, brackets, calls, `not` and unary `-`: the parser's own recursion.
    private var depth = 0
    static let maximumDepth = 64
    /// The height of the tree last parsed (a leaf is 1; an operation is 1 more than its highest operand).
    /// Chains such as `a or b or …` are parsed in loops, not by recursion, but build a tree as deep as they
    /// are long, and every later pass (type checking, compiling, evaluating) recurses over it; so the height
    /// is bounded as the tree is built, and nothing deeper than this ever exists.
    private var height = 0
    static let maximumHeight = 200

    static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(tokens: try Lexer.tokenize(text))
        guard parser.current.kind != .end else {
            throw ExpressionError(message: "empty expression", offset: 0, length: 1, help: "write a condition such as `target.level == \"url\"`")
        }
        let expression = try parser.parseExpression()
        guard parser.current.kind == .end else {
            throw parser.unexpected("end of expression", help: parser.current.kind == .symbol(.rightParen) ? "this `)` has no matching `(`" : "an operator such as `and` or `or` may be missing")
        }
        return expression
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private var current: Token { tokens[index] }
    private var previous: Token { tokens[max(index - 1, 0)] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func match(_ symbol: Token.Symbol) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        _ = advance()
        return true
    }

    private mutating func match(_ keyword: Token.Keyword) -> Bool {
        guard current.kind == .keyword(keyword) else { return false }
        _ = advance()
        return true
    }

    private func span(_ token: Token) -> Expression.Span { .init(offset: token.offset, length: token.length) }

    private func unexpected(_ expected: String, help: String? = nil) -> ExpressionError {
        let found = current.kind == .end ? "the end of the expression" : "`\(current.text)`"
        return ExpressionError(message: "expected \(expected), found \(found)", offset: current.offset, length: current.length, help: help)
    }

    private mutating func expect(_ symbol: Token.Symbol, _ what: String, help: String? = nil) throws(ExpressionError) -> Token {
        guard current.kind == .symbol(symbol) else { throw unexpected(what, help: help) }
        return advance()
    }

    private mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionError(
                message: "expression is nested too deeply (more than \(Self.maximumDepth) levels)", offset: current.offset,
                length: current.length, help: "split it into named definitions", code: .exprTooComplex)
        }
        return try body(&self)
    }

    /// Records the height of a node over operands of the given heights, failing beyond the bound. `at` is
    /// the operator, where the error points.
    private mutating func grow(_ operands: Int..., at token: Token) throws(ExpressionError) {
        height = 1 + (operands.max() ?? 0)
        guard height <= Self.maximumHeight else {
            throw ExpressionError(
                message: "expression is too complex (more than \(Self.maximumHeight) operations deep)",
                offset: token.offset, length: token.length,
                help: "split it into definitions, or test a list of values with `in [...]`", code: .exprTooComplex)
        }
    }

    mutating func parseExpression() throws(ExpressionError) -> Expression {
        try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() }
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var left = try parseAnd()
        while current.kind == .keyword(.or) {
            let op = advance(), leftHeight = height
            let right = try parseAnd()
            try grow(leftHeight, height, at: op)
            left = .binary(.or, left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var left = try parseNot()
        while current.kind == .keyword(.and) {
            let op = advance(), leftHeight = height
            let right = try parseNot()
            try grow(leftHeight, height, at: op)
            left = .binary(.and, left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Expression {
        if current.kind == .keyword(.not) {
            let token = advance()
            let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseNot() }
            try grow(height, at: token)
            return .unary(.not, operand, span(token).through(operand.span))
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expression {
        let left = try parseAdditive()
        let op: Expression.BinaryOperator
        switch current.kind {
        case .symbol(.equal): op = .equal
        case .symbol(.notEqual): op = .notEqual
        case .symbol(.less): op = .less
        case .symbol(.lessEqual): op = .lessEqual
        case .symbol(.greater): op = .greater
        case .symbol(.greaterEqual): op = .greaterEqual
        case .keyword(.in): op = .in
        case .keyword(.not):
            guard index + 1 < tokens.count, tokens[index + 1].kind == .keyword(.in) else { return left }
            _ = advance()
            op = .notIn
        case .keyword(.is):
            let leftHeight = height
            let token = current
            let presence = try parsePresence(left)
            try grow(leftHeight, at: token)
            return presence
        default:
            return left
        }
        let token = advance(), leftHeight = height
        let right = try parseAdditive()
        try grow(leftHeight, height, at: token)
        let result = Expression.binary(op, left, right, left.span.through(right.span))
        switch current.kind {
        case .symbol(.equal), .symbol(.notEqual), .symbol(.less), .symbol(.lessEqual), .symbol(.greater),
            .symbol(.greaterEqual), .keyword(.in), .keyword(.is):
            throw ExpressionError(
                message: "comparisons cannot be chained", offset: current.offset, length: current.length,
                help: "join two comparisons with `and`, e.g. `a < b and b < c`")
        default:
            return result
        }
    }

    private mutating func parsePresence(_ subject: Expression) throws(ExpressionError) -> Expression {
        _ = advance()  // is
        let negated = match(.not)
        let token = current
        let test: Expression.PresenceTest
        switch token.kind {
        case .keyword(.null): test = negated ? .isNotNull : .isNull
        case .keyword(.present) where !negated: test = .isPresent
        case .keyword(.missing) where !negated: test = .isMissing
        case .keyword(.present), .keyword(.missing):
            throw ExpressionError(
                message: "`is not \(token.text)` is not supported", offset: token.offset, length: token.length,
                help: token.kind == .keyword(.present) ? "write `is missing`" : "write `is present`")
        default:
            throw unexpected("`null`, `present` or `missing` after `is`", help: "to compare values use `==`")
        }
        _ = advance()
        return .presence(subject, test, subject.span.through(span(token)))
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: Expression.BinaryOperator
            if current.kind == .symbol(.plus) { op = .plus } else if current.kind == .symbol(.minus) { op = .minus } else { return left }
            let token = advance(), leftHeight = height
            let right = try parseMultiplicative()
            try grow(leftHeight, height, at: token)
            left = .binary(op, left, right, left.span.through(right.span))
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Expression {
        var left = try parseUnary()
        while true {
            let op: Expression.BinaryOperator
            if current.kind == .symbol(.star) { op = .times } else if current.kind == .symbol(.slash) { op = .divide } else { return left }
            let token = advance(), leftHeight = height
            let right = try parseUnary()
            try grow(leftHeight, height, at: token)
            left = .binary(op, left, right, left.span.through(right.span))
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        if current.kind == .symbol(.minus) {
            let token = advance()
            let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseUnary() }
            if case let .literal(.integer(i), s) = operand { return .literal(.integer(-i), span(token).through(s)) }
            if case let .literal(.decimal(d), s) = operand { return .literal(.decimal(-d), span(token).through(s)) }
            try grow(height, at: token)
            return .unary(.negate, operand, span(token).through(operand.span))
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Expression {
        var expression = try parsePrimary()
        while true {
            if match(.dot) {
                guard case let .identifier(name) = current.kind else {
                    throw unexpected("a field name after `.`")
                }
                let token = advance()
                try grow(height, at: token)
                expression = .member(expression, name, expression.span.through(span(token)))
            } else if current.kind == .symbol(.leftBracket) {
                let open = advance(), baseHeight = height
                let key = try parseExpression()
                try grow(baseHeight, height, at: open)
                let close = try expect(.rightBracket, "`]`")
                expression = .index(expression, key, expression.span.through(span(close)))
            } else {
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let token = current
        switch token.kind {
        case let .integer(i): _ = advance(); height = 1; return .literal(.integer(i), span(token))
        case let .decimal(d, _): _ = advance(); height = 1; return .literal(.decimal(d), span(token))
        case let .string(s): _ = advance(); height = 1; return .literal(.string(s), span(token))
        case .keyword(.true): _ = advance(); height = 1; return .literal(.bool(true), span(token))
        case .keyword(.false): _ = advance(); height = 1; return .literal(.bool(false), span(token))
        case .keyword(.null):
            throw ExpressionError(
                message: "`null` can only be tested with `is null`", offset: token.offset, length: token.length,
                help: "write `x is null` or `x is not null`")
        case let .identifier(name):
            _ = advance()
            if current.kind == .symbol(.leftParen) {
                if let quantifier = Expression.Quantifier(rawValue: name) {
                    return try parseQuantifier(quantifier, start: token)
                }
                return try parseCall(name, start: token)
            }
            height = 1
            return .name(name, span(token))
        case .symbol(.leftParen):
            _ = advance()
            let inner = try parseExpression()
            _ = try expect(.rightParen, "`)`", help: "this `(` at offset \(token.offset) is not closed")
            return inner
        case .symbol(.leftBracket):
            _ = advance()
            var items: [Expression] = []
            var itemsHeight = 0
            if current.kind != .symbol(.rightBracket) {
                repeat {
                    items.append(try parseExpression())
                    itemsHeight = max(itemsHeight, height)
                } while match(.comma)
            }
            try grow(itemsHeight, at: token)
            let close = try expect(.rightBracket, "`,` or `]`")
            return .list(items, span(token).through(span(close)))
        case .keyword(let keyword):
            throw ExpressionError(
                message: "expected a value, found `\(keyword.rawValue)`", offset: token.offset, length: token.length,
                help: keyword == .and || keyword == .or ? "a condition is missing on one side of `\(keyword.rawValue)`" : nil)
        default:
            throw unexpected("a value (a fact, a number, a quoted text, `true` or `false`)")
        }
    }

    private mutating func parseCall(_ name: String, start: Token) throws(ExpressionError) -> Expression {
        _ = advance()  // (
        var arguments: [Expression] = []
        var argumentsHeight = 0
        if current.kind != .symbol(.rightParen) {
            repeat {
                arguments.append(try parseExpression())
                argumentsHeight = max(argumentsHeight, height)
            } while match(.comma)
        }
        try grow(argumentsHeight, at: start)
        let close = try expect(.rightParen, "`,` or `)`")
        return .call(name, arguments, span(start).through(span(close)))
    }

    /// `any(x in list where condition)`, likewise `all`, `none` and `count`. (`where`, not `:`, because a
    /// `: ` inside a plain YAML value would end it.)
    private mutating func parseQuantifier(_ quantifier: Expression.Quantifier, start: Token) throws(ExpressionError) -> Expression {
        _ = advance()  // (
        guard case let .identifier(variable) = current.kind else {
            throw unexpected("a variable name", help: "write `\(quantifier.rawValue)(x in list where condition on x)`")
        }
        let variableToken = advance()
        guard match(.in) else {
            throw unexpected("`in`", help: "write `\(quantifier.rawValue)(\(variable) in list where condition on \(variable))`")
        }
        let list = try parseExpression()
        let listHeight = height
        guard match(.where) else {
            throw unexpected("`where` before the condition", help: "write `\(quantifier.rawValue)(\(variable) in list where condition on \(variable))`")
        }
        let body = try parseExpression()
        try grow(listHeight, height, at: start)
        let close = try expect(.rightParen, "`)`")
        return .quantified(
            quantifier, variable: variable, variableSpan: span(variableToken), list: list, body: body,
            span(start).through(span(close)))
    }
}
