import Foundation

/// Statement-of-reasons CSV, read row by row with ``CSVRecordReader``, streaming from the file so a
/// multi-gigabyte dump needs no more memory than a batch of rows.
///
/// Every row is a record at the line where it starts. A row whose field count differs from the header's
/// (a truncated row; an unbalanced quote that joined several lines, which the message then names), a row
/// that is not UTF-8, a quote that is never closed properly and a row over the length limit are invalid
/// records; nothing is evaluated from a row that was not read whole.
final class CSVRowSource: RecordSource {
    /// Rows per batch: enough to keep every core busy, few enough that a batch stays small.
    static let batchSize = 2048

    let header: [String]
    private var reader: CSVRecordReader
    private var finished = false

    init(descriptor: Int32, file: String, maximumRecordLength: Int = CSVRecordReader.defaultMaximumRecordLength) throws(ReplayError) {
        reader = CSVRecordReader(descriptor: descriptor, file: file, maximumRecordLength: maximumRecordLength)
        if let encoding = try reader.skipByteOrderMark() {
            throw .input(file: file, "is \(encoding) text (it starts with a byte-order mark); statements of reasons are read as UTF-8, "
                         + "convert it first (iconv -f \(encoding) -t UTF-8)")
        }
        switch try reader.next() {
        case nil:
            throw .input(file: file, "is empty: no CSV header row")
        case let .problem(_, _, message):
            throw .input(file: file, "cannot read the CSV header row: \(message)")
        case let .fields(names, _, _):
            header = names.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    func nextBatch() throws(ReplayError) -> RawBatch? {
        guard !finished else { return nil }
        var batch = RawBatch()
        let before = reader.bytesRead
        while batch.items.count < Self.batchSize {
            guard let record = try reader.next() else {
                finished = true
                break
            }
            switch record {
            case let .problem(line, code, message):
                batch.items.append(.init(line: line, payload: .unreadable(code: code, message: message)))
            case let .fields(row, line, lines):
                if row.count == 1, row[0].isEmpty { continue }  // a blank line is not a record
                if row.count == header.count {
                    batch.items.append(.init(line: line, payload: .row(row)))
                } else {
                    let span = lines > 1 ? " (the row spans lines \(line)–\(line + lines - 1); is a quote unbalanced?)" : ""
                    batch.items.append(.init(line: line, payload: .unreadable(
                        code: "replay.csv-field-count", message: "expected \(header.count) fields as in the header, found \(row.count)\(span)")))
                }
            }
        }
        batch.byteCount = reader.bytesRead - before
        return batch.items.isEmpty && finished ? nil : batch
    }
}
