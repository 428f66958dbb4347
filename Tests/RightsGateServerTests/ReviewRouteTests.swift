import DecisionLog
import Foundation
import HummingbirdTesting
import RightsGateServer
import Testing

/// The reviewer's reads: one logged decision, pages of decisions, the serving policy.
@Suite struct ReviewRouteTests {
    @Test func aLoggedDecisionComesBackByteForByte() async throws {
        try await TestGate.run { client, _ in
            let decided = try await client.post("/v1/decisions", Fixtures.denyRequest)
            let id = try #require(decided.header("RightsGate-Decision-Id"))
            let read = try await client.get("/v1/decisions/\(id)")
            #expect(read.status == .ok)
            #expect(read.text == decided.text)
            #expect(read.header("RightsGate-Outcome") == "deny")
            #expect(read.header("RightsGate-Log-Sequence") == "1")
        }
    }

    @Test func anUnknownIDIs404() async throws {
        try await TestGate.run { client, _ in
            let response = try await client.get("/v1/decisions/01a22c11-f464-7182-a925-df96a2e8d549")
            #expect(response.status == .notFound)
            #expect(response.json["code"] as? String == "decision.not-found")
        }
    }

    @Test func pagesFollowTheCursorToTheEnd() async throws {
        try await TestGate.run { client, _ in
            for index in 0..<5 {
                #expect(try await client.post("/v1/decisions", Fixtures.request(id: "p\(index)", deny: index.isMultiple(of: 2))).status == .ok)
            }
            var seen: [String] = []
            var uri = "/v1/decisions?limit=2"
            var pages = 0
            while true {
                let page = try await client.get(uri)
                #expect(page.status == .ok)
                let items = try #require(page.json["items"] as? [[String: Any]])
                seen += items.compactMap { $0["request_id"] as? String }
                for item in items {
                    #expect((item["decision"] as? [String: Any])?["decision_id"] as? String == item["decision_id"] as? String)
                    #expect((item["hash"] as? String)?.count == 64)
                }
                pages += 1
                guard let cursor = page.json["next_cursor"] as? String else { break }
                uri = "/v1/decisions?limit=2&cursor=\(cursor)"
            }
            #expect(seen == ["p0", "p1", "p2", "p3", "p4"])
            #expect(pages == 3)
        }
    }

    @Test func filtersByOutcomeCheckAndTime() async throws {
        try await TestGate.run { client, _ in
            for index in 0..<4 {
                _ = try await client.post("/v1/decisions", Fixtures.request(id: "f\(index)", deny: index < 3))
            }
            func ids(_ query: String) async throws -> [String] {
                let page = try await client.get("/v1/decisions?\(query)")
                #expect(page.status == .ok, "\(query)")
                return (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["request_id"] as? String }
            }
            #expect(try await ids("outcome=deny") == ["f0", "f1", "f2"])
            #expect(try await ids("check=simple") == ["f0", "f1", "f2"])
            #expect(try await ids("outcome=allow") == ["f3"])
            #expect(try await ids("since=\(Fixtures.today)").count == 4)
            #expect(try await ids("since=2999-01-01T00:00:00Z").isEmpty)
        }
    }

    @Test(arguments: ["limit=0", "limit=1001", "limit=x", "cursor=-1", "cursor=abc", "outcome=maybe", "since=yesterday", "check="])
    func badQueryParametersAre400(_ query: String) async throws {
        try await TestGate.run { client, _ in
            let response = try await client.get("/v1/decisions?\(query)")
            #expect(response.status == .badRequest)
            #expect(response.json["code"] as? String == "request.invalid-query")
        }
    }

    @Test func thePolicyIsDescribed() async throws {
        try await TestGate.run { client, _ in
            let bundle = try Fixtures.loadMini()
            let response = try await client.get("/v1/policy")
            #expect(response.status == .ok)
            #expect(response.json["name"] as? String == "mini")
            #expect(response.json["version"] as? String == "1.0.0")
            #expect(response.json["digest"] as? String == bundle.digest)
            #expect(response.json["check_count"] as? Int == bundle.checks.count)
            #expect((response.json["loaded_at"] as? String)?.hasSuffix("Z") == true)
        }
    }
}
