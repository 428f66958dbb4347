/// A SHA-256 digest in its two forms: 32 bytes to feed the next hash, 64 lowercase hex digits to store.
///
/// Parsing is strict (exactly 64 hex digits) so that a malformed `previous_hash` in a tampered
/// database is reported rather than silently hashed as something else.
struct HexDigest: Equatable, Sendable {
    /// The `previous_hash` of record 1: 32 zero bytes (``LogHead/genesisHash`` as text).
    static let genesis = HexDigest(bytes: repeatElement(0, count: 32))

    /// The 32 raw bytes.
    let bytes: [UInt8]

    /// Wraps raw digest bytes.
    init(bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Parses 64 hex digits (either case), or returns nil.
    init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.bytes = bytes
    }

    /// Lowercase hex text, the form stored in `hash` and `previous_hash`.
    var text: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
