/// Applies a policy test's `set` and `remove` to a request file by editing its bytes, not by parsing and
/// re-encoding it, so everything the overrides do not touch reaches the request decoder exactly as written:
/// number spellings (`1.0` stays a fraction), duplicate keys, escapes, and a syntax error elsewhere in the
/// file. A test then proves what `evaluate` and the service would decide for those bytes.
///
/// The scanner tracks only strings, nesting and member boundaries; judging the JSON is the decoder's job.
/// An override that cannot be placed (the file is not a JSON object where the path leads) is a setup error.
struct JSONSplice {
    private(set) var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A member of an object: where its key starts and where its value lies.
    private struct Member {
        let key: String
        let start: Int
        let value: Range<Int>
    }

    private struct Invalid: Error {
        let offset: Int
    }

    /// Sets the value at `path` to the JSON text `value`. Objects missing on the way are created; a value
    /// on the way that is not an object is replaced by one (as a YAML override would describe it).
    /// A key that appears twice is set in both places, so the decoder still sees, and rejects, the duplicate.
    mutating func set(_ path: [String], to value: [UInt8]) throws(TestSetupError) {
        do {
            let root = try rootObject()
            try set(path[...], to: value, inObjectAt: root)
        } catch let error as Invalid {
            throw Self.failure(error)
        } catch {
            throw TestSetupError(message: "\(error)")
        }
    }

    /// Removes the member at `path` (every copy of a duplicated key); a path that is not there is no error.
    mutating func remove(_ path: [String]) throws(TestSetupError) {
        do {
            var object = try rootObject()
            for (depth, key) in path.enumerated() {
                if depth == path.count - 1 {
                    // One copy at a time, scanning again after each: removing one moves the others.
                    while let index = try members(ofObjectAt: object).lastIndex(where: { $0.key == key }) {
                        remove(member: index, of: try members(ofObjectAt: object), closingAt: try end(ofObjectAt: object))
                    }
                    return
                }
                let members = try self.members(ofObjectAt: object)
                guard let next = members.last(where: { $0.key == key }), bytes[next.value.lowerBound] == UInt8(ascii: "{") else { return }
                object = next.value.lowerBound
            }
        } catch let error as Invalid {
            throw Self.failure(error)
        } catch {
            throw TestSetupError(message: "\(error)")
        }
    }

    private static func failure(_ error: Invalid) -> TestSetupError {
        TestSetupError(message: "cannot apply `set`/`remove`: the request is not a JSON object that can be edited (byte \(error.offset))")
    }

    private mutating func set(_ path: ArraySlice<String>, to value: [UInt8], inObjectAt object: Int) throws {
        guard let key = path.first else { return }
        let members = try self.members(ofObjectAt: object)
        let matches = members.filter { $0.key == key }
        guard !matches.isEmpty else {
            var member: [UInt8] = []
            JSONWriter.appendString(key, to: &member)
            member.append(UInt8(ascii: ":"))
            member += Self.nested(path.dropFirst(), value)
            if let last = members.last {
                bytes.insert(contentsOf: [UInt8(ascii: ",")] + member, at: last.value.upperBound)
            } else {
                bytes.insert(contentsOf: member, at: object + 1)
            }
            return
        }
        for match in matches.reversed() {
            if path.count > 1, bytes[match.value.lowerBound] == UInt8(ascii: "{") {
                try set(path.dropFirst(), to: value, inObjectAt: match.value.lowerBound)
            } else {
                bytes.replaceSubrange(match.value, with: Self.nested(path.dropFirst(), value))
            }
        }
    }

    /// `{"a":{"b":value}}` for the rest of a path, or `value` itself.
    private static func nested(_ path: ArraySlice<String>, _ value: [UInt8]) -> [UInt8] {
        guard let key = path.first else { return value }
        var out: [UInt8] = [UInt8(ascii: "{")]
        JSONWriter.appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        out += nested(path.dropFirst(), value)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Removes member `index` and one comma next to it.
    private mutating func remove(member index: Int, of members: [Member], closingAt close: Int) {
        let member = members[index]
        if index + 1 < members.count {
            bytes.removeSubrange(member.start..<members[index + 1].start)
        } else if index > 0 {
            bytes.removeSubrange(members[index - 1].value.upperBound..<member.value.upperBound)
        } else {
            bytes.removeSubrange(member.start..<close)
        }
    }

    // MARK: Scanning

    private func rootObject() throws -> Int {
        let start = skipWhitespace(0)
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { throw Invalid(offset: start) }
        return start
    }

    private func members(ofObjectAt open: Int) throws -> [Member] {
        var members: [Member] = []
        var i = skipWhitespace(open + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return [] }
        while true {
            let start = i
            let keyEnd = try skipString(i)
            let key = try Self.decodeString(bytes[(i + 1)..<(keyEnd - 1)], at: i)
            i = skipWhitespace(keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Invalid(offset: i) }
            let valueStart = skipWhitespace(i + 1)
            let valueEnd = try skipValue(valueStart)
            members.append(Member(key: key, start: start, value: valueStart..<valueEnd))
            i = skipWhitespace(valueEnd)
            guard i < bytes.count else { throw Invalid(offset: i) }
            if bytes[i] == UInt8(ascii: "}") { return members }
            guard bytes[i] == UInt8(ascii: ",") else { throw Invalid(offset: i) }
            i = skipWhitespace(i + 1)
        }
    }

    private func end(ofObjectAt open: Int) throws -> Int {
        try skipValue(open) - 1
    }

    private func skipWhitespace(_ start: Int) -> Int {
        var i = start
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i
    }

    /// The offset just past the string starting at `start`.
    private func skipString(_ start: Int) throws -> Int {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { throw Invalid(offset: start) }
        var i = start + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        throw Invalid(offset: start)
    }

    /// The offset just past the value starting at `start` (a string, an object or array with everything
    /// in it, or a literal up to the next delimiter).
    private func skipValue(_ start: Int) throws -> Int {
        guard start < bytes.count else { throw Invalid(offset: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): i = try skipString(i); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            throw Invalid(offset: start)
        default:
            var i = start
            while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            guard i > start else { throw Invalid(offset: start) }
            return i
        }
    }

    /// A key's text with its escapes resolved, to compare with an override's path.
    private static func decodeString(_ raw: ArraySlice<UInt8>, at offset: Int) throws -> String {
        guard raw.contains(UInt8(ascii: "\\")) else {
            guard let text = String(validating: raw, as: UTF8.self) else { throw Invalid(offset: offset) }
            return text
        }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = raw.startIndex
        func flush() throws {
            guard let text = String(validating: utf8, as: UTF8.self) else { throw Invalid(offset: offset) }
            scalars.append(contentsOf: text.unicodeScalars)
            utf8 = []
        }
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.endIndex, let value = UInt32(String(decoding: raw[at..<(at + 4)], as: UTF8.self), radix: 16) else {
                throw Invalid(offset: offset)
            }
            return value
        }
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "\\"), i + 1 < raw.endIndex else { utf8.append(raw[i]); i += 1; continue }
            try flush()
            let escape = raw[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var value = try hex4(i)
                i += 4
                if (0xD800..<0xDC00).contains(value), i + 6 <= raw.endIndex, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = try hex4(i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                guard let scalar = Unicode.Scalar(value) else { throw Invalid(offset: offset) }
                scalars.append(scalar)
            default: scalars.append(Unicode.Scalar(escape))
            }
        }
        try flush()
        return String(scalars)
    }
}
