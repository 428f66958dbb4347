import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

/// Every route and status the service produces, recorded from real responses and checked against
/// docs/openapi.yaml by scripts/validate-openapi.py (OpenAPI 3.1 / JSON Schema 2020-12; the decision
/// schema docs/schema/decision.schema.json is resolved).
@Suite struct OpenAPIConformanceTests {
    /// Collects exchanges: method, the OpenAPI path template, status, content type, headers and body.
    final class Recorder: Sendable {
        struct Exchange: Sendable {
            let method: String
            let path: String
            let status: Int
            let contentType: String
            let headers: [String: String]
            let body: String
        }

        private let exchanges = Mutex<[Exchange]>([])

        @discardableResult
        func record(_ template: String, _ method: HTTPRequest.Method, _ response: TestResponse) -> TestResponse {
            var headers: [String: String] = [:]
            for field in response.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let exchange = Exchange(method: method.rawValue, path: template, status: Int(response.status.code),
                                    contentType: response.headers[.contentType] ?? "", headers: headers, body: response.text)
            exchanges.withLock { $0.append(exchange) }
            return response
        }

        func write(to url: URL) throws {
            let objects: [[String: Any]] = exchanges.withLock { $0 }.map {
                ["method": $0.method, "path": $0.path, "status": $0.status, "content_type": $0.contentType,
                 "headers": $0.headers, "body": $0.body]
            }
            try JSONSerialization.data(withJSONObject: objects).write(to: url)
        }
    }

    @Test func everyResponseMatchesTheDocument() async throws {
        let recorder = Recorder()
        try await Fixtures.withTemporaryDirectory { directory in
            let bundle = try Fixtures.copyMini(into: directory)
            try await TestGate.run(policies: bundle.path, configure: { $0.limits.maxBodyBytes = 2048; $0.limits.maxBatchItems = 3 }) { client, _ in
                let r = recorder
                // POST /v1/decisions
                let decided = r.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.allowRequest))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions?lang=sv", Fixtures.denyRequest))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", #"{"id":"w","colour":"red"}"#))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.invalidEnumRequest))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.malformedRequest))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions?lang=de", Fixtures.allowRequest))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.allowRequest, token: nil))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.allowRequest, token: Tokens.unknown))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.allowRequest, token: Tokens.reviewer))
                r.record("/v1/decisions", .post, try await client.post("/v1/decisions", String(repeating: " ", count: 4096)))
                // POST /v1/decisions/batch
                r.record("/v1/decisions/batch", .post, try await client.post(
                    "/v1/decisions/batch", "[\(Fixtures.allowRequest),\(Fixtures.invalidEnumRequest),\(Fixtures.denyRequest)]"))
                r.record("/v1/decisions/batch", .post, try await client.post("/v1/decisions/batch", "{}"))
                r.record("/v1/decisions/batch", .post, try await client.post("/v1/decisions/batch", "[{},{},{},{}]"))
                r.record("/v1/decisions/batch", .post, try await client.post("/v1/decisions/batch", "[]", token: Tokens.metrics))
                // POST /v1/evaluate
                r.record("/v1/evaluate", .post, try await client.post("/v1/evaluate", Fixtures.denyRequest))
                r.record("/v1/evaluate", .post, try await client.post("/v1/evaluate", Fixtures.invalidEnumRequest))
                r.record("/v1/evaluate", .post, try await client.post("/v1/evaluate", Fixtures.allowRequest, token: nil))
                // GET /v1/decisions/{id}
                let id = decided.header("RightsGate-Decision-Id") ?? ""
                r.record("/v1/decisions/{id}", .get, try await client.get("/v1/decisions/\(id)"))
                r.record("/v1/decisions/{id}", .get, try await client.get("/v1/decisions/no-such-id"))
                r.record("/v1/decisions/{id}", .get, try await client.get("/v1/decisions/\(id)", token: Tokens.gate))
                // GET /v1/decisions
                r.record("/v1/decisions", .get, try await client.get("/v1/decisions?limit=2"))
                r.record("/v1/decisions", .get, try await client.get("/v1/decisions?outcome=deny&since=\(Fixtures.today)"))
                r.record("/v1/decisions", .get, try await client.get("/v1/decisions?limit=0"))
                r.record("/v1/decisions", .get, try await client.get("/v1/decisions", token: nil))
                // GET /v1/policy
                r.record("/v1/policy", .get, try await client.get("/v1/policy"))
                r.record("/v1/policy", .get, try await client.get("/v1/policy", token: Tokens.gate))
                // POST /v1/policy/reload
                r.record("/v1/policy/reload", .post, try await client.post("/v1/policy/reload", "", token: Tokens.admin))
                r.record("/v1/policy/reload", .post, try await client.post("/v1/policy/reload", "", token: Tokens.gate))
                try Fixtures.breakBundle(bundle)
                r.record("/v1/policy/reload", .post, try await client.post("/v1/policy/reload", "", token: Tokens.admin))
                // Operations
                r.record("/healthz", .get, try await client.get("/healthz", token: nil))
                r.record("/readyz", .get, try await client.get("/readyz", token: nil))
                r.record("/metrics", .get, try await client.get("/metrics", token: Tokens.metrics))
                r.record("/metrics", .get, try await client.get("/metrics", token: nil))
                r.record("/metrics", .get, try await client.get("/metrics", token: Tokens.gate))
            }
            // A gate whose log fails: 503 on decisions and on readiness.
            try await TestGate.run(wrapStore: { FailingStore(reads: $0) }) { client, _ in
                recorder.record("/v1/decisions", .post, try await client.post("/v1/decisions", Fixtures.allowRequest))
                recorder.record("/v1/decisions/batch", .post, try await client.post("/v1/decisions/batch", "[\(Fixtures.allowRequest)]"))
                recorder.record("/readyz", .get, try await client.get("/readyz", token: nil))
            }

            let exchanges = directory.appendingPathComponent("exchanges.json")
            try recorder.write(to: exchanges)
            guard let python = Command.find("python3") else {
                Issue.record("""
                    python3 is required to check responses against docs/openapi.yaml; install it with the packages \
                    jsonschema, openapi-schema-validator, openapi-spec-validator and PyYAML
                    """)
                return
            }
            let result = try await Command.run(python, [
                Fixtures.repository.appendingPathComponent("scripts/validate-openapi.py").path,
                Fixtures.repository.appendingPathComponent("docs/openapi.yaml").path,
                exchanges.path, "--require-all-operations",
            ])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("0 problems"))
        }
    }
}
