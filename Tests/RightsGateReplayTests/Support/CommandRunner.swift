import Foundation
import TestSupport

/// Runs the built `rightsgate` executable, when the build has one next to the test bundle.
enum CommandRunner {
    typealias Result = ChildProcess.Result

    /// The executable: `$RIGHTSGATE_BIN` if set, else the one next to the test bundle in the build directory.
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["RIGHTSGATE_BIN"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        return ChildProcess.built("rightsgate")
    }()

    static func run(_ arguments: [String]) throws -> Result {
        guard let executable else { return Result(status: -1, stdout: "", stderr: "no rightsgate executable") }
        return try ChildProcess.run(executable, arguments, environment: ["COLUMNS": "100"],
                                    directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}
