/// Finds where one CSV record starts and ends in a buffer, and where its fields are, without copying.
///
/// A pure function of the bytes, so that ``CSVRecordReader`` can call it again from the record's start after
/// reading more input (a record cut by the end of a chunk is simply scanned again), and so that every way a
/// record can be broken is a distinct result the reader can report with its position.
enum CSVScan {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    /// A field's bytes: between its quotes when quoted.
    struct Field {
        let start: Int
        let end: Int
        /// Doubled quotes inside, to be undoubled.
        let escapedQuotes: Bool
    }

    /// Where a quoted field opens: its offset and the line breaks between the record's start and it.
    struct Quote {
        let offset: Int
        let lineBreaksBefore: Int
    }

    enum Result {
        /// No record left: the input has ended.
        case end
        /// A complete record ending at `end` (after its line break, if it has one).
        case record([Field], end: Int, innerLineBreaks: Int, terminated: Bool)
        /// The buffer ends inside the record; `quote` is set when it ends inside a quoted field.
        case incomplete(quote: Quote?, lineBreaks: Int)
        /// The input ends inside a quoted field.
        case unclosedQuote(Quote)
        /// A quoted field's closing quote is followed by text other than a comma or a line break (at
        /// `offset`, after `lineBreaks` line breaks): a quote inside a field that was not doubled.
        case textAfterQuote(Quote, offset: Int, lineBreaks: Int)
    }

    /// Scans the record starting at `start`. `atEnd` says whether the buffer holds the rest of the input.
    static func record(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Result {
        let count = bytes.count
        guard start < count else { return atEnd ? .end : .incomplete(quote: nil, lineBreaks: 0) }
        var fields: [Field] = []
        var lineBreaks = 0
        var i = start
        while true {
            if i < count, bytes[i] == quote {
                let opening = Quote(offset: i, lineBreaksBefore: lineBreaks)
                var j = i + 1
                var escaped = false
                // Up to the closing quote; line breaks inside count towards the record's lines.
                while true {
                    guard j < count else { return atEnd ? .unclosedQuote(opening) : .incomplete(quote: opening, lineBreaks: lineBreaks) }
                    let byte = bytes[j]
                    if byte == quote {
                        if j + 1 < count, bytes[j + 1] == quote {
                            escaped = true
                            j += 2
                            continue
                        }
                        if j + 1 == count, !atEnd { return .incomplete(quote: opening, lineBreaks: lineBreaks) }
                        break
                    }
                    if byte == lineFeed {
                        lineBreaks += 1
                    } else if byte == carriageReturn {
                        if j + 1 == count, !atEnd { return .incomplete(quote: opening, lineBreaks: lineBreaks) }
                        if j + 1 == count || bytes[j + 1] != lineFeed { lineBreaks += 1 }
                    }
                    j += 1
                }
                fields.append(Field(start: i + 1, end: j, escapedQuotes: escaped))
                let after = j + 1
                guard after < count else { return .record(fields, end: after, innerLineBreaks: lineBreaks, terminated: false) }
                switch bytes[after] {
                case comma:
                    i = after + 1
                    continue
                case lineFeed, carriageReturn:
                    return terminate(fields, at: after, lineBreaks: lineBreaks, in: bytes, atEnd: atEnd)
                default:
                    return .textAfterQuote(opening, offset: after, lineBreaks: lineBreaks)
                }
            }
            // Unquoted: up to a comma or a line break. A quote inside is kept as text, as most readers do.
            var j = i
            while j < count, bytes[j] != comma, bytes[j] != lineFeed, bytes[j] != carriageReturn { j += 1 }
            if j == count {
                guard atEnd else { return .incomplete(quote: nil, lineBreaks: lineBreaks) }
                fields.append(Field(start: i, end: j, escapedQuotes: false))
                return .record(fields, end: j, innerLineBreaks: lineBreaks, terminated: false)
            }
            fields.append(Field(start: i, end: j, escapedQuotes: false))
            if bytes[j] == comma {
                i = j + 1
                continue
            }
            return terminate(fields, at: j, lineBreaks: lineBreaks, in: bytes, atEnd: atEnd)
        }
    }

    /// The record ends at the line break at `offset`: LF, CRLF or a lone CR.
    private static func terminate(_ fields: [Field], at offset: Int, lineBreaks: Int, in bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Result {
        guard bytes[offset] == carriageReturn else {
            return .record(fields, end: offset + 1, innerLineBreaks: lineBreaks, terminated: true)
        }
        if offset + 1 == bytes.count {
            return atEnd ? .record(fields, end: offset + 1, innerLineBreaks: lineBreaks, terminated: true)
                : .incomplete(quote: nil, lineBreaks: lineBreaks)
        }
        let end = bytes[offset + 1] == lineFeed ? offset + 2 : offset + 1
        return .record(fields, end: end, innerLineBreaks: lineBreaks, terminated: true)
    }
}
