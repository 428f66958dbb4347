public import RightsGate

/// Thrown when a replay mapping file cannot be used; carries every diagnostic found, located by file,
/// line and column, and the file's text so they render with the source line and a caret.
public struct MappingLoadError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public let sourceFiles: SourceFiles

    public init(diagnostics: [Diagnostic], sourceFiles: SourceFiles) {
        self.diagnostics = diagnostics.sortedByLocation()
        self.sourceFiles = sourceFiles
    }

    public var description: String {
        let errors = diagnostics.errorCount
        return "replay mapping has \(errors) error\(errors == 1 ? "" : "s")"
    }
}

extension DiagnosticCode {
    /// The mapping file's structure is wrong (a key, a value, a missing section).
    public static let replayMappingStructure = DiagnosticCode(rawValue: "replay.mapping-structure")
    /// A mapping names a fact the bundle's schema does not declare.
    public static let replayMappingUnknownFact = DiagnosticCode(rawValue: "replay.mapping-unknown-fact")
    /// A column the mapping reads is not in an input's header (and is not declared optional).
    public static let replayMappingUnknownColumn = DiagnosticCode(rawValue: "replay.mapping-unknown-column")
    /// A rule refers to a value map that is not declared.
    public static let replayMappingUnknownValueMap = DiagnosticCode(rawValue: "replay.mapping-unknown-value-map")
}
