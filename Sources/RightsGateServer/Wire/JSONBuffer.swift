import RightsGate

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

    /// Appends `value` as a JSON string literal (the core's escaping, shared with the decision writer).
    static func appendString(_ value: String, to out: inout String) {
        JSONText.append(value, to: &out)
    }
}
