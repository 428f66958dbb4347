/// A token of the expression language, with its offset and length in the expression text (Unicode scalars).
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case integer(Int64)
        case decimal(Double, text: String)
        case string(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    enum Keyword: String, Sendable, CaseIterable {
        case and, or, not, `in`, `is`, null, `true`, `false`, present, missing, `where`
    }

    enum Symbol: String, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case plus = "+", minus = "-", star = "*", slash = "/"
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case comma = ",", dot = "."
    }

    let kind: Kind
    let offset: Int
    let length: Int

    var text: String {
        switch kind {
        case let .identifier(s): s
        case let .integer(i): String(i)
        case let .decimal(_, text): text
        case let .string(s): "\"\(s)\""
        case let .keyword(k): k.rawValue
        case let .symbol(s): s.rawValue
        case .end: "end of expression"
        }
    }
}

/// A problem in an expression's text, positioned by offset; turned into a located ``Diagnostic`` by the caller.
struct ExpressionError: Error, Sendable {
    let message: String
    let offset: Int
    let length: Int
    let help: String?
    /// `expr.syntax` for a malformed expression; `expr.too-complex` for one beyond the parser's bounds.
    var code: DiagnosticCode = .exprSyntax
}
