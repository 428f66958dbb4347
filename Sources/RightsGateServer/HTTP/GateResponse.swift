import HTTPTypes
import Hummingbird

/// Builds the service's JSON responses.
enum GateResponse {
    /// A JSON body with `Cache-Control: no-store` (decisions and errors must not be served from a cache).
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Writes a wire value with its own `write(to:)`.
    static func json(status: HTTPResponse.Status = .ok, _ write: (inout JSONBuffer) -> Void) -> Response {
        var buffer = JSONBuffer(capacity: 1024)
        write(&buffer)
        return json(buffer.text, status: status)
    }

    /// A decision: the canonical decision JSON as the body, its essentials in headers.
    static func decision(_ evaluated: EvaluatedRequest, record: DecisionGate.Logged?) -> Response {
        var headers: HTTPFields = [
            .rightsGateDecisionID: evaluated.decision.id,
            .rightsGateOutcome: evaluated.decision.outcome.rawValue,
        ]
        if let record {
            headers[.rightsGateLogSequence] = String(record.record.sequence)
            headers[.rightsGateLogHash] = record.record.hash
        } else {
            headers[.rightsGateDryRun] = "true"
        }
        if !evaluated.warnings.isEmpty { headers[.rightsGateWarnings] = String(evaluated.warnings.count) }
        return json(evaluated.json, headers: headers)
    }
}
