@testable import DecisionLog
import Foundation
import Testing

/// The stored format is a contract with external verifiers: these pin it byte for byte.
@Suite("Stored format")
struct StoredFormatTests {
    /// Expected hashes computed independently (Python's hashlib) from the layout documented in
    /// `ChainHash` and `docs/decision-log.md`; a change to the layout must fail here.
    @Test("record hashes follow the documented byte layout")
    func knownAnswerHashes() async throws {
        try await withTemporaryStore { store, _ in
            let evaluatedAt = Date(timeIntervalSince1970: 1_780_000_000.123)
            let digest = "sha256:" + String(repeating: "ab", count: 32)
            let first = LogEntry(
                decisionID: "0190a5b2-0000-7000-8000-000000000001", requestID: "req-1", outcome: "deny",
                failedChecks: ["c.d", "a.b"], bundleDigest: digest, evaluatedAt: evaluatedAt,
                decisionJSON: Data(#"{"outcome":"deny"}"#.utf8), requestJSON: Data(#"{"id":"req-1"}"#.utf8)
            )
            let second = LogEntry(
                decisionID: "0190a5b2-0000-7000-8000-000000000002", requestID: nil, outcome: "allow",
                failedChecks: [], bundleDigest: digest, evaluatedAt: evaluatedAt,
                decisionJSON: Data(#"{"outcome":"allow"}"#.utf8), requestJSON: Data("{}".utf8)
            )
            let records = try await store.append(contentsOf: [first, second])
            try #require(records.count == 2)
            #expect(records[0].hash == "60cffd5ede8eb380537b6d12bfcb40d06adef7feb85c67a442b6f50bc0e1004d")
            #expect(records[1].previousHash == records[0].hash)
            #expect(records[1].hash == "c2865fce5ddc39ccb7a22b018246c600ab51a71fa5838995bd52051fdb1f634f")
        }
    }

    @Test("timestamps are fixed-width UTC with milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_780_000_000_123, "2026-05-28T20:26:40.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (Timestamp.validMilliseconds.lowerBound, "0001-01-01T00:00:00.000Z"),
        (Timestamp.validMilliseconds.upperBound, "9999-12-31T23:59:59.999Z"),
    ])
    func timestampText(milliseconds: Int64, text: String) {
        #expect(Timestamp.text(milliseconds: milliseconds) == text)
        #expect(Timestamp.milliseconds(text: text) == milliseconds)
        let date = Timestamp.date(milliseconds: milliseconds)
        #expect(Timestamp.milliseconds(of: date) == milliseconds)
    }

    @Test("malformed timestamp text is rejected", arguments: [
        "2026-05-28T20:26:40Z", "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
        "2026-05-28 20:26:40.123Z", "2026-05-28T24:00:00.000Z", "0000-01-01T00:00:00.000Z",
    ])
    func timestampRejects(text: String) {
        #expect(Timestamp.milliseconds(text: text) == nil)
    }

    @Test("failed checks are stored as a JSON array with escaping")
    func failedChecksText() {
        #expect(JSONText.stringArray([]) == "[]")
        #expect(JSONText.stringArray(["a.b", #"q"uote"#, "tab\there", "ü"]) == #"["a.b","q\"uote","tab\there","ü"]"#)
        #expect(JSONText.stringArray(["\u{01}"]) == #"["\u0001"]"#)
    }
}
