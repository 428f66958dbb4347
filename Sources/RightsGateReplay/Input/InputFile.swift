import Foundation

/// Opening an input: the one place where "cannot be read" is decided, so every format says it the same
/// way (exit 64, with the file name), whether the path is missing, unreadable or a directory.
enum InputFile {
    /// A descriptor for `path` (standard input for `-`).
    static func open(_ path: String, display: String) throws(ReplayError) -> Int32 {
        if path == "-" { return STDIN_FILENO }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(file: display, String(cString: strerror(errno))) }
        // `open` succeeds on a directory; only the first read would fail, with a less helpful message.
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            _ = Foundation.close(descriptor)
            throw .unreadable(file: display, "is a directory")
        }
        return descriptor
    }

}
