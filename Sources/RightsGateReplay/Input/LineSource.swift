import RightsGate

/// JSON Lines input (proposed actions or a log export), read with the core's ``LineReader`` in large
/// chunks so memory stays bounded however long the file is.
struct LineSource: RecordSource {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var reader: LineReader
    private let file: String
    private var reportedOverlong = 0

    init(descriptor: Int32, file: String) {
        reader = LineReader(descriptor: descriptor)
        self.file = file
    }

    /// The input up to the end of its first line that is not blank, for format detection, without consuming
    /// it.
    ///
    /// Reads until that newline, the end of the input or the line limit, never "whatever one read returned":
    /// a pipe delivers 64 KiB at a time and a file a mebibyte, and the format must not depend on which.
    mutating func peekFirstLine() throws(ReplayError) -> [UInt8] {
        var wanted = 1 << 16
        while true {
            let head: ArraySlice<UInt8>
            do { head = try reader.peek(atLeast: wanted) } catch { throw .unreadable(file: file, error.description) }
            if let end = Self.endOfFirstContentLine(head) { return Array(head[..<end]) }
            // Fewer bytes than asked for: the input has ended. Past the line limit the line is not read anyway.
            if head.count < wanted || wanted > reader.maximumLineLength { return Array(head) }
            wanted = min(wanted * 2, reader.maximumLineLength + 1)
        }
    }

    /// The offset of the newline ending the first line with anything but a byte-order mark and whitespace.
    private static func endOfFirstContentLine(_ head: ArraySlice<UInt8>) -> Int? {
        var i = head.starts(with: byteOrderMark) ? head.startIndex + 3 : head.startIndex
        while i < head.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
        return head[i...].firstIndex(of: 0x0A)
    }

    mutating func nextBatch() throws(ReplayError) -> RawBatch? {
        let next: LineReader.Batch?
        do { next = try reader.nextBatch() } catch { throw .unreadable(file: file, error.description) }
        var batch = RawBatch()
        // Lines skipped for being too long come before the lines of the batch returned after them.
        while reportedOverlong < reader.overlongLines.count {
            let line = reader.overlongLines[reportedOverlong]
            reportedOverlong += 1
            batch.items.append(.init(line: line, payload: .unreadable(
                code: "replay.line-too-long", message: "line longer than \(reader.maximumLineLength) bytes; not read")))
        }
        guard let next else { return batch.items.isEmpty ? nil : batch }
        batch.buffer = next.buffer
        batch.byteCount = next.buffer.count
        for (offset, range) in next.lines.enumerated() {
            let line = next.firstLineNumber + offset
            // A UTF-8 byte-order mark (some editors write one) is not part of the first record.
            let record = line == 1 && next.buffer[range].starts(with: Self.byteOrderMark) ? (range.lowerBound + 3)..<range.upperBound : range
            if !Self.isBlank(next.buffer, record) { batch.items.append(.init(line: line, payload: .line(record))) }
        }
        return batch
    }

    private static func isBlank(_ buffer: [UInt8], _ range: Range<Int>) -> Bool {
        buffer[range].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
