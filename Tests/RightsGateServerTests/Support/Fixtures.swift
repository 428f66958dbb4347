import Foundation
import RightsGate

/// Paths and requests shared by the server tests. The bundle is a copy of the engine's `mini` fixture,
/// so that changes to the shipped Swedish pack cannot break these tests.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let testDirectory = repository.appendingPathComponent("Tests/RightsGateServerTests")
    static let miniBundle = testDirectory.appendingPathComponent("Fixtures/mini").path

    static func loadMini() throws -> PolicyBundle { try BundleLoader.load(directory: miniBundle) }

    /// Today (UTC) as `YYYY-MM-DD`: the gate evaluates as of today, and `lenient-missing` escalates items
    /// last seen more than a year ago, so an allowed request must be recent.
    static var today: String { CalendarDay.today().description }

    /// Passes every enforced check of `mini`: decided `allow`. `secret` is a sensitive fact.
    static var allowRequest: String {
        #"{"id":"allow-1","kind":"block","level":"url","shared":false,"count":0,"name":"a","share":0.1,"maybe_days":30,"words":[],"since":"\#(today)","secret":"https://abuse.example/item-42"}"#
    }

    /// Fails `simple` (a shared block): decided `deny`.
    static var denyRequest: String {
        #"{"id":"deny-1","kind":"block","level":"url","shared":true,"count":0,"name":"a","share":0.1,"maybe_days":30,"words":[],"since":"\#(today)"}"#
    }

    /// A request with `id` set, otherwise like ``allowRequest`` (or ``denyRequest`` when `deny`).
    static func request(id: String, deny: Bool = false) -> String {
        #"{"id":"\#(id)","kind":"block","level":"url","shared":\#(deny),"count":0,"name":"a","share":0.1,"maybe_days":30,"words":[],"since":"\#(today)"}"#
    }

    /// `level` is not one of the enum's values: a 400 naming `$.level`, line 1, column 38.
    static let invalidEnumRequest = #"{"id":"bad-1","kind":"block","level":"IP"}"#

    /// Not JSON at all.
    static let malformedRequest = "{\"id\": \"bad-2\",\n  \"kind\": \"block\",\n  \"level\": }"

    /// A fresh temporary directory, removed when `body` returns.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("RightsGateServerTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// A copy of `mini` in `directory`, for tests that change the bundle (reloads).
    static func copyMini(into directory: URL) throws -> URL {
        let copy = directory.appendingPathComponent("mini", isDirectory: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: miniBundle), to: copy)
        return copy
    }

    /// Rewrites the `version:` of a bundle copy.
    static func setVersion(_ version: String, of bundle: URL) throws {
        let manifest = bundle.appendingPathComponent("bundle.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "version: 1.0.0", with: "version: \(version)")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
    }

    /// Adds a check that reads an undeclared fact, so the bundle no longer loads.
    static func breakBundle(_ bundle: URL) throws {
        try """
            checks:
              - id: broken-check
                title: {en: Broken, sv: Trasig}
                fails_when: sharedd
                outcome: deny
                explanation: {en: "Broken.", sv: "Trasig."}
                remedy: {en: Fix it., sv: Laga den.}
                cites: [{source: test-source, pinpoint: "§ 1"}]
            """.write(to: bundle.appendingPathComponent("checks/broken.yaml"), atomically: true, encoding: .utf8)
    }

    /// `count` valid checks in one file, to make a bundle that takes a noticeable time to compile.
    static func manyChecks(_ count: Int) -> String {
        var text = "checks:\n"
        for index in 0..<count {
            text += """
                  - id: generated-\(index)
                    title: {en: Generated \(index), sv: Genererad \(index)}
                    fails_when: shared and count > \(index)
                    outcome: escalate
                    explanation: {en: "Generated.", sv: "Genererad."}
                    remedy: {en: Nothing., sv: Inget.}
                    cites: [{source: test-source, pinpoint: "§ 1"}]

                """
        }
        return text
    }
}
