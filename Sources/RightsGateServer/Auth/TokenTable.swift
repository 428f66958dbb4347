import Foundation
import Yams

/// The bearer tokens the server accepts, by hash, with the principal each one stands for.
///
/// Loaded from a YAML or JSON file (JSON is YAML), `docs/service.md` § Tokens:
///
/// ```yaml
/// tokens:
///   - name: blocklist-manager          # who holds it; appears in logs
///     role: gate                       # or roles: [gate, reviewer]
///     hash: sha256:5e88…42d8           # rightsgate token hash
/// ```
///
/// Plaintext tokens are refused: the file holds only hashes, so reading it grants nothing.
public struct TokenTable: Sendable {
    private let principalsByHash: [String: Principal]

    /// Number of tokens.
    public var count: Int { principalsByHash.count }

    /// Builds a table from hashes (as ``TokenHash/hash(_:)`` makes them) and their principals.
    public init(_ entries: [(hash: String, principal: Principal)]) throws(TokenFileError) {
        var table: [String: Principal] = [:]
        for (index, entry) in entries.enumerated() {
            guard let hash = TokenHash.normalise(entry.hash) else {
                throw TokenFileError("tokens[\(index)] (`\(entry.principal.name)`): `hash` must be `sha256:` and 64 hex digits")
            }
            guard !entry.principal.roles.isEmpty else {
                throw TokenFileError("tokens[\(index)] (`\(entry.principal.name)`): no role")
            }
            if let other = table[hash] {
                throw TokenFileError("tokens[\(index)] (`\(entry.principal.name)`) has the same hash as `\(other.name)`")
            }
            table[hash] = entry.principal
        }
        principalsByHash = table
    }

    /// Reads a tokens file.
    public static func load(path: String) throws(TokenFileError) -> TokenTable {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TokenFileError("cannot read the tokens file `\(path)`")
        }
        return try parse(text, source: path)
    }

    /// Parses the text of a tokens file; `source` names it in messages.
    public static func parse(_ text: String, source: String) throws(TokenFileError) -> TokenTable {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            // Only the first line of the parser's message (position and problem): the rest quotes the
            // offending source line, which may be a pasted plaintext token.
            let summary = "\(error)".split(separator: "\n", maxSplits: 1).first.map(String.init) ?? "unreadable"
            throw TokenFileError("`\(source)` is neither YAML nor JSON: \(summary)")
        }
        guard let root = document as? [String: Any], let list = root["tokens"] as? [Any] else {
            throw TokenFileError("`\(source)` must be a mapping with a `tokens` list")
        }
        var entries: [(hash: String, principal: Principal)] = []
        var names: Set<String> = []
        for (index, item) in list.enumerated() {
            let at = "`\(source)` tokens[\(index)]"
            guard let fields = item as? [String: Any] else { throw TokenFileError("\(at) must be a mapping") }
            if fields["token"] != nil || fields["secret"] != nil {
                throw TokenFileError("\(at) holds a plaintext token; store only its hash (`rightsgate token hash`)")
            }
            let unknown = Set(fields.keys).subtracting(["name", "role", "roles", "hash"])
            if let key = unknown.sorted().first { throw TokenFileError("\(at): unknown key `\(key)`") }
            guard let name = fields["name"] as? String, !name.isEmpty else { throw TokenFileError("\(at): `name` is required") }
            guard names.insert(name).inserted else { throw TokenFileError("\(at): the name `\(name)` is used twice") }
            guard let hash = fields["hash"] as? String else { throw TokenFileError("\(at) (`\(name)`): `hash` is required") }
            var roleNames: [String] = []
            if let role = fields["role"] as? String { roleNames.append(role) }
            if let roles = fields["roles"] as? [Any] { roleNames += roles.map { "\($0)" } }
            guard !roleNames.isEmpty else { throw TokenFileError("\(at) (`\(name)`): `role` or `roles` is required") }
            var roles: Set<Role> = []
            for roleName in roleNames {
                guard let role = Role(rawValue: roleName) else {
                    let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                    throw TokenFileError("\(at) (`\(name)`): unknown role `\(roleName)` (known: \(known))")
                }
                roles.insert(role)
            }
            entries.append((hash, Principal(name: name, roles: roles)))
        }
        guard !entries.isEmpty else { throw TokenFileError("`\(source)` lists no tokens") }
        return try TokenTable(entries)
    }

    /// The principal of a presented token, or nil when the token is unknown.
    func principal(forToken token: String) -> Principal? {
        principalsByHash[TokenHash.hash(token)]
    }
}

/// Why a tokens file was refused. Messages name the entry but never a token or a hash.
public struct TokenFileError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
