import Foundation
import Testing

/// The README's set-up block is the first thing a new user runs; it must work as written.
@Suite("README commands")
struct ReadmeCommandTests {
    static func readme() throws -> String {
        try String(contentsOf: CLIRunner.repository.appendingPathComponent("README.md"), encoding: .utf8)
    }

    @Test("the main command in 'Set up on a fresh machine' runs and exits 30 with a denial, as the README says")
    func mainCommand() throws {
        let text = try Self.readme()
        let setUp = try #require(text.range(of: "## Set up on a fresh machine"), "README lost its set-up section")
        let command = try #require(
            text[setUp.upperBound...].split(separator: "\n").first { $0.hasPrefix("swift run rightsgate ") },
            "no `swift run rightsgate` line in the set-up section")
        let arguments = command.dropFirst("swift run rightsgate ".count).split(separator: " ").map(String.init)
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 30, "\(command)\n\(result.stderr)")
        #expect(result.stdout.contains("deny"), "\(result.stdout.prefix(400))")
        #expect(text.contains("It exits `30` because the action is denied"))
    }

    @Test("every fixture and policy file the README names exists")
    func namedFilesExist() throws {
        let text = try Self.readme()
        let pattern = try NSRegularExpression(pattern: #"(?:fixtures|policies|seeds|docs|scripts)/[A-Za-z0-9_./-]*[A-Za-z0-9_]"#)
        let paths = Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        })
        #expect(paths.count > 5)
        let missing = paths.filter {
            !FileManager.default.fileExists(atPath: CLIRunner.repository.appendingPathComponent($0).path)
        }
        #expect(missing.isEmpty, "README names files that do not exist: \(missing.sorted())")
    }
}
