import Hummingbird
import NIOCore

/// Reads a request body under the size limit and the request's deadline.
enum BodyReader {
    static func read(_ request: Request, limit: Int, until deadline: ContinuousClock.Instant) async throws -> ByteBuffer {
        // Refuse early when the client announces a body that is too large, before reading any of it.
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw GateError.bodyTooLarge(limit: limit)
        }
        do {
            return try await Deadline.collect(request.body, upTo: limit, until: deadline)
        } catch is NIOTooManyBytesError {
            throw GateError.bodyTooLarge(limit: limit)
        }
    }
}
