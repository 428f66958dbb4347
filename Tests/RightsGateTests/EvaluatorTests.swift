import Testing
@testable import RightsGate

@Suite("Three-valued evaluation")
struct EvaluatorTests {
    let harness = ExpressionHarness(bundle: Fixtures.mini)
    static let full = """
        {"id": "r1", "kind": "block", "level": "ip", "other_level": "ip", "shared": true, "count": 12, "share": 0.5,
         "name": "Example", "since": "2026-01-01", "seen_at": "2026-11-01T12:00:00Z", "maybe_days": null,
         "levels": ["url", "ip"], "words": ["a", "b", "c"], "numbers": [1, 2, 3],
         "reviewers": [{"name": "A", "trained": true, "years": 1}, {"name": "B", "trained": true, "years": 3}],
         "hash": null, "nested": {"inner": {"flag": false, "value": 7}}}
        """
    static let empty = #"{"id": "r2"}"#

    @Test("conditions over a complete request", arguments: [
        ("shared", Tri.yes),
        ("count > 10", .yes),
        ("count >= 12 and count <= 12", .yes),
        ("share > 0.5", .no),
        ("share >= 0.5", .yes),
        ("share < count", .yes),
        ("count / 24 == 0.5", .yes),
        ("level == \"ip\"", .yes),
        ("level != other_level", .no),
        ("level in [\"url\", \"ip\"]", .yes),
        ("level not in [\"url\", \"ip\"]", .no),
        ("level in broad_levels", .yes),
        ("\"url\" in levels", .yes),
        ("\"platform\" in levels", .no),
        ("level_info[level].rank == 3", .yes),
        ("level_info[level].label == \"network address\"", .yes),
        ("since < \"2026-06-01\"", .yes),
        ("seen_at > since", .yes),
        ("days_since(since) == 333", .yes),
        ("days_between(since, seen_at) == 304", .yes),
        ("since + 10 == \"2026-01-11\"", .yes),
        ("as_of() == \"2026-11-30\"", .yes),
        ("maybe_days is null", .yes),
        ("maybe_days is not null", .no),
        ("maybe_days is missing", .yes),
        ("hash is null", .yes),
        ("hash.source == \"police\"", .unknown),
        ("nested.inner.value == 7", .yes),
        ("nested.inner.flag", .no),
        ("len(words) == 3 and len(name) == 7", .yes),
        ("any(r in reviewers where r.years >= 2)", .yes),
        ("all(r in reviewers where r.trained)", .yes),
        ("all(r in reviewers where r.years >= 2)", .no),
        ("none(r in reviewers where r.years > 5)", .yes),
        ("count(r in reviewers where r.trained) == 2", .yes),
        ("any(n in numbers where n * 2 == 6)", .yes),
        ("contains(lower(name), \"xam\") and starts_with(name, \"Ex\") and ends_with(name, \"le\")", .yes),
        ("max(count, 20) == 20 and min(share, 0.1) == 0.1 and abs(-count) == 12", .yes),
        ("wide_block", .yes),
        ("-count < 0", .yes),
    ])
    func complete(_ text: String, _ expected: Tri) throws {
        #expect(try harness.evaluate(text, Self.full) == expected)
    }

    @Test("missing facts make conditions unknown, except where logic decides anyway", arguments: [
        ("shared", Tri.unknown),
        ("not shared", .unknown),
        ("count > 10", .unknown),
        ("name is missing", .yes),
        ("name is present", .no),
        ("maybe_days is null", .unknown),
        ("level in [\"ip\"]", .unknown),
        ("len(words) == 0", .unknown),
        ("any(r in reviewers where r.trained)", .unknown),
        ("days_since(since) > 3", .unknown),
        ("level_info[level].narrow", .unknown),
    ])
    func missing(_ text: String, _ expected: Tri) throws {
        #expect(try harness.evaluate(text, Self.empty) == expected)
    }

    @Test("Kleene logic: false and unknown is false, true or unknown is true", arguments: [
        ("name is present and shared", Tri.no),
        ("name is missing or shared", .yes),
        ("shared and name is present", .no),
        ("shared or name is missing", .yes),
        ("not (shared and name is present)", .yes),
    ])
    func kleene(_ text: String, _ expected: Tri) throws {
        #expect(try harness.evaluate(text, Self.empty) == expected)
    }

    @Test("arithmetic that overflows or divides by zero is unknown, never false", arguments: [
        ("count * 9223372036854775807 > 0", #"{"count": 2}"#),
        ("count + 9223372036854775807 > 0", #"{"count": 2}"#),
        ("share / count > 0", #"{"count": 0, "share": 1}"#),
        ("abs(count) > 0", #"{"count": -9223372036854775808}"#),
        ("since + count > \"2026-01-01\"", #"{"since": "2026-01-01", "count": 9223372036854775807}"#),
        ("since - count > \"2026-01-01\"", #"{"since": "2026-01-01", "count": -9223372036854775808}"#),
        ("since - count < \"2026-01-01\"", #"{"since": "2026-01-01", "count": 9223372036854775807}"#),
        ("since + count > \"2026-01-01\"", #"{"since": "2026-01-01", "count": 2147483647}"#),
        ("seen_at + count > since", #"{"seen_at": "2026-01-01T00:00:00Z", "since": "2026-01-01", "count": 106751991167301}"#),
    ])
    func arithmeticErrors(_ text: String, _ json: String) throws {
        #expect(try harness.evaluate(text, json) == .unknown)
    }

    @Test("days are counted from date-times at the ends of the range without overflowing", arguments: [
        ("days_since(seen_at - count) > 30", Tri.yes),
        ("days_between(seen_at - count, seen_at) == 106751991167300", .yes),
        ("days_between(seen_at, seen_at - count) == -106751991167300", .yes),
        ("days_between(seen_at - count, since) == 106751991167300", .yes),
    ])
    func extremeDays(_ text: String, _ expected: Tri) throws {
        let json = #"{"seen_at": "1970-01-01T00:00:00Z", "since": "1970-01-01", "count": 106751991167300}"#
        #expect(try harness.evaluate(text, json) == expected)
    }

    @Test("quantifiers over lists with unknown elements", arguments: [
        ("any(r in reviewers where r.trained)", #"{"reviewers": [{"name": "A"}, {"trained": true}]}"#, Tri.yes),
        ("any(r in reviewers where r.trained)", #"{"reviewers": [{"name": "A"}, {"trained": false}]}"#, .unknown),
        ("all(r in reviewers where r.trained)", #"{"reviewers": [{"name": "A"}, {"trained": false}]}"#, .no),
        ("all(r in reviewers where r.trained)", #"{"reviewers": []}"#, .yes),
        ("any(r in reviewers where r.trained)", #"{"reviewers": []}"#, .no),
        ("count(r in reviewers where r.trained) == 1", #"{"reviewers": [{"name": "A"}, {"trained": true}]}"#, .unknown),
        ("any(r in reviewers where r.name is missing)", #"{"reviewers": [{"trained": true}]}"#, .yes),
    ])
    func quantifiers(_ text: String, _ json: String, _ expected: Tri) throws {
        #expect(try harness.evaluate(text, json) == expected)
    }

    @Test("values format per type")
    func values() throws {
        #expect(try harness.value("count * 1000", Self.full) == "12,000")
        #expect(try harness.value("share", Self.full) == "0.5")
        #expect(try harness.value("levels", Self.full) == "url, ip")
        #expect(try harness.value("since", Self.full) == "2026-01-01")
        #expect(try harness.value("seen_at", Self.full) == "2026-11-01T12:00:00Z")
        #expect(try harness.value("maybe_days", Self.full) == "none")
        #expect(try harness.value("name", Self.empty) == "(not given)")
        #expect(try harness.value("level_info[\"domain\"].label", Self.full) == "none")
    }
}
