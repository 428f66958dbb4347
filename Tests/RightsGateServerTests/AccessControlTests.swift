import HummingbirdTesting
import RightsGateServer
import Testing

/// Tokens and roles: 401 without or with an unknown token, 403 with the wrong role, admin everywhere.
@Suite struct AccessControlTests {
    /// Every protected route, a token that may use it, and one that may not.
    struct Route: Sendable, CustomStringConvertible {
        let method: String
        let uri: String
        let allowed: String
        let forbidden: String
        var description: String { "\(method) \(uri)" }
    }

    static let routes: [Route] = [
        Route(method: "POST", uri: "/v1/decisions", allowed: Tokens.gate, forbidden: Tokens.reviewer),
        Route(method: "POST", uri: "/v1/decisions/batch", allowed: Tokens.gate, forbidden: Tokens.metrics),
        Route(method: "POST", uri: "/v1/evaluate", allowed: Tokens.gate, forbidden: Tokens.reviewer),
        Route(method: "GET", uri: "/v1/decisions", allowed: Tokens.reviewer, forbidden: Tokens.gate),
        Route(method: "GET", uri: "/v1/decisions/01a22c11-f464-7182-a925-df96a2e8d549", allowed: Tokens.reviewer, forbidden: Tokens.gate),
        Route(method: "GET", uri: "/v1/policy", allowed: Tokens.reviewer, forbidden: Tokens.metrics),
        Route(method: "POST", uri: "/v1/policy/reload", allowed: Tokens.admin, forbidden: Tokens.reviewer),
        Route(method: "GET", uri: "/metrics", allowed: Tokens.metrics, forbidden: Tokens.gate),
    ]

    private static func send(_ route: Route, token: String?, _ client: any TestClientProtocol) async throws -> TestResponse {
        let body = route.uri.hasSuffix("batch") ? "[\(Fixtures.allowRequest)]" : Fixtures.allowRequest
        return route.method == "POST"
            ? try await client.post(route.uri, body, token: token)
            : try await client.get(route.uri, token: token)
    }

    @Test(arguments: routes)
    func withoutATokenIs401(_ route: Route) async throws {
        try await TestGate.run { client, _ in
            let response = try await Self.send(route, token: nil, client)
            #expect(response.status == .unauthorized)
            #expect(response.json["code"] as? String == "auth.missing-token")
            #expect(response.header("WWW-Authenticate") == #"Bearer realm="rightsgate""#)
            #expect(response.json["outcome"] == nil)
        }
    }

    @Test(arguments: routes)
    func withAnUnknownTokenIs401(_ route: Route) async throws {
        try await TestGate.run { client, _ in
            let response = try await Self.send(route, token: Tokens.unknown, client)
            #expect(response.status == .unauthorized)
            #expect(response.json["code"] as? String == "auth.invalid-token")
            #expect(response.header("WWW-Authenticate")?.contains("invalid_token") == true)
        }
    }

    @Test(arguments: routes)
    func withTheWrongRoleIs403(_ route: Route) async throws {
        try await TestGate.run { client, _ in
            let response = try await Self.send(route, token: route.forbidden, client)
            #expect(response.status == .forbidden)
            #expect(response.json["code"] as? String == "auth.forbidden")
        }
    }

    @Test(arguments: routes)
    func theRightRoleAndAdminAreLetThrough(_ route: Route) async throws {
        try await TestGate.run { client, _ in
            for token in [route.allowed, Tokens.admin] {
                let response = try await Self.send(route, token: token, client)
                #expect(![.unauthorized, .forbidden].contains(response.status), "\(route) with \(token)")
            }
        }
    }

    @Test func malformedAuthorizationHeadersAreRefused() async throws {
        try await TestGate.run { client, _ in
            for value in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", Tokens.gate] {
                let response = try await client.execute(
                    uri: "/v1/decisions", method: .post, headers: [.authorization: value],
                    body: .init(string: Fixtures.allowRequest))
                #expect(response.status == .unauthorized, "\(value)")
            }
            let lowercase = try await client.execute(
                uri: "/v1/decisions", method: .post, headers: [.authorization: "bearer \(Tokens.gate)"],
                body: .init(string: Fixtures.allowRequest))
            #expect(lowercase.status == .ok)
        }
    }

    @Test func healthAndReadinessAreOpen() async throws {
        try await TestGate.run { client, _ in
            let health = try await client.get("/healthz", token: nil)
            let ready = try await client.get("/readyz", token: nil)
            #expect(health.status == .ok)
            #expect(ready.status == .ok)
        }
    }

    @Test func insecureModeLetsEveryoneIn() async throws {
        try await TestGate.run(configure: { $0.tokens = nil; $0.insecureNoAuth = true }) { client, _ in
            let decision = try await client.post("/v1/decisions", Fixtures.allowRequest, token: nil)
            let page = try await client.get("/v1/decisions", token: nil)
            let reload = try await client.post("/v1/policy/reload", "", token: nil)
            #expect([decision.status, page.status, reload.status] == [.ok, .ok, .ok])
        }
    }
}
