/// One problem found while loading a policy bundle, a request or a test file.
///
/// Diagnostics are collected, never thrown one at a time: loading reports everything it finds, sorted by
/// location, so a reviewer fixes a policy in one pass.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary location that helps explain the problem (e.g. where a duplicate id was first defined).
    public struct Related: Sendable, Hashable {
        public let location: SourceLocation
        public let message: String

        public init(location: SourceLocation, message: String) {
            self.location = location
            self.message = message
        }
    }

    public let severity: Severity
    /// Stable, documented identifier such as `schema.unknown-fact` (see docs/diagnostics.md).
    public let code: DiagnosticCode
    /// Lowercase message naming the offending item in backticks.
    public let message: String
    public let location: SourceLocation?
    /// How to fix it, e.g. a did-you-mean suggestion.
    public let help: String?
    public let related: [Related]

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        help: String? = nil,
        related: [Related] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.help = help
        self.related = related
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, help: String? = nil,
        related: [Related] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, help: help, related: related)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, help: String? = nil,
        related: [Related] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, help: help, related: related)
    }

    public var isError: Bool { severity == .error }

    /// One-line form, `file:line:col: error[code]: message`.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue)[\(code.rawValue)]: \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line and column; diagnostics without a location come first.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? a.offset < b.offset : l < r
            }
        }.map(\.element)
    }

    public var hasErrors: Bool { contains { $0.isError } }
    public var errorCount: Int { count { $0.isError } }
    public var warningCount: Int { count { $0.severity == .warning } }
}

/// Thrown when loading finds at least one error; carries every diagnostic (errors and warnings).
public struct PolicyLoadError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    /// The text of the files read, so the diagnostics can be rendered with their source lines.
    public internal(set) var sourceFiles = SourceFiles()

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sortedByLocation()
    }

    public var description: String {
        let errors = diagnostics.errorCount
        return "policy bundle has \(errors) error\(errors == 1 ? "" : "s")"
    }
}
