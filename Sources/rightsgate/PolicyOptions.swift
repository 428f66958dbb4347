import ArgumentParser
import Foundation
import RightsGate

/// `--policies DIR`, shared by every command that loads a bundle.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The policy bundle directory.",
        discussion: "Default: $RIGHTSGATE_POLICIES, else ./policies, else the policies/ of the RightsGate checkout this binary was built from.",
        valueName: "dir"))
    var policies: String?

    /// The directory to load, following the documented order of defaults.
    func resolvedDirectory() -> String {
        if let policies { return policies }
        if let env = ProcessInfo.processInfo.environment["RIGHTSGATE_POLICIES"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "policies/bundle.yaml") { return "policies" }
        return Self.builtInDirectory
    }

    /// The repository's own `policies/`, located from this source file at build time.
    static var builtInDirectory: String {
        let source = URL(fileURLWithPath: #filePath)
        return source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("policies").path
    }

    /// Loads the bundle or prints every diagnostic and exits 65.
    func load(color: Bool = Terminal.stderrIsTerminal) throws -> PolicyBundle {
        let directory = resolvedDirectory()
        let report = BundleLoader.report(directory: directory)
        guard let bundle = report.bundle else {
            let renderer = DiagnosticRenderer(sources: report.sourceFiles, useColor: color)
            Terminal.writeError(renderer.render(report.diagnostics))
            Terminal.writeError("error: the policy bundle `\(directory)` has errors; nothing was evaluated\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        return bundle
    }
}

extension PolicyOptions {
    /// The language to render in: `requested`, which the bundle must declare, or the bundle's default. A
    /// language it does not declare would give its English texts under another language's name, so it is
    /// refused (exit 64) rather than let through.
    static func language(_ requested: String?, declaredBy bundle: PolicyBundle) throws -> String {
        guard let requested else { return bundle.defaultLanguage }
        guard bundle.languages.contains(requested) else {
            let declared = bundle.languages.map { "`\($0)`" }.joined(separator: ", ")
            Terminal.writeError("error: --lang `\(requested)` is not a language of the bundle `\(bundle.name)`, which declares \(declared)\n")
            throw ExitCode(ExitStatus.usage)
        }
        return requested
    }
}

/// Exit statuses shared by the commands (DESIGN.md §4).
enum ExitStatus {
    static let usage: Int32 = 64
    static let invalidInput: Int32 = 65
    static let internalError: Int32 = 70
    static let testsFailed: Int32 = 1
}
