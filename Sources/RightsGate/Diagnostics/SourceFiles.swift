
/// The text of every file a load read, kept so diagnostics and explanations can quote source lines.
///
/// Immutable once loading is done; `Sendable` because it is a value holding only strings.
public struct SourceFiles: Sendable {
    private var files: [String: [Substring]] = [:]

    public init() {}

    mutating func add(path: String, text: String) {
        files[path] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }

    mutating func merge(_ other: SourceFiles) {
        files.merge(other.files) { a, _ in a }
    }

    /// The 1-based line `number` of `path`, without its line terminator.
    public func line(_ number: Int, of path: String) -> String? {
        guard let lines = files[path], number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }
}
