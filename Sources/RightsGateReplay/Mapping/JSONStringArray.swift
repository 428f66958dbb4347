import Foundation

/// Reads the JSON arrays of strings that the dumps put inside CSV fields (`["SE","FI"]`).
///
/// A row carries several of them, so the common case (plain strings without escapes) is read directly;
/// anything else is handed to `JSONDecoder`, which also decides what is malformed.
enum JSONStringArray {
    static func parse(_ text: String) -> [String]? {
        if let fast = fastParse(Array(text.utf8)) { return fast }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    private static func fastParse(_ bytes: [UInt8]) -> [String]? {
        var i = 0
        func skipSpace() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 } }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var items: [String] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            skipSpace()
            return i == bytes.count ? [] : nil
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            items.append(String(decoding: bytes[start..<end], as: UTF8.self))
            i = end + 1
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "]") else { return nil }
            i += 1
            skipSpace()
            return i == bytes.count ? items : nil
        }
    }
}
