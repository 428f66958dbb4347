import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// The HTML report is one self-contained file that renders without a network.
@Suite struct HTMLReportTests {
    static func html() throws -> String {
        HTMLReport.render(try ReplayFixtures.run { $0.compareBundle = ReplayFixtures.bundleV2 })
    }

    @Test func selfContained() throws {
        let html = try Self.html()
        #expect(!html.contains("http"), "no reference to anything on a network")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func chartsAndSections() throws {
        let html = try Self.html()
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5, "outcomes, matrix, trend, checks, compare")
        for id in ["outcomes", "matrix", "trend", "checks", "too-little", "disagreements", "mapping", "compare", "invalid", "period"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        #expect(html.contains("The address is shared with other sites."), "a disagreement's explanation")
    }

    @Test func textIsEscaped() {
        #expect(HTMLText.escape(#"<b a="x">&'"#) == "&lt;b a=&quot;x&quot;&gt;&amp;&#39;")
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Fails, rather than skips, without chromium: a skipped check of the report would pass unnoticed, and
    /// the README's test command installs chromium.
    @Test func rendersInHeadlessChromiumWithoutConsoleErrors() throws {
        guard Self.chromium != nil else {
            Issue.record("chromium is not installed, so the HTML report was not rendered: `apt-get install -y chromium` (scripts/test.sh installs it)")
            return
        }
        let file = try ReplayFixtures.temporaryFile(try Self.html(), suffix: ".html")
        defer { ReplayFixtures.remove(file) }
        let process = Process()
        process.executableURL = ReplayFixtures.repository.appendingPathComponent("scripts/check-html.sh")
        process.arguments = [file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/check-html.sh said:\n\(text)")
    }
}
