import Foundation
import Testing

/// The shipped Swedish pack: loads without errors or warnings, passes its own policy tests with full legal
/// coverage, and decides the acceptance cases the way a careful lawyer would.
@Suite("The shipped policy pack")
struct PolicyPackTests {
    func decision(_ fixture: String) throws -> [String: Any] {
        let result = try CLIRunner.run(["evaluate", "--policies", "policies", "--as-of", "2026-11-30", "--format", "json", "fixtures/actions/\(fixture).json"])
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    @Test("rightsgate check --strict: no errors, no warnings (lint included)")
    func clean() throws {
        let result = try CLIRunner.run(["check", "--strict", "policies"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("0 errors, 0 warnings"))
    }

    @Test("rightsgate test --min-coverage 100: every test passes, every rule, pass and exception is reached")
    func tests() throws {
        let result = try CLIRunner.run(["test", "--min-coverage", "100", "policies"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("coverage: 100.0%"))
    }

    @Test("removing a test file drops coverage below 100 and lists what is uncovered")
    func coverageDrops() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rg-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for directory in ["policies", "fixtures", "seeds"] {
            try FileManager.default.copyItem(at: CLIRunner.repository.appendingPathComponent(directory), to: root.appendingPathComponent(directory))
        }
        let tests = root.appendingPathComponent("policies/tests")
        let files = try FileManager.default.contentsOfDirectory(atPath: tests.path).filter { $0.hasSuffix(".yaml") }.sorted()
        try #require(files.count > 1)
        // Drop the fixture-less targeted tests of one theme: some rule or exception loses its only test.
        let victim = files.first { $0.contains("targeting") } ?? files[0]
        try FileManager.default.removeItem(at: tests.appendingPathComponent(victim))
        let result = try CLIRunner.run(["test", "--min-coverage", "100", root.appendingPathComponent("policies").path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("uncovered:"), "\(result.stdout)")
        #expect(result.stdout.contains("error: coverage"))
    }

    @Test("Kharitonov-like: an IP block shared with thousands of sites is denied, citing Kharitonov")
    func kharitonov() throws {
        let d = try decision("isp-ip-shared-kharitonov")
        #expect(d["outcome"] as? String == "deny")
        let reasons = d["reasons"] as? [[String: Any]] ?? []
        let collateral = reasons.first { $0["check"] as? String == "no-cohosted-collateral" }
        #expect(collateral != nil)
        let sources = (collateral?["sources"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(sources.contains("ecthr-kharitonov"))
        #expect((collateral?["explanation"] as? String)?.contains("3,400") == true)
    }

    @Test("a complete, verified, URL-level CSAM list addition with review and stop page is allowed")
    func canonicalAllowed() throws {
        let d = try decision("isp-add-url-csam-verified-complete")
        #expect(["allow", "allow_with_conditions"].contains(d["outcome"] as? String ?? ""), "\(d["reasons"] ?? "")")
    }

    @Test("a domain block of a newspaper with a publishing certificate is not allowed", arguments: [
        "isp-add-domain-utgivningsbevis-non-image", "isp-add-domain-mass-media-database-non-image",
    ])
    func newspaper(_ fixture: String) throws {
        let d = try decision(fixture)
        #expect(!["allow", "allow_with_conditions"].contains(d["outcome"] as? String ?? ""))
    }

    @Test("the same decision explains itself in Swedish")
    func swedish() throws {
        let result = try CLIRunner.run(["evaluate", "--policies", "policies", "--as-of", "2026-11-30", "--lang", "sv", "--format", "text", "fixtures/actions/isp-ip-shared-kharitonov.json"])
        #expect(result.stdout.hasPrefix("NEKA"))
        #expect(result.stdout.contains("Rättskälla:"))
        #expect(result.stdout.contains("3\u{00A0}400"))
    }
}
