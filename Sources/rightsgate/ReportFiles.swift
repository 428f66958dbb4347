import ArgumentParser
import Foundation

/// Reading and writing the report files `replay` and `report merge` are given.
///
/// A path that cannot be read or written is a problem with how the command was called, not with any data:
/// both commands exit 64 and name the path, whichever of them meets it.
enum ReportFiles {
    /// Writes `text` to `path` atomically, or says why not and exits 64.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Terminal.writeError("error: cannot write `\(path)`: \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// The bytes of `path`, or says why not (missing, a directory, not readable) and exits 64.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) { return data }
        let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "permission denied"
        Terminal.writeError("error: cannot read `\(path)`: \(reason)\n")
        throw ExitCode(ExitStatus.usage)
    }
}
