import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A plain HTTP client (URLSession) for servers running as processes.
struct LiveClient: Sendable {
    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    let base: URL
    let session: URLSession

    init(base: URL, connections: Int = 8) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    func send(_ method: String, _ path: String, body: String? = nil, token: String? = nil) async throws -> Response {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await Self.firstOf(session, request, timeout: .seconds(45))
        guard let http = response as? HTTPURLResponse else { throw NoResponse(description: "no HTTP response for \(method) \(path)") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers["\(key)".lowercased()] = "\(value)"
        }
        return Response(status: http.statusCode, headers: headers, body: data)
    }

    struct NoResponse: Error, CustomStringConvertible { let description: String }

    /// The exchange, or an error after `timeout`, whichever comes first.
    ///
    /// On Linux an exchange cut off by a killed server can leave `URLSession`'s completion uncalled, and
    /// `timeoutIntervalForRequest` does not always fire then; a test must fail, not hang. The exchange left
    /// behind is abandoned, not awaited (a task group would wait for it).
    private static func firstOf(_ session: URLSession, _ request: URLRequest, timeout: Duration) async throws -> (Data, URLResponse) {
        let once = Once<Result<(Data, URLResponse), any Error>>()
        return try await withCheckedThrowingContinuation { continuation in
            once.onFirst { continuation.resume(with: $0) }
            let task = session.dataTask(with: request) { data, response, error in
                if let data, let response { once.offer(.success((data, response))) } else {
                    once.offer(.failure(error ?? NoResponse(description: "no response")))
                }
            }
            task.resume()
            Task {
                try? await Task.sleep(for: timeout)
                if once.offer(.failure(NoResponse(description: "no response within \(timeout)"))) { task.cancel() }
            }
        }
    }

    /// Hands the first value offered to the consumer; later offers are dropped.
    private final class Once<Value: Sendable>: Sendable {
        private let state = Mutex<(done: Bool, consumer: (@Sendable (Value) -> Void)?)>((false, nil))
        func onFirst(_ consumer: @escaping @Sendable (Value) -> Void) { state.withLock { $0.consumer = consumer } }
        /// Whether this offer was the first.
        @discardableResult func offer(_ value: Value) -> Bool {
            let consumer: (@Sendable (Value) -> Void)? = state.withLock {
                guard !$0.done else { return nil }
                $0.done = true
                return $0.consumer
            }
            consumer?(value)
            return consumer != nil
        }
    }
}
