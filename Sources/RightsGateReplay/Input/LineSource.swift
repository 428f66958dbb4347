import RightsGate

/// JSON Lines input (proposed actions or a log export), read with the core's ``LineReader`` in large
/// chunks so memory stays bounded however long the file is.
struct LineSource: RecordSource {
    private var reader: LineReader
    private let file: String
    private var reportedOverlong = 0

    init(descriptor: Int32, file: String) {
        reader = LineReader(descriptor: descriptor)
        self.file = file
    }

    /// The first bytes, for format detection, without consuming them.
    mutating func peek() throws(ReplayError) -> [UInt8] {
        do { return Array(try reader.peek(atLeast: 1 << 16)) } catch {
            throw .unreadable(file: file, error.description)
        }
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
        for (offset, range) in next.lines.enumerated() where !Self.isBlank(next.buffer, range) {
            batch.items.append(.init(line: next.firstLineNumber + offset, payload: .line(range)))
        }
        return batch
    }

    private static func isBlank(_ buffer: [UInt8], _ range: Range<Int>) -> Bool {
        buffer[range].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
