import Foundation

/// RFC 4180 CSV read straight from a file descriptor, as bytes: quoted fields may hold commas, doubled
/// quotes and line breaks (LF, CRLF or a lone CR).
///
/// Written for replay instead of using a general CSV library because replay must account for every record:
/// each record knows the line it starts on; text that is not UTF-8 makes the one row that holds it invalid
/// (with the line and column of the first bad byte) and nothing else; and a quote that is never closed
/// properly is reported at the line where it was opened, after which reading resumes on the next line, so
/// one stray quote cannot swallow the rest of a file. No record may be longer than
/// ``maximumRecordLength``, which keeps memory bounded however a file is broken.
struct CSVRecordReader {
    enum Record {
        /// A row's fields, the line it starts on, and how many lines it spans.
        case fields([String], line: Int, lines: Int)
        /// Something that is not a readable row, at the line where it starts.
        case problem(line: Int, code: String, message: String)
    }

    /// Ten times the longest statement of reasons the database accepts; a row longer than this is broken.
    static let defaultMaximumRecordLength = 1 << 20

    let maximumRecordLength: Int
    private let descriptor: Int32
    /// The input as reports name it, for read errors.
    private let file: String
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    /// Where the next record starts in `buffer`.
    private var position = 0
    private var atEnd = false
    /// The line the next record starts on.
    private var line = 1
    /// Input bytes consumed so far (records, and anything skipped).
    private(set) var bytesRead = 0

    init(descriptor: Int32, file: String, maximumRecordLength: Int = defaultMaximumRecordLength, chunkSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.file = file
        self.maximumRecordLength = maximumRecordLength
        self.chunkSize = chunkSize
    }

    /// Consumes a UTF-8 byte-order mark; returns the first bytes when they are the mark of UTF-16 or
    /// UTF-32, which this reader cannot read (nil otherwise).
    mutating func skipByteOrderMark() throws(ReplayError) -> String? {
        while buffer.count - position < 4, !atEnd { try fill() }
        let head = buffer[position...]
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            position += 3
            bytesRead += 3
            return nil
        }
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
        return nil
    }

    /// The next record, or nil at the end of the input.
    mutating func next() throws(ReplayError) -> Record? {
        while true {
            let scan = buffer.withUnsafeBufferPointer { CSVScan.record(in: $0, from: position, atEnd: atEnd) }
            switch scan {
            case .end:
                return nil
            case let .record(fields, end, innerLineBreaks, terminated):
                let record = makeRecord(fields, end: end, lines: innerLineBreaks + 1)
                consume(to: end, lines: innerLineBreaks + (terminated ? 1 : 0))
                return record
            case let .incomplete(quote, lineBreaks):
                guard buffer.count - position >= maximumRecordLength else {
                    try fill()
                    continue
                }
                return try tooLong(quote: quote, lineBreaks: lineBreaks)
            case let .unclosedQuote(quote):
                let problem = quoteProblem(quote, "is never closed")
                try resume(afterLineOf: quote)
                return problem
            case let .textAfterQuote(quote, offset, lineBreaks):
                let problem = quoteProblem(quote, "is not closed properly: text follows its closing quote on line "
                                           + "\(line + lineBreaks), column \(column(of: offset))")
                try resume(afterLineOf: quote)
                return problem
            }
        }
    }

    // MARK: Records and problems

    private func makeRecord(_ fields: [CSVScan.Field], end: Int, lines: Int) -> Record {
        if let bad = buffer.withUnsafeBufferPointer({ Self.firstInvalidUTF8($0, from: position, to: end) }) {
            return .problem(line: line, code: "replay.csv-read",
                            message: "the row is not UTF-8 text (first bad byte on line \(line + lineBreaks(before: bad))"
                                + ", column \(column(of: bad))); convert the file to UTF-8")
        }
        let strings = fields.map { field -> String in
            let bytes = buffer[field.start..<field.end]
            guard field.escapedQuotes else { return String(decoding: bytes, as: UTF8.self) }
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(bytes.count)
            var previousQuote = false
            for byte in bytes {
                if byte == CSVScan.quote, previousQuote {
                    previousQuote = false
                    continue
                }
                previousQuote = byte == CSVScan.quote
                unescaped.append(byte)
            }
            return String(decoding: unescaped, as: UTF8.self)
        }
        return .fields(strings, line: line, lines: lines)
    }

    private func quoteProblem(_ quote: CSVScan.Quote, _ what: String) -> Record {
        .problem(line: line, code: "replay.csv-quote",
                 message: "the quoted field opened on line \(line + quote.lineBreaksBefore), column \(column(of: quote.offset)) \(what); "
                     + "reading resumes on line \(line + quote.lineBreaksBefore + 1)")
    }

    /// A record over the limit: with an open quote, the quote is the likely fault; without one, the line
    /// itself is too long. Either way reading resumes on the line after it.
    private mutating func tooLong(quote: CSVScan.Quote?, lineBreaks: Int) throws(ReplayError) -> Record {
        let limit = "\(maximumRecordLength / 1024) KiB"
        if let quote {
            let problem = quoteProblem(quote, "is not closed within \(limit) (a row may be at most \(limit))")
            try resume(afterLineOf: quote)
            return problem
        }
        let problem = Record.problem(line: line, code: "replay.csv-row-too-long",
                                     message: "the row is longer than \(limit); reading resumes on the next line")
        // No quote is open, so the row's last line is the one still unfinished at the end of the buffer (a
        // final CR may be the first half of its CRLF).
        line += lineBreaks
        let resumeAt = buffer.last == 0x0D ? buffer.count - 1 : buffer.count
        bytesRead += resumeAt - position
        position = resumeAt
        try skipLine()
        return problem
    }

    // MARK: Positions

    /// 1-based column of `offset` on its line, in Unicode scalars (invalid bytes count one each).
    private func column(of offset: Int) -> Int {
        var start = offset
        while start > position, buffer[start - 1] != 0x0A, buffer[start - 1] != 0x0D { start -= 1 }
        return buffer[start..<offset].reduce(1) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }

    /// Line breaks between the record start and `offset` (CRLF counts once).
    private func lineBreaks(before offset: Int) -> Int {
        var count = 0
        var i = position
        while i < offset {
            if buffer[i] == 0x0A || (buffer[i] == 0x0D && (i + 1 >= buffer.count || buffer[i + 1] != 0x0A)) { count += 1 }
            i += 1
        }
        return count
    }

    /// Offset of the first byte in `start..<end` that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end, bytes[i] < 0x80 { i += 1 }
        guard i < end else { return nil }
        var iterator = UnsafeBufferPointer(rebasing: bytes[i..<end]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(scalar): i += scalar.count
            case .emptyInput: return nil
            case .error: return i
            }
        }
    }

    // MARK: Buffer

    private mutating func consume(to end: Int, lines: Int) {
        bytesRead += end - position
        position = end
        line += lines
    }

    /// Resumes reading on the line after the one where `quote` opened the field that broke the row.
    private mutating func resume(afterLineOf quote: CSVScan.Quote) throws(ReplayError) {
        line += quote.lineBreaksBefore
        var i = quote.offset
        while i < buffer.count, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
        bytesRead += i - position
        position = i
        try skipLine()
    }

    /// Skips to just after the next line break (or the end of the input), reading and dropping what it
    /// must without holding it, and counts the line.
    private mutating func skipLine() throws(ReplayError) {
        while true {
            while position < buffer.count {
                let byte = buffer[position]
                if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0D, position + 1 == buffer.count, !atEnd {
                        try fill()
                        continue
                    }
                    let length = byte == 0x0D && position + 1 < buffer.count && buffer[position + 1] == 0x0A ? 2 : 1
                    position += length
                    bytesRead += length
                    line += 1
                    return
                }
                position += 1
                bytesRead += 1
            }
            guard !atEnd else { return }
            try fill()
        }
    }

    /// Drops what has been consumed and appends the next chunk of the input.
    private mutating func fill() throws(ReplayError) {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        var received = 0
        var failure: Int32 = 0
        buffer.withUnsafeMutableBufferPointer { bytes in
            while true {
                let n = read(descriptor, bytes.baseAddress! + start, chunkSize)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno } else { received = n }
                return
            }
        }
        buffer.removeLast(chunkSize - received)
        if failure != 0 { throw .unreadable(file: file, String(cString: strerror(failure))) }
        if received == 0 { atEnd = true }
    }
}
