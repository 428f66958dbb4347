import Foundation

/// An input opened for reading, with the format it is read in.
struct OpenedInput {
    var source: any RecordSource
    let format: InputFormat
    /// The descriptor to close when done (not standard input, not a CSV stream, which closes itself).
    let descriptor: Int32?

    func close() {
        if let descriptor { _ = Foundation.close(descriptor) }
    }
}

extension ReplayEngine {
    /// Opens an input and settles its format: the one given, else by name and first bytes.
    func open(_ input: ReplayInput, file: String) throws(ReplayError) -> OpenedInput {
        let isStdin = input.path == "-"
        if input.format == .dsaSOR || (input.format == nil && input.path.lowercased().hasSuffix(".csv")) {
            let source = try CSVRowSource(path: isStdin ? "/dev/stdin" : input.path, display: file)
            return OpenedInput(source: source, format: .dsaSOR, descriptor: nil)
        }
        let descriptor = isStdin ? STDIN_FILENO : Foundation.open(input.path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(file: file, String(cString: strerror(errno))) }
        var lines = LineSource(descriptor: descriptor, file: file)
        let format: InputFormat
        if let given = input.format {
            format = given
        } else {
            let head: [UInt8]
            do { head = try lines.peek() } catch {
                if !isStdin { _ = Foundation.close(descriptor) }
                throw error
            }
            format = InputFormat.detect(path: input.path, head: head)
        }
        guard format == .dsaSOR else {
            return OpenedInput(source: lines, format: format, descriptor: isStdin ? nil : descriptor)
        }
        if isStdin { throw .input(file: file, "looks like CSV; pass `--input-format dsa-sor` to read statements of reasons from standard input") }
        _ = Foundation.close(descriptor)
        let source = try CSVRowSource(path: input.path, display: file)
        return OpenedInput(source: source, format: .dsaSOR, descriptor: nil)
    }
}
