/// Splits an expression into tokens. Rejects the operators people bring from other languages (`=`, `&&`,
/// `||`, `!`) with a hint naming ours.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func tokenize(_ text: String) throws(ExpressionError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    mutating func next() throws(ExpressionError) -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
        let start = position
        guard let c = peek() else { return Token(kind: .end, offset: position, length: 1) }

        if Self.isIdentifierStart(c) {
            while let c = peek(), Self.isIdentifierPart(c) { position += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<position]))
            let kind: Token.Kind = Token.Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word)
            return Token(kind: kind, offset: start, length: position - start)
        }
        if Self.isDigit(c) { return try number(start: start) }
        if c == "\"" || c == "'" { return try string(quote: c, start: start) }

        func symbol(_ s: Token.Symbol, _ length: Int) -> Token {
            position += length
            return Token(kind: .symbol(s), offset: start, length: length)
        }
        func reject(_ found: String, _ help: String) -> ExpressionError {
            ExpressionError(message: "`\(found)` is not an operator here", offset: start, length: found.unicodeScalars.count, help: help)
        }
        let next = peek(1)
        switch c {
        case "=":
            if next == "=" { return symbol(.equal, 2) }
            throw reject("=", "use `==` to compare")
        case "!":
            if next == "=" { return symbol(.notEqual, 2) }
            throw reject("!", "use `not`")
        case "<":
            if next == "=" { return symbol(.lessEqual, 2) }
            if next == ">" { throw reject("<>", "use `!=`") }
            return symbol(.less, 1)
        case ">":
            if next == "=" { return symbol(.greaterEqual, 2) }
            return symbol(.greater, 1)
        case "&":
            throw reject(next == "&" ? "&&" : "&", "use `and`")
        case "|":
            throw reject(next == "|" ? "||" : "|", "use `or`")
        case "+": return symbol(.plus, 1)
        case "-": return symbol(.minus, 1)
        case "*": return symbol(.star, 1)
        case "/": return symbol(.slash, 1)
        case "(": return symbol(.leftParen, 1)
        case ")": return symbol(.rightParen, 1)
        case "[": return symbol(.leftBracket, 1)
        case "]": return symbol(.rightBracket, 1)
        case ",": return symbol(.comma, 1)
        case ".": return symbol(.dot, 1)
        case ":":
            throw reject(":", "quantifiers read `any(x in list where condition)`; a `: ` would also end the YAML value")
        default:
            throw ExpressionError(
                message: "unexpected character `\(c)`", offset: start, length: 1,
                help: c == "{" || c == "}" ? "`{…}` placeholders belong in explanation texts, not in conditions" : nil)
        }
    }

    private mutating func number(start: Int) throws(ExpressionError) -> Token {
        while let c = peek(), Self.isDigit(c) || c == "_" { position += 1 }
        var isDecimal = false
        if peek() == ".", let after = peek(1), Self.isDigit(after) {
            isDecimal = true
            position += 1
            while let c = peek(), Self.isDigit(c) { position += 1 }
        }
        if let c = peek(), Self.isIdentifierStart(c) {
            throw ExpressionError(
                message: "a number cannot run into a name", offset: start, length: position - start + 1,
                help: "put a space or an operator between them")
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        let digits = String(text.filter { $0 != "_" })
        if isDecimal {
            guard let value = Double(digits), value.isFinite else {
                throw ExpressionError(message: "invalid number `\(text)`", offset: start, length: position - start, help: nil)
            }
            return Token(kind: .decimal(value, text: text), offset: start, length: position - start)
        }
        guard let value = Int64(digits) else {
            throw ExpressionError(
                message: "integer `\(text)` is too large", offset: start, length: position - start,
                help: "integers range from -9223372036854775808 to 9223372036854775807")
        }
        return Token(kind: .integer(value), offset: start, length: position - start)
    }

    private mutating func string(quote: Unicode.Scalar, start: Int) throws(ExpressionError) -> Token {
        position += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw ExpressionError(
                    message: "unterminated string", offset: start, length: position - start,
                    help: "close it with \(quote)")
            }
            position += 1
            if c == quote { break }
            if c == "\\" {
                guard let escaped = peek() else { continue }
                position += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "\"", "'": value.append(escaped)
                default:
                    throw ExpressionError(
                        message: "unknown escape `\\\(escaped)`", offset: position - 2, length: 2,
                        help: "only \\\\, \\\", \\', \\n and \\t are escapes")
                }
                continue
            }
            value.append(c)
        }
        return Token(kind: .string(String(value)), offset: start, length: position - start)
    }
}
