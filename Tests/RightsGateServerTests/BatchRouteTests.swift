import DecisionLog
import Foundation
import HummingbirdTesting
import RightsGateServer
import Testing

/// `POST /v1/decisions/batch`: per-item results, invalid items replaced by errors, one transaction.
@Suite struct BatchRouteTests {
    @Test func invalidItemsGetAnErrorInTheirPlaceAndValidOnesAreLoggedInOrder() async throws {
        let body = "[\(Fixtures.request(id: "b0")),\n  \(Fixtures.invalidEnumRequest),\n  \(Fixtures.request(id: "b2", deny: true))]"
        try await TestGate.run { client, gate in
            let response = try await client.post("/v1/decisions/batch", body)
            #expect(response.status == .ok)
            let results = try #require(response.json["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == [0, 1, 2])
            #expect(results.map { $0["status"] as? Int } == [200, 400, 200])
            #expect(results[1]["decision"] == nil)
            #expect(results[1]["outcome"] == nil)
            let error = try #require(results[1]["error"] as? [String: Any])
            #expect(error["code"] as? String == "request.invalid")
            let issue = try #require((error["errors"] as? [[String: Any]])?.first)
            #expect(issue["path"] as? String == "$[1].level")
            #expect(issue["line"] as? Int == 2)
            #expect(issue["column"] as? Int == 40)

            let page = try await gate.store.records(matching: LogQuery())
            #expect(page.items.map(\.entry.requestID) == ["b0", "b2"])
            #expect(page.items.map(\.sequence) == [1, 2])
            #expect(results[0]["log_sequence"] as? Int == 1)
            #expect(results[2]["outcome"] as? String == "deny")
            // Each embedded decision is the logged decision, byte for byte.
            for record in page.items {
                #expect(response.text.contains(String(decoding: record.entry.decisionJSON, as: UTF8.self)))
            }
        }
    }

    @Test func aBatchOfOnlyInvalidItemsLogsNothing() async throws {
        try await TestGate.run { client, gate in
            let response = try await client.post("/v1/decisions/batch", "[\(Fixtures.invalidEnumRequest), 5]")
            #expect(response.status == .ok)
            let results = try #require(response.json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? Int } == [400, 400])
            #expect(try await gate.store.head() == nil)
        }
    }

    @Test(arguments: ["", "{}", "[", "[{\"id\":\"a\"},]", "[{\"id\":\"a\"}] x", "[{\"id\":\"a}]"])
    func aBodyThatIsNotAnArrayIs400(_ body: String) async throws {
        try await TestGate.run { client, _ in
            let response = try await client.post("/v1/decisions/batch", body)
            #expect(response.status == .badRequest)
            #expect(response.json["code"] as? String == "request.invalid-batch")
            #expect(response.errors.first?["line"] as? Int != nil)
        }
    }

    @Test func tooManyItemsIs413() async throws {
        try await TestGate.run(configure: { $0.limits.maxBatchItems = 2 }) { client, gate in
            let body = "[" + (0..<3).map { Fixtures.request(id: "t\($0)") }.joined(separator: ",") + "]"
            let response = try await client.post("/v1/decisions/batch", body)
            #expect(response.status == .contentTooLarge)
            #expect(response.json["code"] as? String == "request.batch-too-large")
            #expect(try await gate.store.head() == nil)
        }
    }

    @Test func anEmptyBatchDecidesNothing() async throws {
        try await TestGate.run { client, _ in
            let response = try await client.post("/v1/decisions/batch", " [ ] ")
            #expect(response.status == .ok)
            #expect((response.json["results"] as? [Any])?.isEmpty == true)
        }
    }
}
