/// Writes a request given inline in a policy test (or a `set` value) as JSON text for the request decoder.
///
/// It writes what the YAML says rather than going through a JSON tree: a plain scalar spelled as a JSON
/// number keeps its spelling (`1.0` stays a fraction, which the decoder rejects for an integer fact, as it
/// would from a client), mapping keys keep their order and repeats, and quoted scalars are strings. Numbers
/// only YAML spells that way (`+5`, `0x1F`) are written as the number YAML means.
enum TestRequestJSON {
    static func json(_ node: YAMLNode) -> [UInt8] {
        var out: [UInt8] = []
        write(node, into: &out)
        return out
    }

    private static func write(_ node: YAMLNode, into out: inout [UInt8]) {
        switch node {
        case let .scalar(s):
            out += Array(scalar(s).utf8)
        case let .sequence(seq):
            out.append(UInt8(ascii: "["))
            for (i, item) in seq.items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .mapping(m):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in m.entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(entry.key.value, to: &out)
                out.append(UInt8(ascii: ":"))
                write(entry.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func scalar(_ s: YAMLScalar) -> String {
        if s.isNull { return "null" }
        guard s.style == .plain else { return JSONText.quoted(s.value) }
        if s.value == "true" || s.value == "false" { return s.value }
        if isJSONNumber(s.value) { return s.value }
        if let i = Int64(s.value) { return String(i) }
        if s.value.contains("."), let d = Double(s.value), d.isFinite { return "\(d)" }
        if s.value.hasPrefix("0x"), let i = Int64(s.value.dropFirst(2), radix: 16) { return String(i) }
        return JSONText.quoted(s.value)
    }

    /// RFC 8259 number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8
        func digits() -> Int {
            let count = bytes.prefix { (0x30...0x39).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") { bytes = bytes.dropFirst() } else if digits() == 0 { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
