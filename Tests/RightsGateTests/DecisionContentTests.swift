import Foundation
import Testing
@testable import RightsGate

/// What a decision says must be true and stay small: texts for a check that could not be assessed, the
/// value shown for a group of facts, and the size of the values a request can push into a decision.
@Suite("Decision content")
struct DecisionContentTests {
    static let bundle: PolicyBundle = {
        let schema = """
            facts:
              id: string
              count: integer
              score: decimal
              words: list of string
              hash:
                type: object
                nullable: true
                fields:
                  source: {type: enum, values: [police, ncmec]}
              nested:
                inner:
                  flag: bool

            """
        let checks = """
            checks:
              - id: ratio
                title: {en: Ratio, sv: Kvot}
                fails_when: score / count > 2
                outcome: escalate
                on_missing: allow_with_conditions
                explanation: {en: "Ratio {score / count}.", sv: "Kvot {score / count}."}
                remedy: {en: Lower the score., sv: Sänk poängen.}
              - id: hashed
                title: {en: Hashed, sv: Hashad}
                fails_when: hash is present and nested.inner is present
                outcome: deny
                explanation: {en: "Hash from {hash.source}; words {words}.", sv: "Hash från {hash.source}; ord {words}."}
                remedy: {en: Remove the hash., sv: Ta bort hashen.}

            """
        do {
            let directory = try Fixtures.writeBundle([
                "bundle.yaml": "bundle: {name: content, version: '1'}\n", "schema.yaml": schema, "checks/c.yaml": checks,
            ])
            return try BundleLoader.load(directory: directory)
        } catch {
            fatalError("content bundle: \(error)")
        }
    }()

    func json(_ request: String, language: String = "en") throws -> String {
        let facts = try Fixtures.facts(request, bundle: Self.bundle)
        let decision = Decision(evaluation: Self.bundle.evaluate(facts, asOf: CalendarDay("2026-11-30")!), id: "x",
                                evaluatedAt: Date(timeIntervalSince1970: 0))
        return DecisionJSON.render(decision, language: language) + "\n" + DecisionText.render(decision, language: language)
    }

    @Test("a check unknown with nothing missing says so neutrally and asks for no facts", arguments: ["en", "sv"])
    func unknownWithNothingMissing(_ language: String) throws {
        // Division by zero: every fact is given, yet the check cannot be decided.
        let text = try json(#"{"id": "u", "count": 0, "score": 5}"#, language: language)
        #expect(text.contains(#""check":"ratio","status":"unknown""#))
        #expect(!text.contains("Provide .") && !text.contains("Ange ."), "\(text)")
        #expect(!text.contains("exception") && !text.contains("undantag"), "the check has no exceptions: \(text)")
        let explanation = language == "sv"
            ? "Kan inte bedömas: de givna uppgifterna räcker inte för att avgöra kontrollen (ett värde kunde inte beräknas ur dem)."
            : "Cannot be assessed: the facts given do not settle the check (a value could not be computed from them)."
        #expect(text.contains(#""explanation":"\#(explanation)""#))
        let remedy = language == "sv" ? "Sänk poängen." : "Lower the score."
        #expect(text.contains(#""conditions":[{"check":"ratio","condition":"\#(remedy)"}]"#), "\(text)")
        #expect(text.contains(#""missing":[]"#))
    }

    @Test("a check unknown because a fact is missing names it and asks for it")
    func unknownWithMissingFact() throws {
        let text = try json(#"{"id": "u", "count": 2}"#)
        #expect(text.contains("Cannot be assessed: `score` is not given in the request."))
        #expect(text.contains(#""condition":"Provide `score`. Lower the score.""#))
    }

    @Test("a check unknown only because an exception might apply says that")
    func unknownException() throws {
        let facts = try Fixtures.facts(#"{"id": "e", "share": 0.9, "reviewers": [{"name": "A"}]}"#)
        let decision = Decision(evaluation: Fixtures.mini.evaluate(facts, asOf: CalendarDay("2026-11-30")!))
        let text = DecisionJSON.render(decision)
        #expect(text.contains("Cannot be assessed: the check fails, but the facts given do not settle whether an exception applies."), "\(text)")
    }

    @Test("a given group of facts is not shown as an empty object: its members show under their own paths")
    func groups() throws {
        let given = try json(#"{"id": "g", "hash": {"source": "police"}, "nested": {"inner": {"flag": true}}}"#)
        #expect(given.contains(#""check":"hashed","status":"failed""#))
        #expect(given.contains(#""facts":{"hash.source":"police"}"#), "\(given)")
        #expect(!given.contains(#""hash":{}"#) && !given.contains(#""nested.inner":{}"#), "\(given)")
        #expect(given.contains("Facts: hash.source = police\n"), "\(given)")
    }

    @Test("long lists and long texts inside them are cut in facts and in texts")
    func bounded() throws {
        let word = String(repeating: "w", count: 5000)
        let words = "[" + Array(repeating: "\"\(word)\"", count: 1000).joined(separator: ",") + "]"
        let text = try json(#"{"id": "b", "hash": {"source": "police"}, "nested": {"inner": {"flag": true}}, "words": \#(words)}"#)
        #expect(text.utf8.count < 40_000, "\(text.utf8.count) bytes")
        #expect(text.contains(#""… (1000 items)"]"#))
        #expect(text.contains("… (5000 characters)"))
        #expect(text.contains(", … (1000 items)."), "the explanation's `{words}` is cut too")
    }
}
