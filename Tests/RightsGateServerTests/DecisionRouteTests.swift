import DecisionLog
import Foundation
import HummingbirdTesting
import RightsGateServer
import Testing

/// `POST /v1/decisions` and `POST /v1/evaluate`: statuses, bodies, headers, and what reaches the log.
@Suite struct DecisionRouteTests {
    @Test func aDecisionIsLoggedAndItsBodyIsTheLoggedBytes() async throws {
        try await TestGate.run { client, gate in
            let response = try await client.post("/v1/decisions", Fixtures.allowRequest)
            #expect(response.status == .ok)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let id = try #require(response.json["decision_id"] as? String)
            #expect(response.json["outcome"] as? String == "allow")
            #expect(response.header("RightsGate-Decision-Id") == id)
            #expect(response.header("RightsGate-Outcome") == "allow")
            #expect(response.header("RightsGate-Log-Sequence") == "1")
            #expect(response.header("RightsGate-Warnings") == nil)

            let record = try #require(try await gate.store.record(decisionID: id))
            #expect(record.entry.decisionJSON == Data(response.text.utf8))
            #expect(response.header("RightsGate-Log-Hash") == record.hash)
            #expect(record.entry.requestID == "allow-1")
            #expect(record.entry.outcome == "allow")
            #expect(record.entry.failedChecks == [])
            #expect(record.entry.bundleDigest == (try Fixtures.loadMini()).digest)
            #expect(LogTime.format(record.entry.evaluatedAt) == response.json["evaluated_at"] as? String)
        }
    }

    @Test func theStoredRequestIsMaskedAndTheDecisionNamesTheFailedChecks() async throws {
        try await TestGate.run { client, gate in
            _ = try await client.post("/v1/decisions", Fixtures.allowRequest)
            let denied = try await client.post("/v1/decisions", Fixtures.denyRequest)
            #expect(denied.json["outcome"] as? String == "deny")
            let page = try await gate.store.records(matching: LogQuery())
            #expect(page.items.count == 2)
            let stored = String(decoding: page.items[0].entry.requestJSON, as: UTF8.self)
            #expect(stored.contains(#""secret":"[redacted]""#))
            #expect(!stored.contains("abuse.example"))
            #expect(page.items[1].entry.failedChecks == ["simple"])
        }
    }

    @Test func aKeyedHashMasksSensitiveFactsReproducibly() async throws {
        let key = Array("0123456789abcdef0123456789abcdef".utf8)
        try await TestGate.run(configure: { $0.masking = .keyedHash(key: key) }) { client, gate in
            _ = try await client.post("/v1/decisions", Fixtures.allowRequest)
            let stored = String(decoding: try #require(try await gate.store.records(matching: LogQuery()).items.first)
                .entry.requestJSON, as: UTF8.self)
            #expect(stored.contains(#""secret":"hmac-sha256:"#))
            #expect(!stored.contains("abuse.example"))
        }
    }

    @Test func swedishExplanationsOnRequest() async throws {
        try await TestGate.run { client, _ in
            let response = try await client.post("/v1/decisions?lang=sv", Fixtures.denyRequest)
            #expect(response.json["language"] as? String == "sv")
            let reason = try #require((response.json["reasons"] as? [[String: Any]])?.first)
            #expect(reason["title"] as? String == "Enkel kontroll")
            let unknown = try await client.post("/v1/decisions?lang=fr", Fixtures.denyRequest)
            #expect(unknown.status == .badRequest)
            #expect(unknown.json["code"] as? String == "request.invalid-query")
        }
    }

    @Test func anInvalidRequestIs400NamingTheJSONPathAndNothingIsLogged() async throws {
        try await TestGate.run { client, gate in
            let response = try await client.post("/v1/decisions", Fixtures.invalidEnumRequest)
            #expect(response.status == .badRequest)
            #expect(response.json["code"] as? String == "request.invalid")
            #expect(response.json["outcome"] == nil)
            #expect(response.header("RightsGate-Outcome") == nil)
            let error = try #require(response.errors.first)
            #expect(error["code"] as? String == "request.enum-value")
            #expect(error["path"] as? String == "$.level")
            #expect(error["line"] as? Int == 1)
            #expect(error["column"] as? Int == 38)
            #expect(error["help"] as? String == "did you mean `ip`?")
            #expect(try await gate.store.head() == nil)
        }
    }

    @Test func malformedJSONIs400WithLineAndColumn() async throws {
        try await TestGate.run { client, _ in
            let response = try await client.post("/v1/decisions", Fixtures.malformedRequest)
            #expect(response.status == .badRequest)
            let error = try #require(response.errors.first)
            #expect(error["path"] as? String == "$.level")
            #expect(error["line"] as? Int == 3)
            for body in ["", "[]", "null", "{\"id\": 1}", "{\"kind\": \"block\"} trailing"] {
                let response = try await client.post("/v1/decisions", body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(!response.errors.isEmpty, "\(body)")
            }
        }
    }

    @Test func unknownFieldsWarnUnlessStrict() async throws {
        let request = #"{"id":"u-1","kind":"block","level":"url","colour":"blue"}"#
        try await TestGate.run { client, _ in
            let response = try await client.post("/v1/decisions", request)
            #expect(response.status == .ok)
            #expect(response.header("RightsGate-Warnings") == "1")
        }
        try await TestGate.run(configure: { $0.strict = true }) { client, gate in
            let response = try await client.post("/v1/decisions", request)
            #expect(response.status == .badRequest)
            #expect(response.errors.first?["path"] as? String == "$.colour")
            #expect(try await gate.store.head() == nil)
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        try await TestGate.run(configure: { $0.limits.maxBodyBytes = 64 }) { client, gate in
            let response = try await client.post("/v1/decisions", Fixtures.allowRequest)
            #expect(response.status == .contentTooLarge)
            #expect(response.json["code"] as? String == "request.body-too-large")
            #expect(try await gate.store.head() == nil)
            #expect(try await client.post("/v1/decisions", #"{"id":"small"}"#).status == .ok)
        }
    }

    @Test func aDryRunIsNotLoggedAndSaysSo() async throws {
        try await TestGate.run { client, gate in
            let response = try await client.post("/v1/evaluate", Fixtures.denyRequest)
            #expect(response.status == .ok)
            #expect(response.header("RightsGate-Dry-Run") == "true")
            #expect(response.header("RightsGate-Log-Sequence") == nil)
            #expect(response.json["outcome"] as? String == "deny")
            #expect(try await gate.store.head() == nil)
            let id = try #require(response.json["decision_id"] as? String)
            #expect(try await client.get("/v1/decisions/\(id)").status == .notFound)
        }
    }

    @Test func unknownRoutesAre404ErrorV1() async throws {
        try await TestGate.run { client, _ in
            for uri in ["/", "/v2/decisions", "/v1/decision"] {
                let response = try await client.get(uri)
                #expect(response.status == .notFound)
                #expect(response.json["code"] as? String == "route.not-found")
            }
            let wrongMethod = try await client.execute(uri: "/v1/decisions", method: .delete)
            #expect(wrongMethod.status == .notFound)
        }
    }
}
