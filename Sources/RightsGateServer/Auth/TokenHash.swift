import Crypto

/// How tokens are stored: `sha256:` and the lowercase hex SHA-256 of the token's UTF-8 bytes.
///
/// A token is a long random secret (``generateToken()``), so an unsalted fast hash is enough: nobody can
/// search 256 random bits, and a stolen tokens file grants nothing. The server hashes the presented token
/// and looks the hash up, so plaintext tokens never sit in memory longer than one request.
public enum TokenHash {
    public static let prefix = "sha256:"

    /// The stored form of a token.
    public static func hash(_ token: String) -> String {
        prefix + hex(Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// The stored form normalised (`sha256:` + 64 lowercase hex digits), or nil when `text` is not one.
    /// The prefix may be omitted in the tokens file.
    public static func normalise(_ text: String) -> String? {
        let digits = (text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text).lowercased()
        guard digits.utf8.count == 64, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return prefix + digits
    }

    /// A new random token: `rg_` and 43 base64url characters (256 random bits).
    public static func generateToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var bits = 0, value = 0
        var text = "rg_"
        for byte in bytes {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                text.append(alphabet[(value >> bits) & 63])
            }
            value &= (1 << bits) - 1
        }
        if bits > 0 { text.append(alphabet[(value << (6 - bits)) & 63]) }
        return text
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
