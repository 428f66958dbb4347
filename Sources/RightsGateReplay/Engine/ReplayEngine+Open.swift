import Foundation

/// An input opened for reading, with the format it is read in.
struct OpenedInput {
    var source: any RecordSource
    let format: InputFormat
    /// The descriptor to close when done (not standard input).
    let descriptor: Int32?

    func close() {
        if let descriptor { _ = Foundation.close(descriptor) }
    }
}

extension ReplayEngine {
    /// Opens an input and settles its format: the one given, else by name and first line.
    func open(_ input: ReplayInput, file: String) throws(ReplayError) -> OpenedInput {
        let isStdin = input.path == "-"
        let descriptor = try InputFile.open(input.path, display: file)
        let owned = isStdin ? nil : descriptor
        do throws(ReplayError) {
            if input.format == .dsaSOR || (input.format == nil && input.path.lowercased().hasSuffix(".csv")) {
                return OpenedInput(source: try CSVRowSource(descriptor: descriptor, file: file), format: .dsaSOR, descriptor: owned)
            }
            var lines = LineSource(descriptor: descriptor, file: file)
            let format: InputFormat
            if let given = input.format { format = given } else { format = InputFormat.detect(path: input.path, head: try lines.peekFirstLine()) }
            guard format == .dsaSOR else { return OpenedInput(source: lines, format: format, descriptor: owned) }
            // Detection read the first bytes; CSV is read from the start again, which a pipe cannot do.
            guard !isStdin, lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw ReplayError.input(file: file, "looks like CSV; pass `--input-format dsa-sor` to read statements of reasons from a pipe")
            }
            return OpenedInput(source: try CSVRowSource(descriptor: descriptor, file: file), format: .dsaSOR, descriptor: owned)
        } catch {
            if let owned { _ = Foundation.close(owned) }
            throw error
        }
    }
}
