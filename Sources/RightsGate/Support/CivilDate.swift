/// Calendar arithmetic on the proleptic Gregorian calendar in UTC, without Foundation, so dates in requests
/// and policies parse and compare as plain integers (days or seconds since 1970-01-01).
enum CivilDate {
    /// Days since 1970-01-01 for a valid year/month/day (algorithm from H. Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD` strictly.
    static func parseDate(_ text: some StringProtocol) -> Int32? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        return Int32(days(year: year, month: month, day: day))
    }

    /// Parses an RFC 3339 date-time (`2026-03-14T09:30:00Z`, optional fraction, `Z` or `±hh:mm`), or a bare
    /// date taken as midnight UTC. Returns whole seconds since the epoch (fractions are truncated).
    /// `strict` (requests) follows RFC 3339 to the letter: a time and an offset are required and the
    /// separator is `T`. Policies may also write a bare date or a space, for readability.
    static func parseDateTime(_ text: some StringProtocol, strict: Bool = false) -> Int64? {
        let bytes = Array(text.utf8)
        if bytes.count == 10, !strict { return parseDate(text).map { Int64($0) * 86_400 } }
        guard bytes.count >= 20, let dayNumber = parseDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || (!strict && bytes[10] == UInt8(ascii: " ")),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i < bytes.count else { return nil }
        var offset = 0
        if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
            i += 1
        } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            guard bytes.count == i + 6, bytes[i + 3] == UInt8(ascii: ":"),
                let oh = number(bytes, i + 1, 2), let om = number(bytes, i + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (bytes[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == bytes.count else { return nil }
        return Int64(dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59) - offset)
    }

    static func formatDate(_ days: Int32) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendDate(days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `2026-03-14T09:30:00Z`.
    static func formatDateTime(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        appendDate(Int32(truncatingIfNeeded: days), to: &out)
        out.append(UInt8(ascii: "T"))
        appendDigits(rest / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(rest / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(rest % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Formats by writing digits directly: dates are written for every fact and every decision.
    private static func appendDate(_ days: Int32, to out: inout [UInt8]) {
        let (y, m, d) = civil(days: Int(days))
        if y < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(abs(y), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d, width: 2, to: &out)
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        var digits = 1
        while value / divisor >= 10 { divisor *= 10; digits += 1 }
        for _ in digits..<max(width, digits) { out.append(48) }
        while divisor > 0 {
            out.append(UInt8(48 + value / divisor % 10))
            divisor /= 10
        }
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for b in bytes[start..<(start + count)] {
            guard (48...57).contains(b) else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }
}
