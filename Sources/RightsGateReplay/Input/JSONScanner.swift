internal import Foundation

/// Finds the members of a JSON object without building a tree: their key and value byte ranges.
///
/// Replay reads millions of lines whose only interesting structure is the top level (an envelope's
/// `request` and `history`, a log record's `decision` and `request`). The request itself goes to the
/// engine's own decoder as bytes, so this scanner only has to skip values correctly; it does not validate
/// them. Anything it cannot follow yields nil, and the caller hands the whole line to the strict decoder,
/// whose error then names the line and column.
struct JSONScanner {
    enum Kind { case object, array, string, other }

    struct Member {
        /// The key's bytes between its quotes (escapes not decoded).
        let key: Range<Int>
        /// The value's bytes, quotes and brackets included.
        let value: Range<Int>
        let kind: Kind
    }

    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// What a range holds at its top level.
    enum ObjectScan {
        /// One object and nothing after it but whitespace: its members, in document order.
        case object([Member])
        /// A complete object followed by more text (two records that lost the newline between them, or
        /// trailing garbage), with the offset of the first byte after the object.
        case trailingText(at: Int)
        /// Not an object the scanner can follow.
        case notAnObject
    }

    /// Scans the object spanning `range` (the whole buffer by default). Text after the object's closing
    /// brace is reported, never ignored: a second record on the same line would otherwise vanish.
    func scanObject(in range: Range<Int>? = nil) -> ObjectScan {
        let range = range ?? 0..<bytes.count
        var i = skipWhitespace(range.lowerBound, end: range.upperBound)
        guard i < range.upperBound, bytes[i] == UInt8(ascii: "{") else { return .notAnObject }
        i += 1
        var members: [Member] = []
        while true {
            i = skipWhitespace(i, end: range.upperBound)
            guard i < range.upperBound else { return .notAnObject }
            if bytes[i] == UInt8(ascii: "}") {
                let after = skipWhitespace(i + 1, end: range.upperBound)
                return after == range.upperBound ? .object(members) : .trailingText(at: after)
            }
            if !members.isEmpty {
                guard bytes[i] == UInt8(ascii: ",") else { return .notAnObject }
                i = skipWhitespace(i + 1, end: range.upperBound)
            }
            guard i < range.upperBound, bytes[i] == UInt8(ascii: "\"") else { return .notAnObject }
            guard let keyEnd = skipString(i, end: range.upperBound) else { return .notAnObject }
            let key = (i + 1)..<(keyEnd - 1)
            i = skipWhitespace(keyEnd, end: range.upperBound)
            guard i < range.upperBound, bytes[i] == UInt8(ascii: ":") else { return .notAnObject }
            i = skipWhitespace(i + 1, end: range.upperBound)
            guard i < range.upperBound, let valueEnd = skipValue(i, end: range.upperBound) else { return .notAnObject }
            let kind: Kind = switch bytes[i] {
            case UInt8(ascii: "{"): .object
            case UInt8(ascii: "["): .array
            case UInt8(ascii: "\""): .string
            default: .other
            }
            members.append(Member(key: key, value: i..<valueEnd, kind: kind))
            i = valueEnd
        }
    }

    /// The members of the object spanning `range`, or nil when the range is not exactly one object.
    func members(in range: Range<Int>? = nil) -> [Member]? {
        if case let .object(members) = scanObject(in: range) { return members }
        return nil
    }

    /// The member named `key`, if any.
    func member(_ key: String, in members: [Member]) -> Member? {
        let wanted = Array(key.utf8)
        return members.first { $0.key.count == wanted.count && bytes[$0.key].elementsEqual(wanted) }
    }

    /// Raw text of a byte range.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The decoded value of a string member (escapes resolved), or nil if it is not a string.
    func string(_ member: Member) -> String? {
        guard member.kind == .string else { return nil }
        let inner = (member.value.lowerBound + 1)..<(member.value.upperBound - 1)
        if !bytes[inner].contains(UInt8(ascii: "\\")) { return text(inner) }
        let data = Data(UnsafeBufferPointer(rebasing: bytes[member.value]))
        return try? JSONDecoder().decode(String.self, from: data)
    }

    private func skipWhitespace(_ start: Int, end: Int) -> Int {
        var i = start
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i
    }

    /// From an opening quote to just after the closing one.
    private func skipString(_ start: Int, end: Int) -> Int? {
        var i = start + 1
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        return nil
    }

    /// From the first byte of a value to just after it.
    private func skipValue(_ start: Int, end: Int) -> Int? {
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return skipString(start, end: end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < end {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let after = skipString(i, end: end) else { return nil }
                    i = after
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < end {
                let b = bytes[i]
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20 || b == 0x09
                    || b == 0x0A || b == 0x0D { break }
                i += 1
            }
            return i > start ? i : nil
        }
    }
}
