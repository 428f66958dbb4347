/// Who a request acts for: the name given to its token in the tokens file, and that token's roles.
///
/// The name goes into log metadata (`auth.principal`) so that operators can tell callers apart; the token
/// itself is never kept, logged or compared in plaintext.
public struct Principal: Sendable, Hashable {
    public let name: String
    public let roles: Set<Role>

    public init(name: String, roles: Set<Role>) {
        self.name = name
        self.roles = roles
    }

    /// Whether this principal may use a route that accepts `accepted` (admin may use every route).
    func isAllowed(_ accepted: [Role]) -> Bool {
        roles.contains(.admin) || accepted.contains(where: roles.contains)
    }

    /// The caller of a server started with `--insecure-no-auth`: may do everything.
    static let anonymous = Principal(name: "anonymous (--insecure-no-auth)", roles: [.admin])
}
