/// Minimal JSON writing for the few values the log serialises itself: strings, string arrays and
/// the export line envelope. Hand-written so the output is byte-for-byte stable across platforms
/// (the stored `failed_checks` text is hashed into the chain).
enum JSONText {
    /// Appends `value` as a JSON string literal (RFC 8259 escaping, non-ASCII kept as UTF-8).
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `values` as a JSON array of strings, e.g. `["a","b"]`.
    static func appendStringArray(_ values: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The JSON array text for `values`.
    static func stringArray(_ values: [String]) -> String {
        var out = [UInt8]()
        appendStringArray(values, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
