import RightsGate
internal import Yams

/// A YAML document as a small tree that keeps the line and column of every node.
///
/// Yams' `Decodable` path drops source marks and its `Node` is not `Sendable`, so the mapping file is
/// composed with Yams and converted here, once; nothing else in the target sees a Yams type. Anchors and
/// aliases are refused, as in policy files: a mapping should read top to bottom.
indirect enum LocatedNode {
    case scalar(String, SourceLocation, quoted: Bool)
    case mapping([(key: String, keyLocation: SourceLocation, value: LocatedNode)], SourceLocation)
    case sequence([LocatedNode], SourceLocation)

    var location: SourceLocation {
        switch self {
        case let .scalar(_, location, _), let .mapping(_, location), let .sequence(_, location): location
        }
    }

    /// For messages such as "expected a mapping, found a list".
    var kindDescription: String {
        switch self {
        case let .scalar(value, _, quoted): !quoted && (value.isEmpty || value == "~" || value == "null") ? "an empty value" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// Parses `text`; YAML errors become diagnostics located at libyaml's mark.
    static func parse(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> LocatedNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return convert(node, file: file, diagnostics: &diagnostics)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(error, file: file))
        } catch {
            diagnostics.append(.error(.yamlSyntax, "cannot parse YAML: \(error)", at: .file(file)))
        }
        return nil
    }

    private static func location(_ mark: Mark?, file: String) -> SourceLocation {
        guard let mark else { return .file(file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private static func convert(_ node: Node, file: String, diagnostics: inout [Diagnostic]) -> LocatedNode? {
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return .scalar(scalar.string, location(scalar.mark, file: file), quoted: quoted)
        case let .mapping(mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: LocatedNode)] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    diagnostics.append(.error(.structureExpectedScalar, "a mapping key must be a plain name",
                                              at: location(key.mark, file: file)))
                    continue
                }
                guard let converted = convert(value, file: file, diagnostics: &diagnostics) else { continue }
                entries.append((keyScalar.string, location(keyScalar.mark, file: file), converted))
            }
            return .mapping(entries, location(mapping.mark, file: file))
        case let .sequence(sequence):
            var items: [LocatedNode] = []
            for item in sequence {
                if let converted = convert(item, file: file, diagnostics: &diagnostics) { items.append(converted) }
            }
            return .sequence(items, location(sequence.mark, file: file))
        case let .alias(alias):
            diagnostics.append(.error(.yamlAlias, "YAML anchors and aliases are not supported in mapping files",
                                      at: location(alias.mark, file: file), help: "write the value out in full"))
            return nil
        }
    }

    private static func diagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .error(.yamlSyntax, problem, at: location(mark, file: file),
                          help: "check the indentation and quoting on this line")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return .error(.yamlDuplicateKey, "duplicate key \(keys) in the same mapping",
                          at: location(context.mark, file: file), help: "each key may appear once in a mapping")
        default:
            return .error(.yamlSyntax, "cannot parse YAML: \(error)", at: .file(file))
        }
    }
}
