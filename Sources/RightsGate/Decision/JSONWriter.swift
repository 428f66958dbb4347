/// Builds compact JSON as UTF-8 bytes, with keys in the order written. Decisions are written with a fixed,
/// documented key order, so the same decision always has the same bytes (the log hashes them).
///
/// Bytes rather than `String` appends: rendering a decision is tens of appends, and byte appends are several
/// times cheaper; the text is made once at the end.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// One bit per open container: whether a value was already written at that depth (needs a comma).
    private var commaBits: UInt64 = 0
    private var depth = 0

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// A writer that appends to `buffer`'s bytes, taking the array over (no copy) until ``give(to:)``
    /// hands it back: a stream writes every decision straight into its one output buffer.
    init(taking buffer: inout [UInt8]) {
        swap(&bytes, &buffer)
    }

    /// Hands the bytes back to the buffer taken by ``init(taking:)``.
    mutating func give(to buffer: inout [UInt8]) {
        swap(&bytes, &buffer)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always) private mutating func separator() {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if commaBits & bit != 0 { bytes.append(0x2C) }
        commaBits |= bit
    }

    @inline(__always) private mutating func open(_ byte: UInt8) {
        separator()
        bytes.append(byte)
        depth += 1
        commaBits &= ~(1 << UInt64(depth & 63))
    }

    @inline(__always) private mutating func close(_ byte: UInt8) {
        depth -= 1
        bytes.append(byte)
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// Writes `"key":`; the value follows with one of the value methods.
    mutating func key(_ key: String) {
        separator()
        Self.appendString(key, to: &bytes)
        bytes.append(0x3A)
        commaBits &= ~(1 << UInt64(depth & 63))
    }

    /// Writes an already-encoded `"key":`.
    mutating func rawKey(_ key: [UInt8]) {
        separator()
        key.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
        commaBits &= ~(1 << UInt64(depth & 63))
    }

    mutating func string(_ value: String) { separator(); Self.appendString(value, to: &bytes) }
    mutating func number(_ value: Int64) { separator(); bytes.append(contentsOf: String(value).utf8) }
    mutating func number(_ value: Int) { separator(); bytes.append(contentsOf: String(value).utf8) }
    mutating func number(_ value: Double) {
        separator()
        bytes.append(contentsOf: (value.isFinite ? ValueFormatter.decimalText(value) : "null").utf8)
    }
    mutating func bool(_ value: Bool) { separator(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    mutating func null() { separator(); bytes.append(contentsOf: "null".utf8) }
    /// Inserts an already-encoded JSON value.
    mutating func raw(_ json: [UInt8]) { separator(); bytes.append(contentsOf: json) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            let n = utf8.count
            var runStart = 0
            var i = 0
            while i < n {
                let byte = utf8[i]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                i += 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n]))
        }
        out.append(0x22)
    }

    /// The same, appending to a `String` (for the summary line).
    static func appendString(_ value: String, to out: inout String) {
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += value
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        appendString(value, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Lowercase hex of bytes, without per-byte string formatting.
    static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
