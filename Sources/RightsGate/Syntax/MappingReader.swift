/// Structured, diagnosing access to a YAML mapping: every key is looked up by name, and keys nobody asked
/// for are reported as unknown with a did-you-mean hint. This is how a typo like `fail_when:` surfaces
/// instead of silently dropping a condition.
struct MappingReader {
    let mapping: YAMLMapping
    /// What the mapping is, for messages ("check `x`", "fact schema").
    let context: String

    init?(_ node: YAMLNode, context: String, allowed: [String], diagnostics: inout [Diagnostic]) {
        guard case let .mapping(mapping) = node else {
            diagnostics.append(.error(
                .structureExpectedMapping, "\(context) must be a mapping, found \(node.kindDescription)",
                at: node.location))
            return nil
        }
        self.init(mapping, context: context, allowed: allowed, diagnostics: &diagnostics)
    }

    init(_ mapping: YAMLMapping, context: String, allowed: [String], diagnostics: inout [Diagnostic]) {
        self.mapping = mapping
        self.context = context
        for entry in mapping.entries where !allowed.contains(entry.key.value) {
            let help = Suggestions.didYouMean(entry.key.value, among: allowed)
                ?? "allowed keys: \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
            diagnostics.append(.error(
                .structureUnknownKey, "unknown key `\(entry.key.value)` in \(context)", at: entry.key.span,
                help: help))
        }
    }

    var location: SourceLocation { mapping.location }

    subscript(key: String) -> YAMLNode? { mapping[key] }

    func keyLocation(_ key: String) -> SourceLocation? {
        mapping.entries.first { $0.key.value == key }?.key.span
    }

    /// The node for a key that must be present; reports it missing otherwise.
    func required(_ key: String, diagnostics: inout [Diagnostic], help: String? = nil) -> YAMLNode? {
        if let node = mapping[key] { return node }
        diagnostics.append(.error(
            .structureMissingKey, "\(context) is missing `\(key)`", at: mapping.location, help: help))
        return nil
    }

    /// A scalar value (string form); reports a mapping or list in its place.
    func scalar(_ key: String, diagnostics: inout [Diagnostic]) -> YAMLScalar? {
        guard let node = mapping[key] else { return nil }
        return node.asScalar(what: "`\(key)` in \(context)", diagnostics: &diagnostics)
    }

    func requiredScalar(_ key: String, diagnostics: inout [Diagnostic], help: String? = nil) -> YAMLScalar? {
        guard let node = required(key, diagnostics: &diagnostics, help: help) else { return nil }
        return node.asScalar(what: "`\(key)` in \(context)", diagnostics: &diagnostics)
    }

    func bool(_ key: String, diagnostics: inout [Diagnostic]) -> Bool? {
        guard let scalar = scalar(key, diagnostics: &diagnostics) else { return nil }
        switch scalar.value {
        // Only the two spellings catalogs and expressions accept, so one policy reads the same everywhere.
        case "true": return true
        case "false": return false
        default:
            diagnostics.append(.error(
                .structureInvalidValue, "`\(key)` must be `true` or `false`, found `\(scalar.value)`",
                at: scalar.span))
            return nil
        }
    }

    /// A list of scalars; a single scalar is accepted as a one-element list.
    func scalarList(_ key: String, diagnostics: inout [Diagnostic]) -> [YAMLScalar]? {
        guard let node = mapping[key] else { return nil }
        switch node {
        case let .scalar(s) where s.isNull: return []
        case let .scalar(s): return [s]
        case let .sequence(seq):
            return seq.items.compactMap { $0.asScalar(what: "an item of `\(key)`", diagnostics: &diagnostics) }
        case .mapping:
            diagnostics.append(.error(
                .structureExpectedList, "`\(key)` in \(context) must be a list, found a mapping", at: node.location))
            return nil
        }
    }
}

extension YAMLNode {
    func asScalar(what: String, diagnostics: inout [Diagnostic]) -> YAMLScalar? {
        guard case let .scalar(scalar) = self else {
            diagnostics.append(.error(
                .structureExpectedScalar, "\(what) must be a single value, found \(kindDescription)", at: location))
            return nil
        }
        return scalar
    }

    func asSequence(what: String, diagnostics: inout [Diagnostic]) -> YAMLSequence? {
        switch self {
        case let .sequence(seq): return seq
        case let .scalar(s) where s.isNull: return YAMLSequence(items: [], location: s.location)
        default:
            diagnostics.append(.error(
                .structureExpectedList, "\(what) must be a list, found \(kindDescription)", at: location))
            return nil
        }
    }

    func asMapping(what: String, diagnostics: inout [Diagnostic]) -> YAMLMapping? {
        switch self {
        case let .mapping(m): return m
        case let .scalar(s) where s.isNull: return YAMLMapping(entries: [], location: s.location)
        default:
            diagnostics.append(.error(
                .structureExpectedMapping, "\(what) must be a mapping, found \(kindDescription)", at: location))
            return nil
        }
    }
}
