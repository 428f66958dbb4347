import Foundation
import HummingbirdTesting
import RightsGate
import Testing

/// The same decision from every door: the library, `rightsgate evaluate --format json` and the HTTP
/// service give byte-identical decision JSON for the same request and bundle, apart from `decision_id`
/// and `evaluated_at`.
@Suite struct SameDecisionTests {
    static let cases: [(String, String)] = [
        ("allow", Fixtures.allowRequest), ("deny", Fixtures.denyRequest),
        ("unknowns", #"{"id":"sparse","kind":"block","level":"ip"}"#),
    ]

    @Test(arguments: ["en", "sv"])
    func libraryCLIAndHTTPAgree(_ language: String) async throws {
        try await Fixtures.withTemporaryDirectory { directory in
            for (name, request) in Self.cases {
                let library = try DecisionBytes.library(request, language: language)

                let file = directory.appendingPathComponent("\(name).json")
                try request.write(to: file, atomically: true, encoding: .utf8)
                let cli = try await Executable.run(["evaluate", "--policies", Fixtures.miniBundle, "--format", "json",
                                              "--lang", language, file.path])
                #expect([0, 10, 20, 30].contains(cli.status), "\(cli.stderr)")

                let http = try await TestGate.run { client, _ in
                    try await client.post("/v1/decisions?lang=\(language)", request).text
                }

                let expected = DecisionBytes.normalised(library)
                #expect(DecisionBytes.normalised(cli.stdout) == expected, "CLI differs for \(name)")
                #expect(DecisionBytes.normalised(http) == expected, "HTTP differs for \(name)")
                #expect(!expected.isEmpty)
            }
        }
    }
}
