import Hummingbird
import Logging

/// The outermost middleware: turns every error into an ``ErrorV1`` response and counts it by code.
///
/// Whatever fails (a handler's ``GateError``, Hummingbird's own 404, an unexpected error), the client gets
/// a JSON error with a stable code and never a decision. Unexpected errors become 500 `internal`; their
/// text is not logged or returned (it could quote request content), only their type.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = GateRequestContext

    let metrics: GateMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let gateError = Self.gateError(for: error, logger: context.logger)
            metrics.recordError(code: gateError.code)
            return try gateError.response(from: request, context: context)
        }
    }

    static func gateError(for error: any Error, logger: Logger) -> GateError {
        switch error {
        case let error as GateError:
            return error
        case let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed:
            return .routeNotFound(error.status)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return .bodyTooLarge(limit: nil)
        default:
            logger.info("internal error; no decision was given", metadata: ["error.type": "\(type(of: error))"])
            return .internalError
        }
    }
}
