/// Decision ids are UUIDv7 (RFC 9562): time-ordered, so log records and ids sort the same way, and random
/// in their low 74 bits, so ids cannot be guessed.
public enum DecisionID {
    public static func make(milliseconds: UInt64) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = generator.next() as UInt64
        let randomA = UInt16(truncatingIfNeeded: generator.next() as UInt64) & 0x0FFF
        let high = (milliseconds << 16) | 0x7000 | UInt64(randomA)
        let low = (random & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let h = hex(high, 16), l = hex(low, 16)
        let a = h.prefix(8), b = h.dropFirst(8).prefix(4), c = h.dropFirst(12)
        let d = l.prefix(4), e = l.dropFirst(4)
        return "\(a)-\(b)-\(c)-\(d)-\(e)"
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: width - s.count) + s
    }
}
