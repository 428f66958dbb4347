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

    /// What identifies the file behind a path (device and inode), so that the same input given twice under
    /// different names is recognised; the path itself when it cannot be examined (opening it will then fail).
    static func identity(of path: String) -> String {
        if path == "-" { return "<stdin>" }
        var info = stat()
        guard stat(path, &info) == 0 else { return "path:\(path)" }
        return "inode:\(info.st_dev):\(info.st_ino)"
    }
}
