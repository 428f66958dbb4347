/// Builds compact JSON text for the wire types, keys in the order written.
///
/// The service writes its own JSON instead of going through `JSONEncoder` for two reasons: responses
/// embed the canonical decision JSON byte for byte (re-encoding would change the bytes the log hashed),
/// and a fixed key order keeps responses stable for clients, tests and the OpenAPI examples.
struct JSONBuffer {
    private(set) var text = ""
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 256) { text.reserveCapacity(capacity) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    mutating func beginObject() { separator(); text += "{"; needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); text += "}" }
    mutating func beginArray() { separator(); text += "["; needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); text += "]" }

    /// Writes `"key":`; the value written next takes no comma.
    mutating func key(_ key: String) {
        separator()
        Self.appendString(key, to: &text)
        text += ":"
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ value: String) { separator(); Self.appendString(value, to: &text) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func number(_ value: Int) { separator(); text += String(value) }
    mutating func number(_ value: Int64) { separator(); text += String(value) }
    mutating func bool(_ value: Bool) { separator(); text += value ? "true" : "false" }
    mutating func null() { separator(); text += "null" }
    /// Inserts JSON that is already encoded (a canonical decision), unchanged.
    mutating func raw(_ json: String) { separator(); text += json }

    /// A whole array of strings.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Appends `value` as a JSON string literal (RFC 8259 escaping; non-ASCII stays UTF-8).
    static func appendString(_ value: String, to out: inout String) {
        out += "\""
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
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
