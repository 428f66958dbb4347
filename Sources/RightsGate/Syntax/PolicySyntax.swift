/// The policy syntax tree: what the YAML files say, with a location on every part, before names are
/// resolved or expressions type-checked. Built by ``PolicyFileParser``; consumed by the compiler passes.

/// A value with the place it was written.
struct Located<Value: Sendable>: Sendable {
    let value: Value
    let location: SourceLocation
}

/// Text in several languages, e.g. `{en: "...", sv: "..."}`.
struct LocalizedTextSyntax: Sendable {
    let texts: [String: Located<String>]
    /// The same texts with their position maps, for templates whose placeholders need precise locations.
    let sources: [String: ScalarSource]
    let location: SourceLocation
}

/// An expression or template written as a YAML scalar, with the map from value offsets to file positions.
struct ScalarSource: Sendable {
    let scalar: YAMLScalar
    let positions: ScalarPositions

    var text: String { scalar.value }
    var location: SourceLocation { scalar.span }
}

struct BundleManifestSyntax: Sendable {
    let name: Located<String>
    let version: Located<String>
    let description: String?
    let sources: [Located<String>]
    let languages: [Located<String>]
    let testDirectories: [Located<String>]
    let location: SourceLocation
}

/// A type as written in the schema: a name (`integer`, `Outcome`), `list of X`, or a mapping.
indirect enum TypeSyntax: Sendable {
    case named(Located<String>)
    case enumeration(values: [Located<String>], location: SourceLocation)
    case list(of: TypeSyntax, location: SourceLocation)
    case object(fields: [FactSyntax], location: SourceLocation)

    var location: SourceLocation {
        switch self {
        case let .named(n): n.location
        case let .enumeration(_, l), let .list(_, l), let .object(_, l): l
        }
    }
}

/// One declared fact (a field of the request) or named type.
struct FactSyntax: Sendable {
    let name: Located<String>
    let type: TypeSyntax
    let nullable: Bool
    let sensitive: Bool
    let description: String?
    /// Carried for the record (logs, statements of reasons, reports) rather than read by checks.
    var informational = false
}

struct CatalogSyntax: Sendable {
    struct Attribute: Sendable {
        let name: Located<String>
        let type: TypeSyntax
        let nullable: Bool
    }

    struct Entry: Sendable {
        let key: Located<String>
        let attributes: YAMLMapping?
    }

    let name: Located<String>
    let description: String?
    let key: TypeSyntax
    let attributes: [Attribute]
    let entries: [Entry]
    /// True when entries were written as a list of keys: the catalog is a set.
    let isSet: Bool
}

struct DefinitionSyntax: Sendable {
    let name: Located<String>
    let expression: ScalarSource
}

struct CitationSyntax: Sendable {
    let source: Located<String>
    let pinpoint: Located<String>?
    let location: SourceLocation
}

struct FailureRuleSyntax: Sendable {
    let when: ScalarSource
    let outcome: Located<String>
    let explanation: LocalizedTextSyntax?
    let remedy: LocalizedTextSyntax?
    let location: SourceLocation
}

struct ExceptionSyntax: Sendable {
    let id: Located<String>
    let when: ScalarSource
    let reason: LocalizedTextSyntax?
    let cites: [CitationSyntax]
}

struct CheckSyntax: Sendable {
    let id: Located<String>
    let title: LocalizedTextSyntax?
    let description: LocalizedTextSyntax?
    let appliesWhen: ScalarSource?
    let failureRules: [FailureRuleSyntax]
    let onMissing: Located<String>?
    /// Explanation and remedy templates keyed by language, parsed for `{fact.path}` placeholders later.
    let explanation: LocalizedTextSyntax?
    let remedy: LocalizedTextSyntax?
    let cites: [CitationSyntax]
    let exceptions: [ExceptionSyntax]
    let effectiveFrom: Located<String>?
    let effectiveUntil: Located<String>?
    let mode: Located<String>?
    let tags: [Located<String>]
    let location: SourceLocation
}

/// Everything one policy file contributes to the bundle.
struct PolicyFileSyntax: Sendable {
    var manifest: BundleManifestSyntax?
    var types: [FactSyntax] = []
    var facts: [FactSyntax]?
    var factsLocation: SourceLocation?
    var catalogs: [CatalogSyntax] = []
    var definitions: [DefinitionSyntax] = []
    var checks: [CheckSyntax] = []
}
