import Hummingbird
@testable import RightsGateServer
import Testing

/// Whatever goes wrong inside a handler becomes an `ErrorV1` with a fixed status, never a decision.
@Suite struct ErrorMappingTests {
    struct Unexpected: Error {}

    @Test func unexpectedErrorsAre500Internal() {
        let error = ErrorMiddleware.gateError(for: Unexpected(), logger: .silent)
        #expect(error.status == .internalServerError)
        #expect(error.code == "internal")
        #expect(error.body.message.hasSuffix("do not proceed"))
        #expect(!error.body.jsonText.contains("outcome"))
    }

    @Test func hummingbirdErrorsAreMapped() {
        #expect(ErrorMiddleware.gateError(for: HTTPError(.notFound), logger: .silent).code == "route.not-found")
        #expect(ErrorMiddleware.gateError(for: HTTPError(.badRequest), logger: .silent).code == "internal")
        #expect(ErrorMiddleware.gateError(for: GateError.logUnavailable, logger: .silent).status == .serviceUnavailable)
    }

    @Test func everyErrorBodyIsAnErrorV1() {
        for error in [GateError.missingToken, .invalidToken, .forbidden(needs: [.gate]), .invalidRequest([]),
                      .bodyTooLarge(limit: 1), .batchTooLarge(count: 2, limit: 1), .invalidQuery("x"), .timeout,
                      .decisionNotFound("x"), .logUnavailable, .logReadFailed, .internalError] {
            let text = error.body.jsonText
            #expect(text.hasPrefix(#"{"code":""#))
            #expect(text.contains(#""errors":["#))
            #expect(error.status.code >= 400)
        }
    }
}
