import Testing
@testable import RightsGate

@Suite("Request decoding")
struct RequestDecoderTests {
    let bundle = Fixtures.mini

    func issues(_ json: String, strict: Bool = false) -> [RequestIssue] {
        var table = bundle.makeFactTable()
        do {
            return try bundle.decode(Array(json.utf8), into: &table, strict: strict)
        } catch {
            return error.issues
        }
    }

    @Test("invalid documents are rejected with code, JSON path and position", arguments: [
        ("", "request.syntax", "$", 1, 1),
        ("   ", "request.syntax", "$", 1, 4),
        ("[1, 2]", "request.not-object", "$", 1, 1),
        ("\"text\"", "request.not-object", "$", 1, 1),
        ("{\"count\": 1,}", "request.syntax", "$", 1, 13),
        ("{'count': 1}", "request.syntax", "$", 1, 2),
        ("{count: 1}", "request.syntax", "$", 1, 2),
        ("{\"count\": 01}", "request.syntax", "$.count", 1, 12),
        ("{\"count\": 1} {}", "request.syntax", "$", 1, 14),
        ("{\"count\": \"3\"}", "request.type", "$.count", 1, 11),
        ("{\"count\": 3.5}", "request.type", "$.count", 1, 11),
        ("{\"count\": 1e3}", "request.type", "$.count", 1, 11),
        ("{\"count\": 99999999999999999999}", "request.type", "$.count", 1, 11),
        ("{\"shared\": 1}", "request.type", "$.shared", 1, 12),
        ("{\"words\": \"a\"}", "request.type", "$.words", 1, 11),
        ("{\"nested\": []}", "request.type", "$.nested", 1, 12),
        ("{\"level\": \"IP\"}", "request.enum-value", "$.level", 1, 11),
        ("{\"levels\": [\"url\", \"dom\"]}", "request.enum-value", "$.levels[1]", 1, 20),
        ("{\"since\": \"2026-02-30\"}", "request.date", "$.since", 1, 11),
        ("{\"seen_at\": \"2026-02-01 noon\"}", "request.datetime", "$.seen_at", 1, 13),
        ("{\"count\": 1, \"count\": 2}", "request.duplicate-key", "$.count", 1, 14),
        ("{\"name\": \"a\\qb\"}", "request.syntax", "$.name", 1, 13),
        ("{\"name\": \"\\ud800\"}", "request.syntax", "$.name", 1, 17),
        ("{\"name\": \"tab\there\"}", "request.syntax", "$.name", 1, 14),
        ("{\"nested\": {\"inner\": {\"value\": true}}}", "request.type", "$.nested.inner.value", 1, 32),
        ("{\"reviewers\": [{\"years\": \"x\"}]}", "request.type", "$.reviewers[0].years", 1, 26),
        ("{\n  \"count\": 1,\n  \"shared\": nul\n}", "request.syntax", "$.shared", 3, 13),
        ("{\"x\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}", "request.too-deep", "$.x", 1, 71),
        ("{\"name\": NaN}", "request.syntax", "$.name", 1, 10),
        ("{\"share\": 1e-400}", "request.type", "$.share", 1, 11),
        ("{\"reviewers\": [{\"years\": null, \"years\": 2}]}", "request.duplicate-key", "$.reviewers[0].years", 1, 32),
        ("{\"id\": \"a\\u0000b\"}", "request.type", "$.id", 1, 8),
        ("{\"id\": \"case\\n42\"}", "request.type", "$.id", 1, 8),
        ("{\"id\": \"case\\u007f42\"}", "request.type", "$.id", 1, 8),
        ("{\"id\": \"case\\u008542\"}", "request.type", "$.id", 1, 8),
        ("{\"id\": \"case\\u009f42\"}", "request.type", "$.id", 1, 8),
    ])
    func rejects(_ json: String, _ code: String, _ path: String, _ line: Int, _ column: Int) {
        let error = issues(json).first { $0.isError }
        #expect(error?.code == code, "\(issues(json))")
        #expect(error?.path == path)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test("request ids with printable characters from any script are accepted", arguments: [
        "ärende-2026/0042", "case\\u00a042", "案件-7", "case \\u00e9t\\u00e9",
    ])
    func printableIDs(_ id: String) {
        #expect(issues("{\"id\": \"\(id)\"}").filter(\.isError).isEmpty, "\(issues("{\"id\": \"\(id)\"}"))")
    }

    @Test("unknown fields are warnings with a did-you-mean, errors when strict")
    func unknownFields() {
        let warnings = issues(#"{"cout": 1, "nested": {"inner": {"flg": true}}}"#)
        #expect(warnings.map(\.code) == ["request.unknown-field", "request.unknown-field"])
        #expect(warnings.map(\.path) == ["$.cout", "$.nested.inner.flg"])
        #expect(warnings.map(\.help) == ["did you mean `count`?", "did you mean `flag`?"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(issues(#"{"cout": 1}"#, strict: true).first?.severity == .error)
    }

    @Test("error messages never print the offending value")
    func noValuesInMessages() {
        let found = issues(#"{"level": "https://abuse.example/secret-path", "count": "secret-number"}"#)
        #expect(found.count == 2)
        for issue in found {
            #expect(!issue.description.contains("secret"))
        }
    }

    @Test("valid values of every type decode into their slots")
    func decodes() throws {
        let facts = try Fixtures.facts(EvaluatorTests.full)
        let schema = bundle.schema
        #expect(facts.integer(schema.slotIndex("count")!) == 12)
        #expect(facts.decimal(schema.slotIndex("share")!) == 0.5)
        #expect(facts.string(schema.slotIndex("name")!) == "Example")
        #expect(facts.state(schema.slotIndex("maybe_days")!) == .null)
        #expect(facts.state(schema.slotIndex("hash")!) == .null)
        #expect(facts.state(schema.slotIndex("secret")!) == .missing)
        #expect(facts.bool(schema.slotIndex("nested.inner.flag")!) == false)
        #expect(facts.date(schema.slotIndex("since")!) == CivilDate.parseDate("2026-01-01"))
    }

    @Test("strings with escapes, unicode and a BOM decode exactly")
    func strings() throws {
        let facts = try Fixtures.facts("\u{FEFF}" + #"{"name": "Å \"q\" \u00e9 \ud83d\ude00 \/ \n"}"#)
        #expect(facts.string(bundle.schema.slotIndex("name")!) == "Å \"q\" é 😀 / \n")
    }

    @Test("decimals convert exactly like the standard library", arguments: ["0.1", "0.98", "1234.5678", "-0.0001", "1e-7", "3", "123456789012345678", "2.5E3"])
    func decimals(_ text: String) throws {
        let facts = try Fixtures.facts("{\"share\": \(text)}")
        #expect(facts.decimal(bundle.schema.slotIndex("share")!) == Double(text))
    }

    @Test("null on a non-nullable fact is a warning and the fact stays missing")
    func nullNonNullable() {
        let warnings = issues(#"{"count": null}"#)
        #expect(warnings.map(\.code) == ["request.null"])
    }

    @Test("a reused table forgets the previous request")
    func reuse() throws {
        var table = bundle.makeFactTable()
        _ = try bundle.decode(Array(#"{"count": 5, "name": "x"}"#.utf8), into: &table)
        _ = try bundle.decode(Array(#"{"shared": true}"#.utf8), into: &table)
        #expect(table.integer(bundle.schema.slotIndex("count")!) == nil)
        #expect(table.string(bundle.schema.slotIndex("name")!) == nil)
    }
}
