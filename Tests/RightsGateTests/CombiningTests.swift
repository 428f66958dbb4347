import Testing
@testable import RightsGate

@Suite("Combining check results into a decision")
struct CombiningTests {
    let bundle = Fixtures.mini

    /// A request that passes every check of the mini bundle; each case overrides some facts.
    static let base: [String: String] = [
        "id": "\"c\"", "kind": "\"block\"", "level": "\"url\"", "shared": "false", "count": "0", "name": "\"a\"",
        "share": "0.1", "maybe_days": "30", "words": "[]", "since": "\"2026-06-01\"",
    ]

    static func request(_ overrides: [String: String?]) -> String {
        var fields = base
        for (key, value) in overrides { fields[key] = value }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    func evaluate(_ overrides: [String: String?], asOf: String = "2026-11-30") throws -> Evaluation {
        let facts = try Fixtures.facts(Self.request(overrides), bundle: bundle)
        return bundle.evaluate(facts, asOf: CalendarDay(asOf)!)
    }

    func status(_ evaluation: Evaluation, _ id: String) -> CheckResult.Status? {
        evaluation.checks.first { $0.check.id == id }?.result.status
    }

    @Test("outcome is the most severe failed or unknown enforced check", arguments: [
        ([String: String?](), Outcome.allow, [String]()),
        (["maybe_days": "120"], .allowWithConditions, ["conditional"]),
        (["level": "\"domain\""], .escalate, ["graded"]),
        (["level": "\"platform\""], .deny, ["graded"]),
        (["shared": "true", "maybe_days": "120"], .deny, ["conditional", "simple"]),
        (["share": "0.9", "reviewers": "[]"], .deny, ["excepted"]),
        (["share": "0.9"], .escalate, []),
        (["since": "\"2020-01-01\""], .escalate, ["lenient-missing"]),
    ])
    func outcomes(_ overrides: [String: String?], _ outcome: Outcome, _ fired: [String]) throws {
        let evaluation = try evaluate(overrides)
        #expect(evaluation.outcome == outcome)
        #expect(evaluation.firedIDs == fired)
    }

    @Test("the first graded rule that holds decides")
    func gradedOrder() throws {
        let evaluation = try evaluate(["level": "\"platform\""])
        let result = evaluation.checks.first { $0.check.id == "graded" }!.result
        #expect(result.outcome == .deny)
        #expect(result.rule == 0)
    }

    @Test("a missing fact escalates by default and never allows")
    func missingEscalates() throws {
        let evaluation = try evaluate(["shared": nil])
        #expect(status(evaluation, "simple") == .unknown)
        #expect(evaluation.outcome == .escalate)
        #expect(evaluation.firedIDs.isEmpty)
    }

    @Test("on_missing can soften unknown to a condition, never to allow")
    func onMissing() throws {
        let evaluation = try evaluate(["since": nil])
        #expect(status(evaluation, "lenient-missing") == .unknown)
        #expect(evaluation.outcome == .allowWithConditions)
    }

    @Test("applies_when false means not applicable; unknown means unknown")
    func applicability() throws {
        #expect(status(try evaluate(["kind": "\"notice\""]), "simple") == .notApplicable)
        let unknown = try evaluate(["kind": nil])
        #expect(status(unknown, "simple") == .unknown)
        #expect(unknown.outcome == .escalate)
    }

    @Test("an exception that holds excuses the failure; one that might hold leaves it unknown")
    func exceptions() throws {
        let excused = try evaluate(["share": "0.9", "reviewers": "[{\"trained\": true, \"years\": 4}]"])
        #expect(status(excused, "excepted") == .excepted)
        #expect(excused.outcome == .allow)
        let undecided = try evaluate(["share": "0.9", "reviewers": "[{\"trained\": true}]"])
        #expect(status(undecided, "excepted") == .unknown)
        #expect(undecided.outcome == .escalate)
        let notExcused = try evaluate(["share": "0.9", "reviewers": "[{\"trained\": false, \"years\": 9}]"])
        #expect(status(notExcused, "excepted") == .failed)
        #expect(notExcused.outcome == .deny)
    }

    @Test("shadow checks are reported but never counted")
    func shadow() throws {
        let evaluation = try evaluate(["words": "[\"a\", \"b\", \"c\"]"])
        #expect(status(evaluation, "shadowed") == .failed)
        #expect(evaluation.outcome == .allow)
        #expect(evaluation.firedIDs.isEmpty)
    }

    @Test("effective dates are honoured against the as-of date")
    func effectiveDates() throws {
        #expect(status(try evaluate([:], asOf: "2026-11-30"), "future") == .notInForce)
        let later = try evaluate([:], asOf: "2030-01-01")
        #expect(status(later, "future") == .failed)
        #expect(later.outcome == .deny)
    }

    @Test("outcome-only evaluation agrees with the full evaluation")
    func outcomeOnly() throws {
        for overrides: [String: String?] in [[:], ["shared": "true"], ["kind": nil], ["maybe_days": "500"]] {
            let facts = try Fixtures.facts(Self.request(overrides), bundle: bundle)
            let day = CalendarDay("2026-11-30")!
            #expect(bundle.outcome(facts, asOf: day) == bundle.evaluate(facts, asOf: day).outcome)
        }
    }
}

/// An unknown result stands for every outcome the missing facts could give: it must not be milder than all
/// of them, nor hide a failure the given facts already make certain.
@Suite("Unknown results and the outcomes they could stand for")
struct UnknownOutcomeTests {
    static let bundle: PolicyBundle = {
        let policy = """
            facts:
              id: string
              verified: bool
              csam: bool
              minor: bool
              hosted: bool
            checks:
              - id: graded
                title: {en: T}
                on_missing: allow_with_conditions
                fails:
                  - {when: not verified, outcome: escalate}
                  - {when: csam, outcome: deny}
                explanation: {en: E}
                remedy: {en: R}
                cites: [{source: src, pinpoint: p1}]
              - id: stops
                title: {en: T}
                on_missing: allow_with_conditions
                fails:
                  - {when: not verified, outcome: escalate}
                  - {when: minor, outcome: allow_with_conditions}
                  - {when: csam, outcome: deny}
                explanation: {en: E}
                remedy: {en: R}
                cites: [{source: src, pinpoint: p1}]
              - id: applies
                title: {en: T}
                on_missing: allow_with_conditions
                applies_when: hosted
                fails_when: csam
                outcome: deny
                explanation: {en: E}
                remedy: {en: R}
                cites: [{source: src, pinpoint: p1}]

            """
        guard let bundle = try? Fixtures.load(policy: policy).bundle else { fatalError("unknown-outcome bundle") }
        return bundle
    }()

    @Test("status and outcome of each check", arguments: [
        // `verified` missing, `csam` certain: escalate or deny whatever `verified` is, so not the lenient on_missing.
        ("graded", #"{"csam": true}"#, CheckResult.Status.unknown, Outcome.deny),
        ("graded", #"{"csam": false}"#, .unknown, .allowWithConditions),
        ("graded", #"{}"#, .unknown, .deny),
        ("graded", #"{"verified": true, "csam": true}"#, .failed, .deny),
        ("graded", #"{"verified": false, "csam": true}"#, .failed, .escalate),
        // A rule that surely holds ends the search: `csam` after it can never decide.
        ("stops", #"{"minor": true, "csam": true}"#, .unknown, .allowWithConditions),
        ("stops", #"{"minor": false, "csam": true}"#, .unknown, .deny),
        // `hosted` missing: a certain failure if the check applies is not hidden behind on_missing.
        ("applies", #"{"csam": true}"#, .unknown, .deny),
        ("applies", #"{"csam": false}"#, .unknown, .allowWithConditions),
        ("applies", #"{}"#, .unknown, .allowWithConditions),
        ("applies", #"{"hosted": false, "csam": true}"#, .notApplicable, .allow),
    ])
    func result(_ check: String, _ json: String, _ status: CheckResult.Status, _ outcome: Outcome) throws {
        let facts = try Fixtures.facts(json, bundle: Self.bundle)
        let evaluation = Self.bundle.evaluate(facts, asOf: CalendarDay("2026-11-30")!)
        let result = try #require(evaluation.checks.first { $0.check.id == check }?.result)
        #expect(result.status == status)
        #expect(result.outcome == outcome)
    }
}

/// Rule and exception positions are recorded in each result; they must not wrap however many there are.
@Suite("Many rules and exceptions")
struct ManyRulesTests {
    static let bundle: PolicyBundle = {
        let exceptions = (0..<300).map { "      - {id: e\($0), when: n == \(1000 + $0), reason: {en: reason \($0)}}" }
        let rules = (0..<300).map { "      - {when: m == \($0), outcome: \($0 == 200 ? "escalate" : "deny")}" }
        let policy = """
            facts:
              id: string
              n: integer
              m: integer
            checks:
              - id: excepted
                title: {en: T}
                fails_when: n > 0
                outcome: deny
                explanation: {en: E}
                remedy: {en: R}
                cites: [{source: src, pinpoint: p1}]
                exceptions:
            \(exceptions.joined(separator: "\n"))
              - id: graded
                title: {en: T}
                fails:
            \(rules.joined(separator: "\n"))
                explanation: {en: E}
                remedy: {en: R}
                cites: [{source: src, pinpoint: p1}]

            """
        guard let bundle = try? Fixtures.load(policy: policy).bundle else { fatalError("many-rules bundle") }
        return bundle
    }()

    func result(_ check: String, _ json: String) throws -> CheckResult {
        let facts = try Fixtures.facts(json, bundle: Self.bundle)
        let evaluation = Self.bundle.evaluate(facts, asOf: CalendarDay("2026-11-30")!)
        return try #require(evaluation.checks.first { $0.check.id == check }?.result)
    }

    @Test("the exception that applied is the one recorded", arguments: [0, 127, 128, 200, 255, 256, 299])
    func exception(_ index: Int) throws {
        let result = try result("excepted", #"{"n": \#(1000 + index)}"#)
        #expect(result.status == .excepted)
        let position = Int(result.exception)
        #expect(position == index)
        let exceptions = Self.bundle.check(id: "excepted")?.exceptions ?? []
        let reason = exceptions.indices.contains(position) ? exceptions[position].reason?.text("en") : nil
        #expect(reason == "reason \(index)")
    }

    @Test("the rule that decided is the one recorded", arguments: [0, 127, 128, 200, 256, 299])
    func rule(_ index: Int) throws {
        let result = try result("graded", #"{"m": \#(index)}"#)
        #expect(result.status == .failed)
        #expect(Int(result.rule) == index)
        #expect(result.outcome == (index == 200 ? .escalate : .deny))
    }
}
