import Foundation
import HTTPTypes
import Hummingbird
import RightsGate

/// Every way a request can fail, rendered as an ``ErrorV1`` response.
///
/// Each failure has a stable code and a fixed status; the message ends by telling the client not to
/// proceed, because every error response means the gate did not give a decision it can act on.
struct GateError: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let body: ErrorV1
    var extraHeaders: HTTPFields = [:]

    /// The stable code, as counted in `rightsgate_errors_total`.
    var code: String { body.code }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        GateResponse.json(body.jsonText, status: status, headers: extraHeaders)
    }

    private init(_ status: HTTPResponse.Status, _ code: String, _ message: String, errors: [DiagnosticV1] = []) {
        self.status = status
        self.body = ErrorV1(code: code, message: message, errors: errors)
    }

    static let doNotProceed = "do not proceed"

    // MARK: Access

    static var missingToken: GateError {
        var error = GateError(.unauthorized, "auth.missing-token",
                              "a bearer token is required (Authorization: Bearer <token>); \(doNotProceed)")
        error.extraHeaders[.wwwAuthenticate] = #"Bearer realm="rightsgate""#
        return error
    }

    static var invalidToken: GateError {
        var error = GateError(.unauthorized, "auth.invalid-token", "the bearer token is not valid; \(doNotProceed)")
        error.extraHeaders[.wwwAuthenticate] = #"Bearer realm="rightsgate", error="invalid_token""#
        return error
    }

    static func forbidden(needs roles: [Role]) -> GateError {
        let names = roles.map { "`\($0.rawValue)`" }.joined(separator: " or ")
        return GateError(.forbidden, "auth.forbidden", "this route needs the role \(names) (or `admin`); \(doNotProceed)")
    }

    // MARK: Requests

    /// The request could not be decoded; `errors` name each problem's JSON path, line and column.
    static func invalidRequest(_ errors: [DiagnosticV1]) -> GateError {
        GateError(.badRequest, "request.invalid", "invalid request: the gate did not decide; \(doNotProceed)",
                  errors: errors)
    }

    static func invalidBatch(_ message: String, line: Int, column: Int) -> GateError {
        GateError(.badRequest, "request.invalid-batch", "invalid batch: \(message); the gate did not decide; \(doNotProceed)",
                  errors: [DiagnosticV1(severity: "error", code: "request.invalid-batch", path: "$", file: nil,
                                        message: message, line: line, column: column, help: nil)])
    }

    static func bodyTooLarge(limit: Int?) -> GateError {
        let size = limit.map { "larger than \($0) bytes" } ?? "too large"
        return GateError(.contentTooLarge, "request.body-too-large",
                         "the request body is \(size); the gate did not decide; \(doNotProceed)")
    }

    static func batchTooLarge(count: Int, limit: Int) -> GateError {
        GateError(.contentTooLarge, "request.batch-too-large",
                  "the batch has \(count) items, more than \(limit); the gate did not decide; \(doNotProceed)")
    }

    static func invalidQuery(_ message: String) -> GateError {
        GateError(.badRequest, "request.invalid-query", message)
    }

    static var timeout: GateError {
        var error = GateError(.serviceUnavailable, "request.timeout",
                              "the request took longer than the server's time limit; \(doNotProceed)")
        error.extraHeaders[.retryAfter] = "1"
        return error
    }

    // MARK: Lookups

    static func decisionNotFound(_ id: String) -> GateError {
        GateError(.notFound, "decision.not-found", "no decision `\(id)` in the log")
    }

    static func routeNotFound(_ status: HTTPResponse.Status) -> GateError {
        GateError(status, "route.not-found", "no such route; see docs/openapi.yaml")
    }

    // MARK: Server

    /// The decision could not be written to the log: it is withheld, since an unlogged decision must not
    /// be acted on.
    static var logUnavailable: GateError {
        var error = GateError(.serviceUnavailable, "log.unavailable",
                              "the decision could not be written to the decision log, so it is withheld; \(doNotProceed)")
        error.extraHeaders[.retryAfter] = "1"
        return error
    }

    static var logReadFailed: GateError {
        GateError(.serviceUnavailable, "log.read-failed", "the decision log could not be read")
    }

    /// The reloaded bundle has errors: every diagnostic, located, plus their compiler-style rendering.
    static func policyInvalid(_ error: PolicyLoadError) -> GateError {
        GateError(status: .unprocessableContent, body: ErrorV1(
            code: "policy.invalid",
            message: "the policy bundle has errors; it was not loaded and the previous bundle keeps serving",
            errors: error.diagnostics.sortedByLocation().map(DiagnosticV1.init),
            rendered: DiagnosticRenderer(sources: error.sourceFiles).render(error.diagnostics)))
    }

    static var internalError: GateError {
        GateError(.internalServerError, "internal", "internal error: the gate did not decide; \(doNotProceed)")
    }

    private init(status: HTTPResponse.Status, body: ErrorV1) {
        self.status = status
        self.body = body
    }
}
