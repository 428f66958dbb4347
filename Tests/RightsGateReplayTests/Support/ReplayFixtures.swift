import Foundation
import RightsGate
import RightsGateReplay

/// The replay tests' own bundles and inputs (`Fixtures/`), so the shipped pack can change under them.
enum ReplayFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture path relative to the working directory when possible, so reports do not name the machine.
    static func path(_ relative: String) -> String {
        let full = testsDirectory.appendingPathComponent("Fixtures/\(relative)").path
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return full.hasPrefix(cwd) ? String(full.dropFirst(cwd.count)) : full
    }

    static func input(_ name: String) -> String { path("inputs/\(name)") }

    static let bundle = load("bundle")
    static let bundleV2 = load("bundle-v2")

    static func load(_ name: String) -> PolicyBundle {
        let report = BundleLoader.report(directory: path(name))
        guard let bundle = report.bundle else { fatalError("fixture bundle \(name): \(report.diagnostics)") }
        return bundle
    }

    /// The day the tests pretend it is (for `now` and for undated records).
    static let today = CalendarDay("2026-06-30")!

    static func configuration(bundle: PolicyBundle = bundle, jobs: Int = 2) -> ReplayConfiguration {
        var configuration = ReplayConfiguration(bundle: bundle)
        configuration.today = today
        configuration.parallelism = jobs
        configuration.listLimit = 20
        return configuration
    }

    /// Every fixture input, in a fixed order: proposed actions, a log export, and both CSV column sets.
    static let allInputs = ["actions.jsonl", "log.jsonl", "sor-2024.csv", "sor-2025.csv"]

    static func run(_ inputs: [String] = allInputs, configure: (inout ReplayConfiguration) -> Void = { _ in }) throws(ReplayError) -> ReplayReport {
        var configuration = configuration()
        configure(&configuration)
        return try ReplayEngine(configuration: configuration).run(inputs.map { ReplayInput(path: input($0)) })
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rg-replay-\(UUID().uuidString)\(suffix)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Removes temporary files a test wrote.
    static func remove(_ paths: String...) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    /// `actions.jsonl` repeated until it has at least `count` lines, so batches split across workers.
    static func largeActions(_ count: Int) throws -> String {
        let lines = try String(contentsOfFile: input("actions.jsonl"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Substring] = []
        while out.count < count { out += lines.dropLast() }
        return try temporaryFile(out.joined(separator: "\n") + "\n", suffix: ".jsonl")
    }
}
