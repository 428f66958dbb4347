/// A position in a policy file: 1-based line and column (columns count Unicode scalars, as libyaml does),
/// plus the length of the span the diagnostic points at.
///
/// Every syntax node and every compiled check carries one, so that a decision can say exactly which rule
/// produced it and a diagnostic can draw its caret.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path of the file as the user gave it (relative to the working directory when possible).
    public let file: String
    public let line: Int
    public let column: Int
    /// Number of columns the span covers on `line` (at least 1).
    public let length: Int

    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.length = max(length, 1)
    }

    /// A location for problems that concern a whole file rather than a position in it.
    public static func file(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The same position with another span length.
    func with(length: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column, length: length)
    }
}
