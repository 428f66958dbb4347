/// Finds where a JSON text stops being JSON, as a line and column.
///
/// Foundation's decoders on Linux say only "The given data was not valid JSON", which leaves a reviewer with
/// a truncated or hand-edited multi-megabyte report nothing to go on. This walks the text once, only when
/// decoding has already failed, and names the first position that cannot be part of a JSON document.
enum JSONSyntax {
    struct Failure: Equatable {
        let line: Int
        let column: Int
        let problem: String
    }

    /// Nesting deeper than this is reported rather than followed.
    static let maximumDepth = 512

    /// The first syntax error in `bytes`, or nil when they are one well-formed JSON value.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var walker = Walker(bytes: bytes)
        guard let offset = walker.document() else { return nil }
        return walker.failure(at: offset)
    }

    private struct Walker {
        let bytes: [UInt8]
        var i = 0
        var problem = ""

        /// The offset of the first error, or nil.
        mutating func document() -> Int? {
            skipSpace()
            if let error = value(depth: 0) { return error }
            skipSpace()
            return i < bytes.count ? fail("text after the end of the document") : nil
        }

        func failure(at offset: Int) -> Failure {
            var line = 1, column = 1
            for byte in bytes[..<min(offset, bytes.count)] {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return Failure(line: line, column: column, problem: problem)
        }

        private mutating func fail(_ message: String) -> Int {
            problem = i >= bytes.count ? "the document ends too early (\(message))" : message
            return i
        }

        private mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        private mutating func value(depth: Int) -> Int? {
            guard i < bytes.count else { return fail("expected a value") }
            guard depth < JSONSyntax.maximumDepth else { return fail("nested too deeply") }
            switch bytes[i] {
            case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), depth: depth, keyed: true)
            case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), depth: depth, keyed: false)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        private mutating func container(close: UInt8, depth: Int, keyed: Bool) -> Int? {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == close {
                i += 1
                return nil
            }
            while true {
                if keyed {
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return fail("expected a member name in quotes") }
                    if let error = string() { return error }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return fail("expected `:` after the member name") }
                    i += 1
                    skipSpace()
                }
                if let error = value(depth: depth + 1) { return error }
                skipSpace()
                guard i < bytes.count else { return fail("expected `,` or `\(Character(Unicode.Scalar(close)))`") }
                if bytes[i] == close {
                    i += 1
                    return nil
                }
                guard bytes[i] == UInt8(ascii: ",") else { return fail("expected `,` or `\(Character(Unicode.Scalar(close)))`") }
                i += 1
                skipSpace()
            }
        }

        private mutating func string() -> Int? {
            i += 1
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    i += 1
                    return nil
                case UInt8(ascii: "\\"):
                    guard i + 1 < bytes.count else { i += 1; return fail("unterminated string") }
                    if bytes[i + 1] == UInt8(ascii: "u") {
                        let hex = bytes[min(i + 2, bytes.count)..<min(i + 6, bytes.count)]
                        guard hex.count == 4, hex.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else { return fail("invalid `\\u` escape") }
                        i += 6
                    } else {
                        guard "\"\\/bfnrt".utf8.contains(bytes[i + 1]) else { return fail("invalid escape in a string") }
                        i += 2
                    }
                case 0..<0x20:
                    return fail("control character in a string")
                default:
                    i += 1
                }
            }
            return fail("unterminated string")
        }

        private mutating func literal(_ word: String) -> Int? {
            let expected = Array(word.utf8)
            guard bytes[i...].starts(with: expected) else { return fail("expected `\(word)`") }
            i += expected.count
            return nil
        }

        private mutating func number() -> Int? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { i = start; return fail("expected a value") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { return fail("expected digits after `.`") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return fail("expected digits in the exponent") }
            }
            return nil
        }

        /// Skips decimal digits; how many there were.
        private mutating func digits() -> Int {
            let from = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            return i - from
        }
    }
}
