import RightsGate

/// Dates as the sources write them, read strictly: `YYYY-MM-DD`, or that day followed by a time of day
/// (`T` or, as in the statement-of-reasons dumps, a space; `HH:MM:SS`, an optional fraction and an optional
/// `Z` or `±HH:MM` offset).
///
/// A record's date decides which rules were in force, its month and whether `--period` counts it, so text
/// that merely starts like a date (`2026-01-15 junk`, `2026-01-15T99:99:99Z`) is rejected, never cut to its
/// first ten characters.
enum DateText {
    struct Parsed {
        let day: CalendarDay
        /// `HH:MM:SS` with its fraction, when a time of day is given.
        let time: String?
        /// `Z`, `+02:00`, …, when given.
        let offset: String?
    }

    static func parse(_ text: String) -> Parsed? {
        let bytes = Array(text.utf8)
        // Everything accepted is ASCII, so byte offsets are character offsets.
        guard bytes.count >= 10, bytes.allSatisfy({ $0 < 0x80 }), let day = CalendarDay(String(decoding: bytes[..<10], as: UTF8.self)) else {
            return nil
        }
        guard bytes.count > 10 else { return Parsed(day: day, time: nil, offset: nil) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]) else { return nil }
        guard let hour = number(bytes, at: 11), hour < 24, byte(bytes, 13) == UInt8(ascii: ":"),
              let minute = number(bytes, at: 14), minute < 60, byte(bytes, 16) == UInt8(ascii: ":"),
              let second = number(bytes, at: 17), second <= 60
        else { return nil }
        var i = 19
        if byte(bytes, i) == UInt8(ascii: ".") {
            let digits = bytes[(i + 1)...].prefix { (0x30...0x39).contains($0) }.count
            guard digits > 0 else { return nil }
            i += 1 + digits
        }
        let timeEnd = i
        switch byte(bytes, i) {
        case nil:
            break
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let hours = number(bytes, at: i + 1), hours < 24, byte(bytes, i + 3) == UInt8(ascii: ":"),
                  let minutes = number(bytes, at: i + 4), minutes < 60 else { return nil }
            i += 6
        default:
            return nil
        }
        guard i == bytes.count else { return nil }
        return Parsed(day: day, time: String(decoding: bytes[11..<timeEnd], as: UTF8.self),
                      offset: timeEnd < bytes.count ? String(decoding: bytes[timeEnd...], as: UTF8.self) : nil)
    }

    /// The day of a date or date-time, or nil when the text is not one.
    static func day(_ text: String) -> CalendarDay? { parse(text)?.day }

    private static func byte(_ bytes: [UInt8], _ i: Int) -> UInt8? {
        i < bytes.count ? bytes[i] : nil
    }

    /// Two decimal digits at `start`.
    private static func number(_ bytes: [UInt8], at start: Int) -> Int? {
        guard start + 2 <= bytes.count else { return nil }
        let (a, b) = (bytes[start], bytes[start + 1])
        guard (0x30...0x39).contains(a), (0x30...0x39).contains(b) else { return nil }
        return Int(a - 0x30) * 10 + Int(b - 0x30)
    }
}
