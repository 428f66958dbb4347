import Foundation
import Testing

/// The editor JSON Schemas in docs/schema/ must accept every shipped policy and registry file (so editors
/// validate them without false alarms) and reject malformed ones; shipped files must point editors to them.
@Suite("Editor JSON Schema for policy files")
struct PolicySchemaTests {
    func validate(_ paths: [String]) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/validate-policy-schema.py"] + paths
        process.currentDirectoryURL = CLIRunner.repository
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    @Test("every shipped policy and source file validates against the schema")
    func shipped() throws {
        let result = try validate(["policies", "seeds/sources", "Benchmarks/proportionality-12"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(" 0 problems"))
    }

    @Test("a malformed policy file is rejected with its path")
    func malformed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bad = "checks:\n  - id: x\n    title: {en: T, sv: T}\n    fail_when: a\n    outcome: forbid\n"
        try bad.write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try validate([directory.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("checks/0"))
    }

    @Test("shipped policy files reference the schema for editors")
    func referencesSchema() throws {
        let root = CLIRunner.repository.appendingPathComponent("policies")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var missing: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".yaml"), !relative.hasPrefix("tests/"), !relative.hasPrefix("replay/") else { continue }
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            if !text.hasPrefix("# yaml-language-server: $schema=") { missing.append(relative) }
        }
        #expect(missing.isEmpty, "files without a schema reference: \(missing)")
    }
}
