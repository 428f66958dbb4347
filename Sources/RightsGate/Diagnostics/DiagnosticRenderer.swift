/// Renders diagnostics the way compilers do: a header line, the offending source line, a caret line under
/// the span, and the help. The source text comes from a ``SourceFiles`` cache so rendering never re-reads
/// files that may have changed since loading.
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceFiles
    public var useColor: Bool

    public init(sources: SourceFiles, useColor: Bool = false) {
        self.sources = sources
        self.useColor = useColor
    }

    /// Renders every diagnostic followed by a one-line count, e.g. `3 errors, 1 warning`.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics.sortedByLocation() {
            out += render(diagnostic)
            out += "\n"
        }
        out += Self.summary(diagnostics)
        out += "\n"
        return out
    }

    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = header(diagnostic)
        if let location = diagnostic.location, let line = sources.line(location.line, of: location.file) {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            out += "\n\(gutter) |\n\(number) | \(line)\n\(gutter) | \(caret(for: location, in: line))"
        }
        if let help = diagnostic.help {
            out += "\n  = help: \(help)"
        }
        for related in diagnostic.related {
            out += "\n  = note: \(related.location): \(related.message)"
        }
        return out
    }

    private func header(_ diagnostic: Diagnostic) -> String {
        let prefix = diagnostic.location.map { "\($0): " } ?? ""
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]"
        guard useColor else { return "\(prefix)\(label): \(diagnostic.message)" }
        let color = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        return "\u{1B}[1m\(prefix)\u{1B}[0m\(color)\(label)\u{1B}[0m\u{1B}[1m: \(diagnostic.message)\u{1B}[0m"
    }

    /// Spaces up to the column (keeping tabs so the caret lines up), then one `^` per column of the span,
    /// clipped to the end of the line.
    private func caret(for location: SourceLocation, in line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = min(location.column - 1, scalars.count)
        var pad = ""
        for scalar in scalars[0..<start] { pad.append(scalar == "\t" ? "\t" : " ") }
        let available = max(scalars.count - start, 1)
        return pad + String(repeating: "^", count: min(location.length, available))
    }
}
