import Foundation
import TestSupport

/// Runs the built `rightsgate` executable as a user would, from the repository root, capturing its output
/// and exit status.
struct CLIRunner {
    typealias Result = ChildProcess.Result

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let executable: URL = ChildProcess.built("rightsgate") ?? repository.appendingPathComponent(".build/debug/rightsgate")

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try ChildProcess.run(executable, arguments, stdin: stdin, environment: environment, directory: repository)
    }
}
