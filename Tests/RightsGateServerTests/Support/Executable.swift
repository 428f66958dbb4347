import Foundation
import TestSupport

/// Runs the built `rightsgate` executable (a dependency of this test target) as a user would.
enum Executable {
    typealias Result = ChildProcess.Result

    /// The executable sits next to the test bundle in the build directory.
    static let url: URL = ChildProcess.built("rightsgate") ?? Fixtures.repository.appendingPathComponent(".build/debug/rightsgate")

    /// Runs `rightsgate` with `arguments` to completion.
    static func run(_ arguments: [String], stdin: Data? = nil) async throws -> Result {
        try await Command.run(url, arguments, stdin: stdin)
    }
}

/// Runs any program to completion, capturing its output.
enum Command {
    /// Runs the program on a Dispatch thread: waiting for a child blocks, and the tests' cooperative
    /// threads (two on a two-core machine) must stay free for the servers under test.
    static func run(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        directory: URL = Fixtures.repository
    ) async throws -> Executable.Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try ChildProcess.run(executable, arguments, stdin: stdin, environment: environment, directory: directory)
                })
            }
        }
    }

    /// The full path of a program on PATH, or nil.
    static func find(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
