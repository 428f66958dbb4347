/// Builds compact JSON text with keys in the order written. Decisions are written with a fixed, documented
/// key order, so the same decision always has the same bytes (the log hashes them).
struct JSONWriter {
    private(set) var text = ""
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 1024) { text.reserveCapacity(capacity) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    mutating func beginObject() { separator(); text += "{"; needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); text += "}" }
    mutating func beginArray() { separator(); text += "["; needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); text += "]" }

    /// Writes `"key":` ; the value follows with one of the value methods (which skip the comma once).
    mutating func key(_ key: String) {
        separator()
        Self.appendString(key, to: &text)
        text += ":"
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ value: String) { separator(); Self.appendString(value, to: &text) }
    mutating func number(_ value: Int64) { separator(); text += String(value) }
    mutating func number(_ value: Int) { separator(); text += String(value) }
    mutating func number(_ value: Double) {
        separator()
        text += value.isFinite ? ValueFormatter.decimalText(value) : "null"
    }
    mutating func bool(_ value: Bool) { separator(); text += value ? "true" : "false" }
    mutating func null() { separator(); text += "null" }
    /// Inserts already-encoded JSON.
    mutating func raw(_ json: String) { separator(); text += json }


    static func appendString(_ value: String, to out: inout String) {
        out += "\""
        var needsEscaping = false
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscaping = true
            break
        }
        if !needsEscaping {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
