import Foundation
import Testing

/// Every file under fixtures/bad/ must be rejected with exit status 65 and a located message: never a
/// crash, never a decision.
@Suite("Bad inputs are rejected, never decided")
struct BadInputTests {
    static let badFiles: [String] = {
        let directory = CLIRunner.repository.appendingPathComponent("fixtures/bad")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }()

    @Test("the corpus is not empty")
    func corpusExists() {
        #expect(Self.badFiles.count >= 30)
    }

    @Test("each bad input exits 65 with an error naming a position", arguments: badFiles)
    func rejected(_ name: String) throws {
        let result = try CLIRunner.run(["evaluate", "--as-of", "2026-11-30", "--format", "json", "fixtures/bad/\(name)"])
        #expect(result.status == 65, "\(name): status \(result.status)\n\(result.stderr)")
        #expect(!result.stdout.contains("\"outcome\""), "\(name) must not produce a decision")
        #expect(result.stderr.contains("error["), "\(name): \(result.stderr)")
    }
}
