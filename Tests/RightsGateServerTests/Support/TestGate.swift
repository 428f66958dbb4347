import DecisionLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RightsGate
import RightsGateServer

/// An in-process gate on the `mini` bundle with a fresh SQLite log, for `application.test(.router)`.
struct TestGate {
    /// The real store behind the service (the service may see it through a double).
    let store: SQLiteDecisionStore
    let logPath: String
    let service: GateService

    /// Runs `body` against a new gate.
    ///
    /// - Parameters:
    ///   - configure: Changes to the default test configuration (tokens from ``Tokens``, defaults otherwise).
    ///   - wrapStore: Puts a double in front of the real store (e.g. ``FailingStore``).
    static func run<T: Sendable>(
        policies: String = Fixtures.miniBundle,
        configure: (inout GateConfiguration) -> Void = { _ in },
        wrapStore: (SQLiteDecisionStore) -> any DecisionStore = { $0 },
        logger: Logger = .silent,
        _ body: @escaping @Sendable (any TestClientProtocol, TestGate) async throws -> T
    ) async throws -> T {
        try await Fixtures.withTemporaryDirectory { directory in
            let logPath = directory.appendingPathComponent("decisions.sqlite").path
            let store = try SQLiteDecisionStore(path: logPath, logger: .silent)
            var configuration = GateConfiguration(policiesDirectory: policies, port: 0, tokens: try Tokens.table())
            configure(&configuration)
            let service = try GateService(configuration: configuration, bundle: try BundleLoader.load(directory: policies),
                                          store: wrapStore(store), logger: logger)
            let gate = TestGate(store: store, logPath: logPath, service: service)
            return try await service.application.test(.router) { client in try await body(client, gate) }
        }
    }
}

extension Logger {
    /// Drops everything.
    static let silent = Logger(label: "RightsGateServerTests") { _ in SwiftLogNoOpLogHandler() }
}

extension TestClientProtocol {
    /// A POST with a body and, when given, a bearer token.
    func post(_ uri: String, _ body: String, token: String? = Tokens.gate, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: Self.headers(token, headers), body: ByteBuffer(string: body))
    }

    /// A GET with, when given, a bearer token.
    func get(_ uri: String, token: String? = Tokens.reviewer) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: Self.headers(token, [:]))
    }

    private static func headers(_ token: String?, _ extra: HTTPFields) -> HTTPFields {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// `errors` of an ``ErrorV1`` body.
    var errors: [[String: Any]] { json["errors"] as? [[String: Any]] ?? [] }

    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}
