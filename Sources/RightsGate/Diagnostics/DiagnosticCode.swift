/// A stable identifier for a kind of diagnostic. Tools and tests match on it; the message may be reworded.
///
/// Every code is listed, with an example, in `docs/diagnostics.md`.
public struct DiagnosticCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // YAML and file structure
    public static let yamlSyntax = DiagnosticCode("yaml.syntax")
    public static let yamlDuplicateKey = DiagnosticCode("yaml.duplicate-key")
    public static let yamlAlias = DiagnosticCode("yaml.alias")
    public static let fileUnreadable = DiagnosticCode("file.unreadable")
    public static let structureExpectedMapping = DiagnosticCode("structure.expected-mapping")
    public static let structureExpectedList = DiagnosticCode("structure.expected-list")
    public static let structureExpectedScalar = DiagnosticCode("structure.expected-scalar")
    public static let structureUnknownKey = DiagnosticCode("structure.unknown-key")
    public static let structureMissingKey = DiagnosticCode("structure.missing-key")
    public static let structureInvalidValue = DiagnosticCode("structure.invalid-value")

    // Bundle
    public static let bundleManifest = DiagnosticCode("bundle.manifest")
    public static let bundleDuplicateSection = DiagnosticCode("bundle.duplicate-section")
    public static let bundleNoChecks = DiagnosticCode("bundle.no-checks")

    // Fact schema
    public static let schemaUnknownType = DiagnosticCode("schema.unknown-type")
    public static let schemaInvalidName = DiagnosticCode("schema.invalid-name")
    public static let schemaEnumValues = DiagnosticCode("schema.enum-values")
    public static let schemaUnknownFact = DiagnosticCode("schema.unknown-fact")

    // Expressions
    public static let exprSyntax = DiagnosticCode("expr.syntax")
    public static let exprTypeMismatch = DiagnosticCode("expr.type-mismatch")
    public static let exprUnknownEnumValue = DiagnosticCode("expr.unknown-enum-value")
    public static let exprUnknownName = DiagnosticCode("expr.unknown-name")
    public static let exprUnknownFunction = DiagnosticCode("expr.unknown-function")
    public static let exprArity = DiagnosticCode("expr.arity")
    public static let exprNotNullable = DiagnosticCode("expr.not-nullable")
    public static let exprInvalidLiteral = DiagnosticCode("expr.invalid-literal")
    public static let exprTooComplex = DiagnosticCode("expr.too-complex")

    // Catalogs and definitions
    public static let catalogDuplicate = DiagnosticCode("catalog.duplicate")
    public static let catalogUnknownEntry = DiagnosticCode("catalog.unknown-entry")
    public static let catalogUnknownAttribute = DiagnosticCode("catalog.unknown-attribute")
    public static let catalogAttributeType = DiagnosticCode("catalog.attribute-type")
    public static let catalogNameClash = DiagnosticCode("catalog.name-clash")
    public static let definitionDuplicate = DiagnosticCode("definition.duplicate")
    public static let definitionCycle = DiagnosticCode("definition.cycle")

    // Checks
    public static let checkDuplicateID = DiagnosticCode("check.duplicate-id")
    public static let checkInvalidID = DiagnosticCode("check.invalid-id")
    public static let checkMissingTranslation = DiagnosticCode("check.missing-translation")
    public static let checkEffectiveDates = DiagnosticCode("check.effective-dates")
    public static let checkNoCitation = DiagnosticCode("check.no-citation")
    public static let templateSyntax = DiagnosticCode("template.syntax")
    public static let templateUnknownFact = DiagnosticCode("template.unknown-fact")

    // Lint (warnings)
    public static let lintMissingTranslation = DiagnosticCode("lint.missing-translation")

    // Sources
    public static let sourceUnresolved = DiagnosticCode("source.unresolved")
    public static let sourceUnknownPinpoint = DiagnosticCode("source.unknown-pinpoint")
    public static let sourceDuplicate = DiagnosticCode("source.duplicate")

    // Policy tests
    public static let testInvalid = DiagnosticCode("test.invalid")
    public static let testUnknownCheck = DiagnosticCode("test.unknown-check")
    public static let testRequest = DiagnosticCode("test.request")
}
