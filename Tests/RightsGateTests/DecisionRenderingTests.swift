import Foundation
import Testing
@testable import RightsGate

@Suite("Decision rendering (golden files)")
struct DecisionRenderingTests {
    static let request = """
        {"id": "render-1", "kind": "block", "level": "domain", "shared": true, "count": 3400, "name": "203.0.113.7",
         "share": 0.9, "reviewers": [{"name": "Alice Reviewer", "trained": true}], "words": ["a", "b", "c"],
         "secret": "https://abuse.example/very-secret", "since": "2024-01-01"}
        """

    func decision() throws -> Decision {
        let bundle = Fixtures.mini
        let facts = try Fixtures.facts(Self.request, bundle: bundle)
        let evaluation = bundle.evaluate(facts, asOf: CalendarDay("2026-11-30")!)
        return Decision(evaluation: evaluation, id: "00000000-0000-7000-8000-000000000000", evaluatedAt: Date(timeIntervalSince1970: 1_796_000_000.123))
    }

    /// The digest depends on the bytes of the fixture bundle; it is pinned separately below.
    func stable(_ text: String) -> String {
        text.replacing(Fixtures.mini.digest, with: "sha256:<bundle>").replacing(String(Fixtures.mini.digest.prefix(19)), with: "sha256:<bundle>")
    }

    @Test("JSON decision (rightsgate.decision/v1)")
    func json() throws {
        let text = DecisionJSON.render(try decision(), language: "en")
        assertSnapshot(stable(text), named: "decision-json-en")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["outcome"] as? String == "deny")
        // `reported-item` reads `secret` and shows it, and the reviewers' sensitive names, in its texts.
        #expect(text.contains(#""check":"reported-item""#))
        #expect(!text.contains("very-secret") && !text.contains("abuse.example"), "sensitive facts must never appear in a decision")
        #expect(!text.contains("Alice Reviewer"), "sensitive fields of objects in lists must never appear in a decision")
        #expect(text.contains(#""explanation":"The item [redacted] (33 characters) was seen by {name: [redacted], trained: yes}.""#))
        #expect(text.contains(#""remedy":"Check [redacted] again.""#))
        #expect(text.contains(#""reviewers":[{"name":"[redacted]","trained":true}]"#))
    }

    @Test("text decision in English and Swedish")
    func text() throws {
        let d = try decision()
        let en = DecisionText.render(d, language: "en"), sv = DecisionText.render(d, language: "sv")
        assertSnapshot(stable(en), named: "decision-text-en")
        assertSnapshot(stable(sv), named: "decision-text-sv")
        for text in [en, sv] {
            #expect(!text.contains("very-secret") && !text.contains("Alice Reviewer"), "sensitive facts must never appear in a decision")
        }
        #expect(sv.contains("Materialet [maskerad] (33 tecken) sågs av {name: [maskerad], trained: ja}."))
    }

    @Test("summary line")
    func summary() throws {
        #expect(DecisionSummary.render(try decision().evaluation) == #"{"id":"render-1","outcome":"deny","fired":["graded","lenient-missing","reported-item","simple"]}"#)
    }

    @Test("the same request gives the same bytes apart from id and time")
    func deterministic() throws {
        let bundle = Fixtures.mini
        let facts = try Fixtures.facts(Self.request, bundle: bundle)
        let day = CalendarDay("2026-11-30")!
        let a = DecisionJSON.render(Decision(evaluation: bundle.evaluate(facts, asOf: day), id: "x", evaluatedAt: Date(timeIntervalSince1970: 0)))
        let b = DecisionJSON.render(Decision(evaluation: bundle.evaluate(facts, asOf: day), id: "x", evaluatedAt: Date(timeIntervalSince1970: 0)))
        #expect(a == b)
    }

    @Test("decision bytes do not depend on how the bundle path is spelled")
    func bundlePathSpelling() throws {
        let spellings = [Fixtures.relativePath("mini"), Fixtures.path("mini") + "/", Fixtures.path("mini") + "/./", "./" + Fixtures.relativePath("mini")]
        let day = CalendarDay("2026-11-30")!
        var rendered: [String] = []
        for directory in spellings {
            let bundle = try BundleLoader.load(directory: directory)
            let facts = try Fixtures.facts(Self.request, bundle: bundle)
            let decision = Decision(evaluation: bundle.evaluate(facts, asOf: day), id: "x", evaluatedAt: Date(timeIntervalSince1970: 0))
            rendered.append(DecisionJSON.render(decision) + DecisionText.render(decision))
        }
        #expect(Set(rendered).count == 1, "\(rendered.map { $0.prefix(2000) })")
        #expect(rendered[0].contains(#""location":{"file":"checks/all.yaml","line":5,"column":17}"#))
        #expect(rendered[0].contains("Rule: checks/all.yaml:5:17"))
    }

    @Test("request digest ignores key order, whitespace and unknown fields")
    func requestDigest() throws {
        let bundle = Fixtures.mini
        let day = CalendarDay("2026-11-30")!
        let a = try Fixtures.facts(#"{"count": 1, "name": "x"}"#)
        let b = try Fixtures.facts("{ \"name\" : \"x\",\n \"extra\": 5, \"count\":1 }")
        #expect(Decision(evaluation: bundle.evaluate(a, asOf: day)).requestDigest == Decision(evaluation: bundle.evaluate(b, asOf: day)).requestDigest)
        let c = try Fixtures.facts(#"{"count": 2, "name": "x"}"#)
        #expect(Decision(evaluation: bundle.evaluate(a, asOf: day)).requestDigest != Decision(evaluation: bundle.evaluate(c, asOf: day)).requestDigest)
    }

    @Test("masked requests hide sensitive facts by redaction or keyed hash")
    func masking() throws {
        let d = try decision()
        let redacted = d.maskedRequest(.redact)
        #expect(redacted.contains(#""secret":"[redacted]""#))
        #expect(redacted.contains(#""reviewers":[{"name":"[redacted]","trained":true}]"#))
        let hashed = d.maskedRequest(.keyedHash(key: Array("k".utf8)))
        #expect(hashed.contains(#""secret":"hmac-sha256:"#))
        #expect(hashed.contains(#""reviewers":[{"name":"hmac-sha256:"#))
        #expect(!hashed.contains("very-secret") && !hashed.contains("Alice Reviewer"))
        #expect(d.maskedRequest(.none).contains("very-secret") && d.maskedRequest(.none).contains("Alice Reviewer"))
    }

    @Test("decision ids are UUIDv7 and time-ordered")
    func ids() {
        let a = DecisionID.make(milliseconds: 1_000), b = DecisionID.make(milliseconds: 2_000)
        #expect(a.count == 36 && a[a.index(a.startIndex, offsetBy: 14)] == "7")
        #expect(a < b)
    }
}
