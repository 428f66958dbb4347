import Foundation
import Testing
@testable import RightsGate

@Suite("Reading YAML files")
struct YAMLFileTests {
    @Test("nested aliases are rejected without being expanded")
    func billionLaughs() throws {
        // Ten levels of ten aliases each: 10^10 nodes if expanded, about 600 bytes of text.
        var text = "facts:\n  id: string\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure {
            _ = YAMLFile.parse(path: "laughs.yaml", text: text, diagnostics: &diagnostics)
        }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(diagnostics.map(\.code) == [.yamlAlias])
        #expect(diagnostics.first?.location == SourceLocation(file: "laughs.yaml", line: 3, column: 5))
    }

    @Test("a character YAML does not allow is reported at its line and column")
    func readerErrorPosition() {
        let text = "facts:\n  id: string\n  x: bool\n  y: \"a\u{01}b\"\n"
        var diagnostics: [Diagnostic] = []
        let file = YAMLFile.parse(path: "p.yaml", text: text, diagnostics: &diagnostics)
        _ = file
        let diagnostic = diagnostics.first
        #expect(diagnostic?.code == .yamlSyntax)
        #expect(diagnostic?.message == "control characters are not allowed (U+0001)")
        #expect(diagnostic?.location == SourceLocation(file: "p.yaml", line: 4, column: 8))
        #expect(diagnostic?.help == "YAML does not allow the character U+0001 here; delete it, or write it as the escape `\\u0001` inside a double-quoted string")
    }

    @Test("a reader error after CRLF lines and non-ASCII text is placed on its line")
    func readerErrorAfterCRLF() {
        let text = "facts:\r\n  id: string\r\n  å: \"ö\u{07}\"\r\n"
        var diagnostics: [Diagnostic] = []
        _ = YAMLFile.parse(path: "p.yaml", text: text, diagnostics: &diagnostics)
        #expect(diagnostics.first?.location == SourceLocation(file: "p.yaml", line: 3, column: 8))
    }

    @Test("a file broken by a YAML error does not also make the bundle lack what it declared")
    func noSpuriousMissingSchema() throws {
        let directory = try Fixtures.writeBundle([
            "bundle.yaml": "bundle: {name: t, version: '1', languages: [en]}\n",
            "schema.yaml": "facts:\n  id: string\n  flag: bool\n  flag: bool\n",
        ])
        let report = BundleLoader.report(directory: directory)
        #expect(report.bundle == nil)
        #expect(report.diagnostics.filter(\.isError).map(\.code) == [.yamlDuplicateKey])
    }
}
