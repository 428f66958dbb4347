internal import Yams

/// Our own YAML tree, converted from Yams' node tree at the boundary.
///
/// Yams' `Node` is not `Sendable` and its `Decodable` path drops source marks, so policy files are composed
/// with Yams (libyaml) and immediately converted to this tree, which keeps a ``SourceLocation`` on every
/// node. Nothing outside `Syntax/` sees a Yams type.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    var location: SourceLocation {
        switch self {
        case let .scalar(s): s.location
        case let .mapping(m): m.location
        case let .sequence(s): s.location
        }
    }

    /// What the node is, for messages like "expected a list, found a mapping".
    var kindDescription: String {
        switch self {
        case let .scalar(s): s.isNull ? "an empty value" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

struct YAMLScalar: Sendable {
    enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }

    let value: String
    let style: Style
    let location: SourceLocation

    /// A plain `~`, `null` or empty scalar: YAML's null.
    var isNull: Bool {
        style == .plain && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }

    /// The location spanning the scalar's text when it sits on one line.
    var span: SourceLocation {
        let length = value.unicodeScalars.count + (style == .singleQuoted || style == .doubleQuoted ? 2 : 0)
        return value.contains("\n") ? location : location.with(length: max(length, 1))
    }
}

struct YAMLMapping: Sendable {
    struct Entry: Sendable {
        let key: YAMLScalar
        let value: YAMLNode
    }

    let entries: [Entry]
    let location: SourceLocation

    subscript(key: String) -> YAMLNode? {
        entries.first { $0.key.value == key }?.value
    }
}

struct YAMLSequence: Sendable {
    let items: [YAMLNode]
    let location: SourceLocation
}

/// A parsed YAML file: its tree (nil for an empty file), its text, and the problems found.
struct YAMLFile: Sendable {
    let path: String
    let text: String
    let root: YAMLNode?

    /// Parses `text` (read from `path`) with libyaml through Yams. YAML errors, duplicate keys and anchors
    /// become diagnostics instead of exceptions, so the caller can continue with other files.
    static func parse(path: String, text: String, diagnostics: inout [Diagnostic]) -> YAMLFile {
        if let (line, column) = YAMLAliasScan.firstAnchorOrAlias(in: text) {
            diagnostics.append(Converter.aliasDiagnostic(at: SourceLocation(file: path, line: line, column: column)))
            return YAMLFile(path: path, text: text, root: nil)
        }
        do {
            // The parser must outlive the conversion: nodes hold their anchors weakly and the parser owns them.
            let parser = try Yams.Parser(yaml: text)
            guard let node = try parser.singleRoot() else {
                return YAMLFile(path: path, text: text, root: nil)
            }
            var converter = Converter(path: path)
            let root = withExtendedLifetime(parser) { converter.convert(node) }
            diagnostics.append(contentsOf: converter.diagnostics)
            return YAMLFile(path: path, text: text, root: converter.diagnostics.hasErrors ? nil : root)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, path: path, text: text))
        } catch {
            diagnostics.append(.error(.yamlSyntax, "cannot parse YAML: \(error)", at: .file(path)))
        }
        return YAMLFile(path: path, text: text, root: nil)
    }

    private static func diagnostic(for error: YamlError, path: String, text: String) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: path, line: mark.line, column: mark.column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let related = context.map {
                [Diagnostic.Related(location: location($0.mark), message: $0.text)]
            } ?? []
            return .error(
                .yamlSyntax, problem, at: location(mark),
                help: "check the indentation and quoting on this line; expressions containing `: ` or starting with a quote must be quoted as a whole",
                related: related)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return .error(
                .yamlDuplicateKey, "duplicate key \(keys) in the same mapping", at: location(context.mark),
                help: "each key may appear once in a mapping; merge the two entries or rename one")
        case let .reader(problem, offset, value, _):
            // The text was already checked to be UTF-8, so a reader error is a character YAML does not allow
            // (a control character, a stray BOM…). Yams gives its offset in characters of the text.
            let place = offset.flatMap { Self.location(ofCharacter: $0, in: text, path: path) } ?? .file(path)
            guard value >= 0, let scalar = Unicode.Scalar(UInt32(value)) else {
                return .error(.yamlSyntax, problem, at: place)
            }
            let code = Self.hex(scalar)
            return .error(
                .yamlSyntax, "\(problem) (U+\(code))", at: place,
                help: "YAML does not allow the character U+\(code) here; delete it, or write it as the escape `\\u\(code)` inside a double-quoted string")
        default:
            return .error(.yamlSyntax, "cannot parse YAML: \(error)", at: .file(path))
        }
    }

    /// The line and column (in Unicode scalars, as libyaml counts them) of the character at `offset`.
    private static func location(ofCharacter offset: Int, in text: String, path: String) -> SourceLocation? {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return nil }
        var line = 1, column = 1
        for scalar in text.unicodeScalars[..<index] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: path, line: line, column: column)
    }

    /// At least four upper-case hex digits, as in `U+0001`.
    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Converts Yams nodes. Anchors and aliases (which make a policy harder to read aloud and can expand
    /// exponentially) are rejected by ``YAMLAliasScan`` before composing; as a second guard, the converter
    /// never descends into an anchored node, which is what every alias resolves to.
    private struct Converter {
        let path: String
        var diagnostics: [Diagnostic] = []
        var reportedAnchor = false

        init(path: String) { self.path = path }

        mutating func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return .file(path) }
            return SourceLocation(file: path, line: mark.line, column: mark.column)
        }

        static func aliasDiagnostic(at location: SourceLocation) -> Diagnostic {
            .error(
                .yamlAlias, "YAML anchors and aliases are not supported in policy files", at: location,
                help: "write the value out in full, or use a named definition")
        }

        mutating func convert(_ node: Node) -> YAMLNode {
            if node.anchor != nil {
                if !reportedAnchor {
                    reportedAnchor = true
                    diagnostics.append(Self.aliasDiagnostic(at: location(node.mark)))
                }
                return .scalar(YAMLScalar(value: "", style: .plain, location: location(node.mark)))
            }
            switch node {
            case let .scalar(scalar):
                return .scalar(YAMLScalar(value: scalar.string, style: Self.style(scalar.style), location: location(scalar.mark)))
            case let .mapping(mapping):
                var entries: [YAMLMapping.Entry] = []
                for (key, value) in mapping {
                    guard case let .scalar(keyScalar) = convert(key) else {
                        diagnostics.append(.error(
                            .structureExpectedScalar, "mapping keys must be plain names", at: location(key.mark)))
                        continue
                    }
                    entries.append(.init(key: keyScalar, value: convert(value)))
                }
                return .mapping(YAMLMapping(entries: entries, location: location(mapping.mark)))
            case let .sequence(sequence):
                return .sequence(YAMLSequence(items: sequence.map { convert($0) }, location: location(sequence.mark)))
            case .alias:
                // Yams resolves aliases while composing; an unresolved one is an error above.
                diagnostics.append(.error(.yamlAlias, "YAML aliases are not supported in policy files", at: location(node.mark)))
                return .scalar(YAMLScalar(value: "", style: .plain, location: location(node.mark)))
            }
        }

        static func style(_ style: Node.Scalar.Style) -> YAMLScalar.Style {
            switch style {
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            case .plain, .any: .plain
            }
        }
    }
}
