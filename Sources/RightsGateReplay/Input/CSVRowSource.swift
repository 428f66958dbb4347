internal import CSV
import Foundation

/// Statement-of-reasons CSV, read row by row with CSV.swift (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks), streaming from the file so a multi-gigabyte dump needs no more memory
/// than a batch of rows.
///
/// CSV.swift does not report positions, so the line where each row starts is counted here: a row spans one
/// line plus one per line break inside its quoted fields. Rows whose field count differs from the header's
/// (a truncated row, an unbalanced quote that swallowed the following lines) become unreadable records at
/// the line where they start.
final class CSVRowSource: RecordSource {
    /// Rows per batch: enough to keep every core busy, few enough that a batch stays small.
    static let batchSize = 2048

    let header: [String]
    private let reader: CSVReader
    private let file: String
    private var nextLine: Int
    private var finished = false

    init(path: String, display: String) throws(ReplayError) {
        file = display
        guard let stream = InputStream(fileAtPath: path) else { throw .unreadable(file: display, "no such file") }
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw .input(file: display, "no CSV header row (\(error))")
        }
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        nextLine = 2 + header.reduce(0) { $0 + Self.lineBreaks(in: $1) }
    }

    func nextBatch() throws(ReplayError) -> RawBatch? {
        guard !finished else { return nil }
        var batch = RawBatch()
        while batch.items.count < Self.batchSize {
            guard let row = reader.next() else {
                finished = true
                // CSV.swift reports the end of a file stream as `cannotReadFile`; anything else is a real failure.
                if let error = reader.error, !Self.isEndOfInput(error) {
                    batch.items.append(.init(line: nextLine, payload: .unreadable(
                        code: "replay.csv-read", message: "cannot read the file from this line on: \(Self.describe(error))")))
                }
                break
            }
            let line = nextLine
            var breaks = 0
            var bytes = row.count
            for field in row {
                breaks += Self.lineBreaks(in: field)
                bytes += field.utf8.count
            }
            nextLine += 1 + breaks
            batch.byteCount += bytes
            if row.count == 1, row[0].isEmpty { continue }  // a blank line is not a record
            if row.count != header.count {
                batch.items.append(.init(line: line, payload: .unreadable(
                    code: "replay.csv-field-count",
                    message: "expected \(header.count) fields as in the header, found \(row.count)")))
            } else {
                batch.items.append(.init(line: line, payload: .row(row)))
            }
        }
        return batch.items.isEmpty && finished ? nil : batch
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? CSVError {
        case .unicodeDecoding?: "the text is not valid UTF-8"
        case let .streamErrorHasOccurred(underlying)?: underlying.localizedDescription
        default: "\(error)"
        }
    }

    private static func isEndOfInput(_ error: any Error) -> Bool {
        if case .cannotReadFile? = error as? CSVError { return true }
        return false
    }

    /// Line breaks inside a field: CRLF and LF count once, a lone CR once.
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for byte in field.utf8 {
            if byte == 0x0A {
                if !previousCR { count += 1 }
                previousCR = false
            } else if byte == 0x0D {
                count += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return count
    }
}
