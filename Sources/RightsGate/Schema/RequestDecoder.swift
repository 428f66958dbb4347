#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes a proposed-action JSON document straight into a ``FactTable``, guided by the fact schema.
///
/// A strict RFC 8259 reader that never builds an intermediate JSON tree: keys are matched as bytes against
/// the schema, scalars are written into their slots, and only strings and lists allocate. Wrong types,
/// unknown enum values and malformed JSON are errors naming the JSON path and the line and column; unknown
/// fields are warnings (errors in strict mode). Missing facts are not errors: they make checks unknown.
public struct RequestDecoder: Sendable {
    /// One object level of the schema (the root or a flattened object): its keys and their slots.
    ///
    /// The key bytes live in one raw allocation so matching a key is a length compare and a `memcmp`, with no
    /// array retains on the hot path. Immutable after `init`; the storage is freed in `deinit`.
    final class Level: @unchecked Sendable {
        let slots: [Int]
        let names: [String]
        let count: Int
        private let bytes: UnsafeMutablePointer<UInt8>
        private let offsets: UnsafeMutablePointer<Int>

        init(slots: [Int], names: [String]) {
            self.slots = slots
            self.names = names
            count = names.count
            let utf8 = names.map { Array($0.utf8) }
            let total = utf8.reduce(0) { $0 + $1.count }
            bytes = .allocate(capacity: max(total, 1))
            offsets = .allocate(capacity: names.count + 1)
            var offset = 0
            for (i, key) in utf8.enumerated() {
                offsets[i] = offset
                for byte in key {
                    bytes[offset] = byte
                    offset += 1
                }
            }
            offsets[names.count] = offset
        }

        deinit {
            bytes.deallocate()
            offsets.deallocate()
        }

        /// Whether key `k` equals the `length` bytes at `text`.
        @inline(__always) func key(_ k: Int, equals text: UnsafePointer<UInt8>, length: Int) -> Bool {
            let start = offsets[k]
            return offsets[k + 1] - start == length && memcmp(bytes + start, text, length) == 0
        }
    }

    /// How to read a slot's value, reduced to what the byte reader needs so the hot path copies no strings.
    enum SlotKind: UInt8, Sendable {
        case object, bool, integer, decimal, enumeration, date, datetime, string, composite
    }

    /// The decoding plan, built once per bundle and shared by reference.
    final class Plan: Sendable {
        let levels: [Level]
        /// For each slot: its kind, whether null is a value, and (for objects) the index of its level.
        let kinds: [SlotKind]
        let nullable: [Bool]
        let levelOfSlot: [Int]
        /// Enumeration types by slot (nil for other kinds).
        let enums: [EnumType?]
        /// Full value types by slot, for lists and objects in lists.
        let types: [ValueType?]
        /// The request id's slot: its value names the decision in logs and answers, so it may not carry
        /// control characters (a NUL would be cut by SQLite's text columns, a line break forges log lines).
        let requestIDSlot: Int?

        init(schema: FactSchema) {
            func level(_ slots: [Int]) -> Level {
                Level(slots: slots, names: slots.map { schema.slots[$0].name })
            }
            var levels = [level(schema.rootSlots)]
            var levelOfSlot = [Int](repeating: -1, count: schema.count)
            for slot in schema.slots where slot.type == nil {
                levelOfSlot[slot.index] = levels.count
                levels.append(level(slot.children))
            }
            self.levels = levels
            self.levelOfSlot = levelOfSlot
            kinds = schema.slots.map { slot in
                switch slot.type {
                case nil: .object
                case .bool?: .bool
                case .integer?: .integer
                case .decimal?: .decimal
                case .enumeration?: .enumeration
                case .date?: .date
                case .datetime?: .datetime
                case .string?: .string
                case .list?, .object?: .composite
                }
            }
            nullable = schema.slots.map(\.nullable)
            enums = schema.slots.map { $0.type?.enumType }
            types = schema.slots.map(\.type)
            requestIDSlot = schema.requestIDSlot
        }
    }

    let plan: Plan
    public var strict: Bool
    static let maximumDepth = 64
    static let maximumIssues = 50

    init(schema: FactSchema, strict: Bool = false) {
        plan = Plan(schema: schema)
        self.strict = strict
    }

    /// Decodes one document. Returns the warnings; throws ``RequestError`` when there is any error.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, into table: inout FactTable) throws(RequestError) -> [RequestIssue] {
        table.reset()
        var reader = JSONReader(bytes: bytes, plan: plan, strict: strict)
        reader.decodeDocument(into: &table)
        if reader.hasErrors { throw RequestError(issues: reader.issues) }
        return reader.issues
    }

    public func decode(_ bytes: some Collection<UInt8>, into table: inout FactTable) throws(RequestError) -> [RequestIssue] {
        let result: Result<[RequestIssue], RequestError>? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(RequestError) { return .success(try decode(buffer, into: &table)) } catch { return .failure(error) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer throws(RequestError) in try decode(buffer, into: &table) }
    }
}

/// The byte-level reader behind ``RequestDecoder``.
private struct JSONReader {
    /// A C0 or C1 control character or DEL (Unicode category Cc), tested by value: the Unicode property
    /// lookup costs more than the rest of decoding a short id.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    enum PathComponent {
        case key(Range<Int>)
        case index(Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let plan: RequestDecoder.Plan
    let strict: Bool
    var position = 0
    var path: [PathComponent] = []
    var issues: [RequestIssue] = []
    var hasErrors = false
    /// Set on a syntax error: the document cannot be read further.
    var failed = false

    /// Raw view of `bytes` for the hot loops (a valid pointer even for empty input).
    let base: UnsafePointer<UInt8>
    let end: Int

    init(bytes: UnsafeBufferPointer<UInt8>, plan: RequestDecoder.Plan, strict: Bool) {
        self.bytes = bytes
        self.plan = plan
        self.strict = strict
        // An empty buffer has no base address; every access is guarded by `end`, so any non-null pointer will do.
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = bytes.count
        path.reserveCapacity(8)
    }


    // MARK: Issues

    var pathString: String {
        var s = "$"
        for component in path {
            switch component {
            case let .key(range):
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !key.isEmpty { s += ".\(key)" } else { s += "[\"\(key)\"]" }
            case let .index(i):
                s += "[\(i)]"
            }
        }
        return s
    }

    func lineColumn(at offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    mutating func issue(_ severity: Diagnostic.Severity, _ code: String, _ message: String, at offset: Int, help: String? = nil) {
        if severity == .error { hasErrors = true }
        guard issues.count < RequestDecoder.maximumIssues else { return }
        let (line, column) = lineColumn(at: offset)
        issues.append(RequestIssue(severity: severity, code: code, path: pathString, message: message, help: help, line: line, column: column))
    }

    mutating func syntaxError(_ message: String, help: String? = nil) {
        guard !failed else { return }
        failed = true
        let what = position < bytes.count ? message : "unexpected end of input: \(message)"
        issue(.error, "request.syntax", what, at: position, help: help)
    }

    // MARK: Lexing

    @inline(__always) mutating func skipWhitespace() {
        var p = position
        while p < end {
            let b = base[p]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            p += 1
        }
        position = p
    }

    @inline(__always) var current: UInt8? { position < end ? base[position] : nil }

    mutating func expect(_ byte: UInt8, _ what: String) -> Bool {
        skipWhitespace()
        guard current == byte else {
            syntaxError("expected \(what)\(foundDescription)")
            return false
        }
        position += 1
        return true
    }

    var foundDescription: String {
        guard let c = current else { return "" }
        if c >= 0x20 && c < 0x7F { return ", found `\(Character(Unicode.Scalar(c)))`" }
        return ", found byte 0x\(String(c, radix: 16))"
    }

    // MARK: Document

    mutating func decodeDocument(into table: inout FactTable) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        guard let c = current else {
            syntaxError("the request is empty", help: "send one JSON object describing the proposed action")
            return
        }
        guard c == UInt8(ascii: "{") else {
            issue(.error, "request.not-object", "a request must be a JSON object", at: position, help: "wrap the facts in `{ … }`")
            failed = true
            return
        }
        decodeObject(level: 0, into: &table, depth: 1)
        guard !failed else { return }
        skipWhitespace()
        if position < bytes.count {
            syntaxError("unexpected text after the end of the request", help: "send one JSON object per request (or per line in JSON Lines)")
        }
    }

    /// Reads `{ … }` at a schema level, writing known facts and skipping (with a warning) unknown ones.
    mutating func decodeObject(level levelIndex: Int, into table: inout FactTable, depth: Int) {
        let level = plan.levels[levelIndex]
        guard depth <= RequestDecoder.maximumDepth else {
            issue(.error, "request.too-deep", "the document is nested more than \(RequestDecoder.maximumDepth) levels deep", at: position)
            failed = true
            return
        }
        position += 1  // {
        // Which fields were seen, for duplicate detection: a bit mask, or an array for very wide objects.
        var seenMask: UInt64 = 0
        var seenWide = level.slots.count > 64 ? [Bool](repeating: false, count: level.slots.count) : []
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return }
        var hint = 0
        while !failed {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                syntaxError("expected a quoted field name\(foundDescription)", help: current == UInt8(ascii: "}") ? "remove the trailing comma" : nil)
                return
            }
            let keyStart = position
            guard let keyRange = readPlainStringRange(validate: false) else { return }
            var matched = match(keyRange, in: level, hint: hint)
            if matched == nil, let name = escapedKey(keyRange) {
                // `"\u006cevel"` is `level`: match the decoded name, so an escape cannot smuggle a second value past
                // the duplicate check.
                matched = level.names.firstIndex(of: name)
            }
            if matched == nil, !validUTF8(keyRange) {
                position = keyStart + 1
                syntaxError("invalid UTF-8 in a field name")
                return
            }
            guard expect(UInt8(ascii: ":"), "`:` after the field name") else { return }
            skipWhitespace()
            path.append(.key(keyRange))
            if let index = matched {
                hint = index + 1
                let duplicate: Bool
                if seenWide.isEmpty {
                    duplicate = seenMask & (1 << UInt64(index)) != 0
                    seenMask |= 1 << UInt64(index)
                } else {
                    duplicate = seenWide[index]
                    seenWide[index] = true
                }
                if duplicate {
                    issue(.error, "request.duplicate-key", "field appears twice in the same object", at: keyStart, help: "send each field once")
                    skipValue(depth: depth)
                } else {
                    decodeSlot(level.slots[index], into: &table, depth: depth)
                }
            } else {
                let name = escapedKey(keyRange) ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[keyRange]), as: UTF8.self)
                let help = Suggestions.didYouMean(name, among: level.names)
                issue(strict ? .error : .warning, "request.unknown-field", "unknown field, not in the fact schema; ignored",
                      at: keyStart, help: help)
                skipValue(depth: depth)
            }
            path.removeLast()
            guard !failed else { return }
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "}") { position += 1; return }
            syntaxError("expected `,` or `}` after a field\(foundDescription)")
            return
        }
    }

    @inline(__always) func match(_ key: Range<Int>, in level: RequestDecoder.Level, hint: Int) -> Int? {
        let text = base + key.lowerBound
        let length = key.count
        if hint < level.count, level.key(hint, equals: text, length: length) { return hint }
        for i in 0..<level.count where i != hint && level.key(i, equals: text, length: length) { return i }
        return nil
    }

    @inline(__always) func equals(_ range: Range<Int>, _ candidate: [UInt8]) -> Bool {
        guard range.count == candidate.count else { return false }
        return candidate.withUnsafeBufferPointer { memcmp(base + range.lowerBound, $0.baseAddress!, range.count) == 0 }
    }

    // MARK: Slots

    mutating func decodeSlot(_ slotIndex: Int, into table: inout FactTable, depth: Int) {
        let start = position
        let kind = plan.kinds[slotIndex]
        if current == UInt8(ascii: "n") {
            guard readLiteral("null") else { return }
            if plan.nullable[slotIndex] {
                table.setNull(slotIndex)
            } else {
                issue(.warning, "request.null", "null for a fact that is not nullable; treated as not given", at: start,
                      help: "leave the field out when the fact is not known")
            }
            return
        }
        switch kind {
        case .object:
            guard current == UInt8(ascii: "{") else {
                typeMismatch("an object", at: start, depth: depth)
                return
            }
            table.setPresent(slotIndex)
            decodeObject(level: plan.levelOfSlot[slotIndex], into: &table, depth: depth + 1)
        case .bool:
            if let b = readBool(expected: "true or false", depth: depth) { table.set(slotIndex, bits: b ? 1 : 0) }
        case .integer:
            if let i = readInteger(depth: depth) { table.set(slotIndex, bits: UInt64(bitPattern: i)) }
        case .decimal:
            if let d = readDecimal(depth: depth) { table.set(slotIndex, bits: d.bitPattern) }
        case .enumeration:
            if let i = readEnum(plan.enums[slotIndex]!, depth: depth) { table.set(slotIndex, bits: UInt64(i)) }
        case .date:
            if let d = readDate(depth: depth) { table.set(slotIndex, bits: UInt64(bitPattern: Int64(d))) }
        case .datetime:
            if let s = readDateTime(depth: depth) { table.set(slotIndex, bits: UInt64(bitPattern: s)) }
        case .string:
            guard let s = readString(depth: depth) else { return }
            if slotIndex == plan.requestIDSlot, s.unicodeScalars.contains(where: Self.isControl) {
                issue(.error, "request.type", "the request id contains a control character", at: start,
                      help: "use printable characters only, e.g. a case number")
                return
            }
            table.set(slotIndex, boxed: .string(s))
        case .composite:
            let value = readValue(plan.types[slotIndex]!, depth: depth)
            if value.isPresent { table.set(slotIndex, boxed: value) }
        }
    }

    /// Reads a value of `type` into the general representation (list items, objects in lists).
    mutating func readValue(_ type: ValueType, depth: Int) -> FactValue {
        skipWhitespace()
        if current == UInt8(ascii: "n") {
            _ = readLiteral("null")
            return .null
        }
        switch type {
        case .bool: return readBool(expected: "true or false", depth: depth).map(FactValue.bool) ?? .missing
        case .integer: return readInteger(depth: depth).map(FactValue.integer) ?? .missing
        case .decimal: return readDecimal(depth: depth).map(FactValue.decimal) ?? .missing
        case let .enumeration(e): return readEnum(e, depth: depth).map(FactValue.enumCase) ?? .missing
        case .date: return readDate(depth: depth).map(FactValue.date) ?? .missing
        case .datetime: return readDateTime(depth: depth).map(FactValue.datetime) ?? .missing
        case .string: return readString(depth: depth).map(FactValue.string) ?? .missing
        case let .list(element):
            guard depth < RequestDecoder.maximumDepth else {
                issue(.error, "request.too-deep", "the document is nested too deeply", at: position)
                failed = true
                return .missing
            }
            guard current == UInt8(ascii: "[") else {
                typeMismatch("a list", at: position, depth: depth)
                return .missing
            }
            position += 1
            var items: [FactValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return .list(items) }
            var index = 0
            while !failed {
                path.append(.index(index))
                skipWhitespace()
                if current == UInt8(ascii: "n") {
                    // A list item has no "not given": null in a list is a wrong value, not a missing one.
                    issue(.error, "request.type", "a list item cannot be null", at: position, help: "leave the item out of the list")
                    _ = readLiteral("null")
                } else {
                    items.append(readValue(element, depth: depth + 1))
                }
                path.removeLast()
                index += 1
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                if current == UInt8(ascii: "]") { position += 1; return .list(items) }
                syntaxError("expected `,` or `]` in a list\(foundDescription)")
            }
            return .missing
        case let .object(objectType):
            guard current == UInt8(ascii: "{") else {
                typeMismatch("an object", at: position, depth: depth)
                return .missing
            }
            return readObject(objectType, depth: depth + 1)
        }
    }

    mutating func readObject(_ type: ObjectType, depth: Int) -> FactValue {
        guard depth <= RequestDecoder.maximumDepth else {
            issue(.error, "request.too-deep", "the document is nested too deeply", at: position)
            failed = true
            return .missing
        }
        position += 1
        var fields = [FactValue](repeating: .missing, count: type.fields.count)
        // Seen fields, apart from their values: a first `null` leaves the value not present, and must
        // still make a second occurrence a duplicate.
        var seen = [Bool](repeating: false, count: type.fields.count)
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(fields) }
        while !failed {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                syntaxError("expected a quoted field name\(foundDescription)")
                return .missing
            }
            let keyStart = position
            guard let keyRange = readPlainStringRange() else { return .missing }
            guard expect(UInt8(ascii: ":"), "`:` after the field name") else { return .missing }
            skipWhitespace()
            path.append(.key(keyRange))
            let name = escapedKey(keyRange) ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[keyRange]), as: UTF8.self)
            if let index = type.fieldIndex(name) {
                if seen[index] {
                    issue(.error, "request.duplicate-key", "field appears twice in the same object", at: keyStart)
                }
                seen[index] = true
                let field = type.fields[index]
                let valueStart = position
                var value = readValue(field.type, depth: depth)
                if case .null = value, !field.nullable {
                    issue(.warning, "request.null", "null for a fact that is not nullable; treated as not given", at: valueStart,
                          help: "leave the field out when the fact is not known")
                    value = .missing
                }
                fields[index] = value
            } else {
                issue(strict ? .error : .warning, "request.unknown-field", "unknown field, not in the fact schema; ignored",
                      at: keyStart, help: Suggestions.didYouMean(name, among: type.fields.map(\.name)))
                skipValue(depth: depth)
            }
            path.removeLast()
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "}") { position += 1; return .object(fields) }
            syntaxError("expected `,` or `}` after a field\(foundDescription)")
        }
        return .missing
    }

    // MARK: Scalars

    mutating func typeMismatch(_ expected: String, at start: Int, depth: Int) {
        let found: String
        switch current {
        case UInt8(ascii: "\"")?: found = "a string"
        case UInt8(ascii: "{")?: found = "an object"
        case UInt8(ascii: "[")?: found = "a list"
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?: found = "a boolean"
        case UInt8(ascii: "n")?: found = "null"
        case let c? where c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39): found = "a number"
        default:
            syntaxError("expected a value\(foundDescription)")
            return
        }
        issue(.error, "request.type", "expected \(expected), found \(found)", at: start)
        skipValue(depth: depth)
    }

    mutating func readLiteral(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else {
            syntaxError("invalid literal")
            return false
        }
        let matches = word.withUTF8Buffer { w in
            (0..<count).allSatisfy { bytes[position + $0] == w[$0] }
        }
        guard matches else {
            syntaxError("invalid literal", help: "JSON literals are `true`, `false` and `null`, in lowercase")
            return false
        }
        position += count
        if let c = current, (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= 0x30 && c <= 0x39) {
            syntaxError("invalid literal")
            return false
        }
        return true
    }

    mutating func readBool(expected: String, depth: Int) -> Bool? {
        let start = position
        switch current {
        case UInt8(ascii: "t")?: return readLiteral("true") ? true : nil
        case UInt8(ascii: "f")?: return readLiteral("false") ? false : nil
        default:
            typeMismatch(expected, at: start, depth: depth)
            return nil
        }
    }

    /// Scans a JSON number; returns its byte range and whether it had a fraction or exponent.
    mutating func scanNumber() -> (Range<Int>, isInteger: Bool)? {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, first >= 0x30, first <= 0x39 else {
            syntaxError("invalid number")
            return nil
        }
        position += 1
        if first != 0x30 { while let c = current, c >= 0x30, c <= 0x39 { position += 1 } }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let c = current, c >= 0x30, c <= 0x39 else { syntaxError("invalid number: digits must follow `.`"); return nil }
            while let c = current, c >= 0x30, c <= 0x39 { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let c = current, c >= 0x30, c <= 0x39 else { syntaxError("invalid number: digits must follow the exponent"); return nil }
            while let c = current, c >= 0x30, c <= 0x39 { position += 1 }
        }
        if let c = current, c >= 0x30, c <= 0x39 {
            syntaxError("invalid number: leading zeros are not allowed")
            return nil
        }
        return (start..<position, isInteger)
    }

    mutating func readInteger(depth: Int) -> Int64? {
        let start = position
        guard let c = current, c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else {
            typeMismatch("an integer", at: start, depth: depth)
            return nil
        }
        guard let (range, isInteger) = scanNumber() else { return nil }
        guard isInteger else {
            issue(.error, "request.type", "expected an integer, found a number with a fraction or exponent", at: start)
            return nil
        }
        var value: Int64 = 0
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < range.upperBound {
            let digit = Int64(bytes[i] - 0x30)
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            guard !o1, !o2 else {
                issue(.error, "request.type", "integer out of range", at: start, help: "integers must fit in 64 bits")
                return nil
            }
            value = s
            i += 1
        }
        return value
    }

    mutating func readDecimal(depth: Int) -> Double? {
        let start = position
        guard let c = current, c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else {
            typeMismatch("a number", at: start, depth: depth)
            return nil
        }
        guard let (range, _) = scanNumber() else { return nil }
        if let fast = Self.fastDouble(bytes, range) { return fast }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            issue(.error, "request.type", "number out of range", at: start)
            return nil
        }
        // A non-zero number too small for a double reads as 0, which could flip a `> 0` test: refuse it.
        if value == 0, text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) }) {
            issue(.error, "request.type", "number out of range (too close to zero)", at: start)
            return nil
        }
        return value
    }

    /// Clinger's fast path: up to 15 significant digits and a small power of ten convert exactly with one
    /// multiplication or division; everything else goes through the standard library.
    static func fastDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        while i < range.upperBound, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30)
            if mantissa != 0 { digits += 1 }
            i += 1
        }
        if i < range.upperBound, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < range.upperBound, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30)
                if mantissa != 0 { digits += 1 }
                exponent -= 1
                i += 1
            }
        }
        guard i == range.upperBound, digits <= 15, exponent >= -22 else { return nil }
        var value = Double(mantissa)
        if exponent < 0 { value /= powersOfTen[-exponent] }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { acc, _ in acc * 10 } }

    /// A key or string without needing its decoded value: returns the byte range between the quotes when the
    /// string has no escapes, else decodes and validates it and returns nil for names (fields never need escapes).
    mutating func readPlainStringRange(validate: Bool = true) -> Range<Int>? {
        position += 1
        let start = position
        // Fast scan to the first quote, backslash or control character: eight bytes at a time, then bytewise.
        var p = Self.scanPlain(base, from: start, to: end)
        while p < end {
            let b = base[p]
            if b == 0x22 || b == 0x5C || b < 0x20 { break }
            p += 1
        }
        position = p
        while position < end {
            let b = base[position]
            if b == UInt8(ascii: "\"") {
                let range = start..<position
                position += 1
                guard !validate || validUTF8(range) else {
                    position = start
                    syntaxError("invalid UTF-8 in a field name")
                    return nil
                }
                return range
            }
            if b == UInt8(ascii: "\\") {
                // Escaped keys never match the schema; read them fully so the warning can still be given.
                position = start - 1
                guard readString(depth: 0) != nil else { return nil }
                return start..<(position - 1)
            }
            if b < 0x20 {
                controlCharacterInString()
                return nil
            }
            position += 1
        }
        syntaxError("unterminated string")
        return nil
    }

    mutating func controlCharacterInString() {
        if current == 0x0A || current == 0x0D {
            syntaxError("unterminated string: the line ends inside a string", help: "close the string with `\"`, or write a line break as \\n")
        } else {
            syntaxError("control character in a string", help: "escape it, e.g. \\n or \\t")
        }
    }

    /// The decoded text of a key whose raw bytes hold an escape, or nil when there is none (the raw bytes are
    /// then the key).
    mutating func escapedKey(_ range: Range<Int>) -> String? {
        guard range.contains(where: { base[$0] == 0x5C }) else { return nil }
        let save = position
        position = range.lowerBound - 1
        let failedBefore = failed
        let text = readString(depth: 0)
        position = save
        failed = failedBefore
        return text
    }

    /// The offset of the first byte at or after `from` that may end a plain string run (`"`, `\\` or a
    /// control character), testing a word at a time with the classic has-zero-byte bit tricks.
    @inline(__always) static func scanPlain(_ base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
        var p = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while p + 8 <= end {
            let word = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let hits = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if hits & highs != 0 { break }
            p += 8
        }
        return p
    }

    /// True when every byte is below 0x80 (then the bytes are valid UTF-8 without further checks).
    @inline(__always) func isASCII(_ range: Range<Int>) -> Bool {
        var p = range.lowerBound
        let highs: UInt64 = 0x8080_8080_8080_8080
        while p + 8 <= range.upperBound {
            if UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) & highs != 0 { return false }
            p += 8
        }
        while p < range.upperBound {
            if base[p] >= 0x80 { return false }
            p += 1
        }
        return true
    }

    func validUTF8(_ range: Range<Int>) -> Bool {
        isASCII(range) || String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) != nil
    }

    mutating func readString(depth: Int) -> String? {
        let start = position
        guard current == UInt8(ascii: "\"") else {
            typeMismatch("a string", at: start, depth: depth)
            return nil
        }
        position += 1
        let contentStart = position
        // Fast path: no escapes.
        position = Self.scanPlain(base, from: position, to: end)
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let range = contentStart..<position
                position += 1
                if isASCII(range) { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                guard let s = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
                    position = contentStart
                    syntaxError("invalid UTF-8 in a string")
                    return nil
                }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 {
                controlCharacterInString()
                return nil
            }
            position += 1
        }
        // Slow path with escapes.
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    syntaxError("invalid UTF-8 in a string")
                    return nil
                }
                return s
            }
            if b < 0x20 {
                controlCharacterInString()
                return nil
            }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                position += 1
                continue
            }
            position += 1
            guard let e = current else { break }
            position += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = readHex4() else { return nil }
                if (0xD800...0xDBFF).contains(scalar) {
                    guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                        syntaxError("unpaired surrogate in a \\u escape")
                        return nil
                    }
                    position += 2
                    guard let low = readHex4(), (0xDC00...0xDFFF).contains(low) else {
                        syntaxError("unpaired surrogate in a \\u escape")
                        return nil
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    syntaxError("unpaired surrogate in a \\u escape")
                    return nil
                }
                guard let u = Unicode.Scalar(scalar) else {
                    syntaxError("invalid \\u escape")
                    return nil
                }
                out.append(contentsOf: Array(String(u).utf8))
            default:
                position -= 1
                syntaxError("invalid escape in a string", help: "valid escapes are \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX")
                return nil
            }
        }
        syntaxError("unterminated string")
        return nil
    }

    mutating func readHex4() -> UInt32? {
        guard position + 4 <= bytes.count else {
            syntaxError("incomplete \\u escape")
            return nil
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default:
                syntaxError("invalid hex digit in a \\u escape")
                return nil
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    mutating func readEnum(_ type: EnumType, depth: Int) -> Int32? {
        let start = position
        guard current == UInt8(ascii: "\"") else {
            typeMismatch("one of \(type.valueList)", at: start, depth: depth)
            return nil
        }
        // Match raw bytes first; only escaped strings need decoding.
        let save = position
        if let range = readPlainStringRange(validate: false), bytes[range].firstIndex(of: UInt8(ascii: "\\")) == nil {
            for (i, candidate) in type.valueBytes.enumerated() where equals(range, candidate) { return Int32(i) }
            guard validUTF8(range) else {
                position = range.lowerBound
                syntaxError("invalid UTF-8 in a string")
                return nil
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            unknownEnum(text, type, at: start)
            return nil
        }
        guard !failed else { return nil }
        position = save
        guard let text = readString(depth: depth) else { return nil }
        if let i = type.index(of: text) { return i }
        unknownEnum(text, type, at: start)
        return nil
    }

    mutating func unknownEnum(_ text: String, _ type: EnumType, at start: Int) {
        let help = Suggestions.didYouMean(text, among: type.values) ?? "allowed: \(type.valueList)"
        // The value is not printed: it may be sensitive. The hint names only allowed values.
        issue(.error, "request.enum-value", "value is not one of the allowed values of this field", at: start, help: help)
    }

    mutating func readDate(depth: Int) -> Int32? {
        let start = position
        guard let text = readString(depth: depth) else { return nil }
        guard let day = CivilDate.parseDate(text) else {
            issue(.error, "request.date", "expected a date written YYYY-MM-DD", at: start)
            return nil
        }
        return day
    }

    mutating func readDateTime(depth: Int) -> Int64? {
        let start = position
        guard let text = readString(depth: depth) else { return nil }
        guard let seconds = CivilDate.parseDateTime(text, strict: true) else {
            issue(.error, "request.datetime", "expected an RFC 3339 date-time such as 2026-03-14T09:30:00Z", at: start)
            return nil
        }
        return seconds
    }

    /// Skips any JSON value, validating its syntax.
    mutating func skipValue(depth: Int) {
        skipWhitespace()
        guard depth <= RequestDecoder.maximumDepth else {
            issue(.error, "request.too-deep", "the document is nested more than \(RequestDecoder.maximumDepth) levels deep", at: position)
            failed = true
            return
        }
        switch current {
        case UInt8(ascii: "{")?:
            position += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return }
            while !failed {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { syntaxError("expected a quoted field name\(foundDescription)"); return }
                _ = readString(depth: depth)
                guard expect(UInt8(ascii: ":"), "`:`") else { return }
                skipValue(depth: depth + 1)
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                if current == UInt8(ascii: "}") { position += 1; return }
                syntaxError("expected `,` or `}`\(foundDescription)")
            }
        case UInt8(ascii: "[")?:
            position += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return }
            while !failed {
                skipValue(depth: depth + 1)
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                if current == UInt8(ascii: "]") { position += 1; return }
                syntaxError("expected `,` or `]`\(foundDescription)")
            }
        case UInt8(ascii: "\"")?: _ = readString(depth: depth)
        case UInt8(ascii: "t")?: _ = readLiteral("true")
        case UInt8(ascii: "f")?: _ = readLiteral("false")
        case UInt8(ascii: "n")?: _ = readLiteral("null")
        case let c? where c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39): _ = scanNumber()
        default: syntaxError("expected a value\(foundDescription)")
        }
    }
}
