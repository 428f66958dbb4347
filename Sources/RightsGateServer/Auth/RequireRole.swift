import Hummingbird

/// Admits a request only if its token has one of the roles a route group accepts (or `admin`).
///
/// No or an unknown token gives 401 (`auth.missing-token`, `auth.invalid-token`), a known token without the
/// role gives 403 (`auth.forbidden`). The principal's name, never its token, goes into the request's
/// logger metadata.
struct RequireRole: RouterMiddleware {
    typealias Context = GateRequestContext

    let accepted: [Role]
    let authenticator: Authenticator

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let principal = try authenticator.principal(for: request)
        guard principal.isAllowed(accepted) else { throw GateError.forbidden(needs: accepted) }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "auth.principal"] = .string(principal.name)
        return try await next(request, context)
    }
}
