import Hummingbird
import NIOCore

/// Reads a request body under the size limit. Time is bounded by the caller's ``Deadline``, which cancels
/// the read when the deadline passes.
enum BodyReader {
    static func read(_ request: Request, limit: Int) async throws -> ByteBuffer {
        // Refuse early when the client announces a body that is too large, before reading any of it.
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw GateError.bodyTooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw GateError.bodyTooLarge(limit: limit)
        }
    }
}
