import Foundation
import Hummingbird

/// Turns a request's `Authorization` header into a ``Principal``, or refuses it.
///
/// With `--insecure-no-auth` every request is the anonymous admin; otherwise a request needs
/// `Authorization: Bearer <token>` with a token from the table. The header's value is hashed and dropped;
/// nothing here logs it.
struct Authenticator: Sendable {
    private let tokens: TokenTable?

    /// Tokens from a table; nil means no authentication at all (`--insecure-no-auth`).
    init(tokens: TokenTable?) { self.tokens = tokens }

    func principal(for request: Request) throws(GateError) -> Principal {
        guard let tokens else { return .anonymous }
        guard let header = request.headers[.authorization] else { throw .missingToken }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .missingToken }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw .missingToken }
        guard let principal = tokens.principal(forToken: String(token)) else { throw .invalidToken }
        return principal
    }
}
