/// The kinds of history `rightsgate replay` reads.
///
/// Each input file is read in one format, given with `--input-format` or detected from the file name and
/// its first bytes (``detect(path:head:)``), so a reviewer can pass a mix of files without flags.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// JSON Lines of proposed actions: a bare request per line, or `{"request": …, "history": …}`.
    case jsonl
    /// JSON Lines exported by `rightsgate log export`.
    case log
    /// DSA Transparency Database statement-of-reasons CSV (daily dumps, either column set).
    case dsaSOR = "dsa-sor"

    /// Guesses the format: `.csv` files and text starting with a CSV header are statements of reasons; a
    /// first JSON line with `decision_id`, `decision` and `request` members is a log export; anything else
    /// is read as proposed actions (whose errors then say what is wrong with each line). `head` must hold the
    /// whole first line that is not blank (``LineSource/peekFirstLine()``), whatever one read returned.
    public static func detect(path: String, head: some Collection<UInt8>) -> InputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".csv.txt") { return .dsaSOR }
        let bytes = Array(head)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { return .jsonl }
        if bytes[start] != UInt8(ascii: "{") { return .dsaSOR }
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        let line = Array(bytes[start..<end])
        let keys = line.withUnsafeBufferPointer { buffer in
            let scanner = JSONScanner(buffer)
            // A first record with text after it is still recognisably a log record; the reader reports the text.
            let members: [JSONScanner.Member]? = switch scanner.scanObject() {
            case let .object(found): found
            case let .trailingText(at): scanner.members(in: 0..<at)
            case .notAnObject: nil
            }
            return members?.map { scanner.text($0.key) } ?? []
        }
        if keys.contains("decision_id"), keys.contains("decision"), keys.contains("request") { return .log }
        return .jsonl
    }
}
