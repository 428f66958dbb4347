import Foundation
import Testing

@Suite("Authoring tools: policy book, diff, lint formats, coverage (end to end)")
struct AuthoringCommandTests {
    static let mini = "Tests/RightsGateTests/Fixtures/mini"

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rg-authoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the policy book is written as self-contained HTML and Markdown in both languages")
    func book() throws {
        let out = try temporaryDirectory()
        let result = try CLIRunner.run(["docs", "--policies", Self.mini, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["index.html", "index.sv.html", "sources.html", "sources.sv.html", "book.en.md", "book.sv.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Simple check"))
        #expect(html.contains("Applies when</dt><dd>is block (<code>kind</code> is block)</dd>"))
        #expect(html.contains("<code>shared</code> is true or <code>count</code> is more than 10"))
        #expect(html.contains("a narrow, complete request is allowed — passes"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http"), "the book must not load anything from the network")
        #expect(HTMLAudit.problems(in: html) == [])
        let sv = try String(contentsOf: out.appendingPathComponent("index.sv.html"), encoding: .utf8)
        #expect(sv.contains("Gäller när</dt><dd>is block (<code>kind</code> är block)</dd>"))
        let sources = try String(contentsOf: out.appendingPathComponent("sources.html"), encoding: .utf8)
        #expect(sources.contains("Cited by</dt><dd><ul><li><a href=\"checks/simple.html\">Simple check</a> (§ 1)</li>"))
        #expect(HTMLAudit.problems(in: sources) == [])
        let page = try String(contentsOf: out.appendingPathComponent("checks/simple.sv.html"), encoding: .utf8)
        #expect(page.contains("<h2>Enkel kontroll</h2>") && page.contains("href=\"../sources.sv.html#test-source\""))
    }

    @Test("nothing from the policy files becomes markup in the book: ids, texts and URLs are escaped")
    func bookEscapesPolicyText() throws {
        let bundle = try temporaryDirectory()
        let sourceID = #"src" onmouseover="alert(1)" x="<b>"#
        let pinpoint = #"" onclick="alert(1) <u>"#
        let files = [
            "bundle.yaml": "bundle: {name: t, version: '1', languages: [en], sources: [sources.yaml]}\n",
            "sources.yaml": """
                sources:
                  - id: '\(sourceID)'
                    kind: practice-report
                    title: T
                    citation: "T"
                    date: 2026-01-01
                    url: "javascript:alert(1)"
                    verified: true
                    pinpoints:
                      - {ref: '\(pinpoint)', verified: true, about: "<script>alert(1)</script>"}
                    summary: {en: s}

                """,
            "policy.yaml": """
                facts:
                  id: string
                  flag: bool
                checks:
                  - id: c
                    title: {en: "<i>T</i>"}
                    fails_when: flag
                    outcome: deny
                    explanation: {en: E}
                    remedy: {en: R}
                    cites: [{source: '\(sourceID)', pinpoint: '\(pinpoint)'}]
                    exceptions:
                      - id: e1
                        when: not flag
                        reason: {en: "<img src=x onerror=alert(1)>"}
                        cites: ['\(sourceID)']

                """,
        ]
        for (name, text) in files { try text.write(to: bundle.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let out = try temporaryDirectory()
        let result = try CLIRunner.run(["docs", "--policies", bundle.path, "--out", out.path, "--no-tests"])
        #expect(result.status == 0, "\(result.stderr)")
        let pages = ["index.html", "sources.html", "checks/c.html"]
        for name in pages {
            let html = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            for problem in HTMLAudit.problems(in: html) { Issue.record("\(name): \(problem)") }
        }
        // The escaped ids still link up: the citation's fragment, decoded, is the source section's id.
        let page = try String(contentsOf: out.appendingPathComponent("checks/c.html"), encoding: .utf8)
        let sources = try String(contentsOf: out.appendingPathComponent("sources.html"), encoding: .utf8)
        let fragment = try #require(page.firstMatch(of: /href="\.\.\/sources\.html#([^"]*)"/)?.1)
        #expect(fragment.removingPercentEncoding == sourceID)
        #expect(sources.contains("<section class=\"check\" id=\"\(HTMLAudit.escape(sourceID))\">"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test("the policy book opens in headless Chromium and shows a check")
    func bookInChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("chromium is not installed: `apt-get install -y chromium` (.ci/run installs it)")
            return
        }
        let out = try temporaryDirectory()
        _ = try CLIRunner.run(["docs", "--policies", Self.mini, "--out", out.path])
        let page = out.appendingPathComponent("index.html")
        let screenshot = out.appendingPathComponent("book.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600",
                             "--screenshot=\(screenshot.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        #expect(size > 10_000, "the screenshot is empty or missing")

        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: chromium)
        dump.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--dump-dom", page.absoluteString]
        let pipe = Pipe()
        dump.standardOutput = pipe
        dump.standardError = FileHandle.nullDevice
        try dump.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        dump.waitUntilExit()
        #expect(dom.contains("<h2>Simple check</h2>"))
    }

    @Test("diff reports exactly the planted changes, in text and JSON")
    func diff() throws {
        let copy = try temporaryDirectory().appendingPathComponent("mini")
        try FileManager.default.copyItem(at: CLIRunner.repository.appendingPathComponent(Self.mini), to: copy)
        let checks = copy.appendingPathComponent("checks/all.yaml")
        var text = try String(contentsOf: checks, encoding: .utf8)
        // 1. an outcome changes, 2. a citation is added, 3. a check is renamed (same conditions).
        text = text.replacing("    fails_when: shared or count > 10\n    outcome: deny", with: "    fails_when: shared or count > 10\n    outcome: escalate")
        text = text.replacing("    cites: [test-source]", with: "    cites: [test-source, {source: test-source, pinpoint: \"§ 2\"}]")
        text = text.replacing("  - id: shadowed", with: "  - id: shadow-renamed")
        try text.write(to: checks, atomically: true, encoding: .utf8)
        // Reformatting is not a change.
        let schema = copy.appendingPathComponent("schema.yaml")
        let schemaText = try String(contentsOf: schema, encoding: .utf8)
        try schemaText.replacing("  Kind: {type: enum, values: [block, notice, order]}", with: "  Kind:\n    type: enum\n    values: [block, notice, order]").write(to: schema, atomically: true, encoding: .utf8)

        let result = try CLIRunner.run(["diff", Self.mini, copy.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("3 changes; past decisions could change"), "\(result.stdout)")
        #expect(result.stdout.contains("outcome-changed          simple: outcome: deny → escalate  [alters decisions]"))
        #expect(result.stdout.contains("citation-added           conditional: cites Test source, 2026, § 2"))
        #expect(result.stdout.contains("check-renamed            shadowed: renamed to `shadow-renamed`"))

        let json = try CLIRunner.run(["diff", "--format", "json", Self.mini, copy.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let kinds = (object?["changes"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }.sorted()
        #expect(kinds == ["check-renamed", "citation-added", "outcome-changed"])
        #expect(object?["alters_decisions"] as? Bool == true)

        let same = try CLIRunner.run(["diff", Self.mini, Self.mini])
        #expect(same.status == 0)
        #expect(same.stdout.contains("no semantic changes"))
    }

    @Test("schema changes that break requests are flagged")
    func breakingSchema() throws {
        let copy = try temporaryDirectory().appendingPathComponent("mini")
        try FileManager.default.copyItem(at: CLIRunner.repository.appendingPathComponent(Self.mini), to: copy)
        let schema = copy.appendingPathComponent("schema.yaml")
        let text = try String(contentsOf: schema, encoding: .utf8)
            .replacing("  other_level: Level\n", with: "")
            .replacing("  Kind: {type: enum, values: [block, notice, order]}", with: "  Kind: {type: enum, values: [block, notice, order, stay_down]}")
        try text.write(to: schema, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["diff", Self.mini, copy.path])
        #expect(result.stdout.contains("fact-removed             other_level: fact removed: requests that send it get an unknown-field warning (an error with --strict)  [alters decisions, breaks requests]"), "\(result.stdout)")
        #expect(result.stdout.contains("enum-value-added         kind: value `stay_down` added\n"))
        #expect(result.stdout.contains("some requests the old schema accepted are now rejected"))
    }

    @Test("check --format json and sarif")
    func lintFormats() throws {
        let json = try CLIRunner.run(["check", "--format", "json", "Tests/RightsGateTests/Fixtures/lint"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["warnings"] as? Int ?? 0) >= 12)
        let sarif = try CLIRunner.run(["check", "--format", "sarif", "Tests/RightsGateTests/Fixtures/broken"])
        #expect(sarif.status == 65)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 13)
        #expect(results.contains { $0["ruleId"] as? String == "schema.unknown-fact" })
    }

    @Test("coverage lists uncovered items and --min-coverage fails below the threshold")
    func coverage() throws {
        let result = try CLIRunner.run(["test", "--coverage", Self.mini])
        #expect(result.status == 0)
        #expect(result.stdout.contains("coverage: "))
        #expect(result.stdout.contains("all.yaml:20:15: `graded` never failed through rule 2 (escalate)"))
        let strict = try CLIRunner.run(["test", "--min-coverage", "100", Self.mini])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("error: coverage"))
    }
}
