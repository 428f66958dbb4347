/// Finds the items of a JSON array without decoding them, so that each item can go through the request
/// decoder on its own and fail on its own.
///
/// It tracks only strings, nesting and commas; each item's own syntax is the decoder's to check. It records
/// where each item starts (line and column, counted in Unicode scalars like the decoder's) so that an
/// item's issues can be reported at their place in the whole body.
enum BatchSplitter {
    struct Item: Equatable {
        /// Byte range of the item within the body.
        let range: Range<Int>
        /// 1-based line and column of the item's first byte.
        let line: Int
        let column: Int
    }

    struct Failure: Error, Equatable {
        let message: String
        let line: Int
        let column: Int
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [Item] {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "[") else {
            throw scanner.failure("the batch must be a JSON array of requests")
        }
        scanner.advance()
        scanner.skipWhitespace()
        var items: [Item] = []
        if scanner.peek == UInt8(ascii: "]") {
            scanner.advance()
        } else {
            while true {
                scanner.skipWhitespace()
                let start = (offset: scanner.offset, line: scanner.line, column: scanner.column)
                try scanner.skipValue()
                var end = scanner.offset
                while end > start.offset, Scanner.isWhitespace(bytes[end - 1]) { end -= 1 }
                guard end > start.offset else { throw scanner.failure("item \(items.count) is empty") }
                items.append(Item(range: start.offset..<end, line: start.line, column: start.column))
                guard let byte = scanner.peek else { throw scanner.failure("the array is not closed with `]`") }
                scanner.advance()
                if byte == UInt8(ascii: "]") { break }
                guard byte == UInt8(ascii: ",") else { throw scanner.failure("expected `,` or `]` after item \(items.count - 1)") }
            }
        }
        scanner.skipWhitespace()
        guard scanner.peek == nil else { throw scanner.failure("unexpected text after the array") }
        return items
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        var line = 1
        var column = 1

        var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        mutating func advance() {
            let byte = bytes[offset]
            offset += 1
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }

        mutating func skipWhitespace() {
            while let byte = peek, Self.isWhitespace(byte) { advance() }
        }

        /// Moves to the `,` or `]` that ends the current item at depth zero (or to the end of the input).
        mutating func skipValue() throws(Failure) {
            var depth = 0
            var inString = false
            var escaped = false
            while let byte = peek {
                if inString {
                    if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                    advance()
                    continue
                }
                switch byte {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    if depth == 0 { return }
                    depth -= 1
                case 0x2C:
                    if depth == 0 { return }
                default: break
                }
                advance()
            }
            if inString { throw failure("a string is not closed") }
        }

        func failure(_ message: String) -> Failure { Failure(message: message, line: line, column: column) }
    }
}
