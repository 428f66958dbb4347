import Testing

/// The service's commands explain themselves, with examples.
@Suite struct HelpTests {
    @Test(arguments: [["serve"], ["log", "verify"], ["log", "export"], ["token", "generate"], ["token", "hash"]])
    func everyCommandHasHelpWithExamples(_ command: [String]) async throws {
        let result = try await Executable.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: rightsgate \(command.joined(separator: " "))"))
        #expect(result.stdout.contains("Example"))
    }
}
