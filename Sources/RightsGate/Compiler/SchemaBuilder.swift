/// Compiler pass 1: builds the ``FactSchema`` and the named types from the `types:` and `facts:` sections.
struct SchemaBuilder {
    static let builtinTypes: [String: ValueType] = [
        "bool": .bool, "integer": .integer, "decimal": .decimal, "string": .string, "date": .date,
        "datetime": .datetime,
    ]
    static let typeAliases: [String: String] = [
        "boolean": "bool", "int": "integer", "number": "decimal", "float": "decimal", "double": "decimal",
        "str": "string", "text": "string", "timestamp": "datetime",
    ]

    var diagnostics: [Diagnostic] = []
    private(set) var namedTypes: [String: ValueType] = [:]
    private var namedTypeSyntax: [String: FactSyntax] = [:]
    private var resolving: Set<String> = []
    private(set) var schema = FactSchema()

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    mutating func build(types: [FactSyntax], facts: [FactSyntax]) {
        for type in types {
            if namedTypeSyntax[type.name.value] != nil || Self.builtinTypes[type.name.value] != nil {
                diagnostics.append(.error(
                    .schemaInvalidName, "type `\(type.name.value)` is defined more than once", at: type.name.location))
                continue
            }
            namedTypeSyntax[type.name.value] = type
        }
        for type in types { _ = resolveNamed(type.name.value, at: type.name.location) }
        addFacts(facts, prefix: "", parent: nil)
        schema.finish()
    }

    // MARK: Named types

    private mutating func resolveNamed(_ name: String, at location: SourceLocation) -> ValueType? {
        if let builtin = Self.builtinTypes[name] { return builtin }
        if let known = namedTypes[name] { return known }
        guard let syntax = namedTypeSyntax[name] else {
            let candidates = Array(Self.builtinTypes.keys) + Array(namedTypeSyntax.keys)
            let help = Self.typeAliases[name].map { "did you mean `\($0)`?" }
                ?? Suggestions.didYouMean(name, among: candidates)
                ?? "known types: \(candidates.sorted().map { "`\($0)`" }.joined(separator: ", "))"
            diagnostics.append(.error(.schemaUnknownType, "unknown type `\(name)`", at: location, help: help))
            return nil
        }
        guard !resolving.contains(name) else {
            diagnostics.append(.error(.schemaUnknownType, "type `\(name)` refers to itself", at: location))
            return nil
        }
        resolving.insert(name)
        defer { resolving.remove(name) }
        let type = resolve(syntax.type, name: name, isNamed: true)
        if let type { namedTypes[name] = type }
        return type
    }

    /// Resolves a type written in the schema. `name` labels inline enumerations in messages.
    private mutating func resolve(_ syntax: TypeSyntax, name: String, isNamed: Bool) -> ValueType? {
        switch syntax {
        case let .named(typeName):
            if typeName.value == "enum" || typeName.value == "list" || typeName.value == "object" {
                diagnostics.append(.error(
                    .schemaUnknownType, "type `\(typeName.value)` needs more detail here", at: typeName.location,
                    help: typeName.value == "enum" ? "write `{type: enum, values: [a, b]}`"
                        : typeName.value == "list" ? "write `list of string` or `{type: list, of: …}`"
                        : "write the fields as a nested mapping"))
                return nil
            }
            return resolveNamed(typeName.value, at: typeName.location)
        case let .enumeration(values, location):
            guard !values.isEmpty else {
                diagnostics.append(.error(.schemaEnumValues, "enumeration `\(name)` has no values", at: location))
                return nil
            }
            var seen: [String: SourceLocation] = [:]
            for value in values {
                if value.value.isEmpty {
                    diagnostics.append(.error(.schemaEnumValues, "enumeration `\(name)` has an empty value", at: value.location))
                } else if let first = seen[value.value] {
                    diagnostics.append(.error(
                        .schemaEnumValues, "value `\(value.value)` appears twice in enumeration `\(name)`",
                        at: value.location, related: [.init(location: first, message: "first listed here")]))
                }
                seen[value.value] = seen[value.value] ?? value.location
            }
            return .enumeration(EnumType(name: name, isNamed: isNamed, values: values.map(\.value)))
        case let .list(inner, _):
            return resolve(inner, name: name, isNamed: false).map { .list($0) }
        case let .object(fields, _):
            var resolved: [ObjectType.Field] = []
            var seen: Set<String> = []
            for field in fields {
                guard checkName(field.name, seen: &seen) else { continue }
                guard let type = resolve(field.type, name: "\(name).\(field.name.value)", isNamed: false) else { continue }
                resolved.append(.init(name: field.name.value, type: type, nullable: field.nullable, sensitive: field.sensitive))
            }
            return .object(ObjectType(name: isNamed ? name : nil, fields: resolved))
        }
    }

    private mutating func checkName(_ name: Located<String>, seen: inout Set<String>) -> Bool {
        guard Self.isValidName(name.value) else {
            diagnostics.append(.error(
                .schemaInvalidName, "`\(name.value)` is not a valid fact name", at: name.location,
                help: "use lowercase letters, digits and underscores, starting with a letter"))
            return false
        }
        guard seen.insert(name.value).inserted else {
            diagnostics.append(.error(.schemaInvalidName, "fact `\(name.value)` is declared twice", at: name.location))
            return false
        }
        return true
    }

    // MARK: Facts

    private mutating func addFacts(_ facts: [FactSyntax], prefix: String, parent: Int?) {
        var seen: Set<String> = []
        for fact in facts {
            guard checkName(fact.name, seen: &seen) else { continue }
            let path = prefix.isEmpty ? fact.name.value : "\(prefix).\(fact.name.value)"
            // Objects (inline or named) at the top of the tree are flattened into slots.
            if case let .object(fields, _) = fact.type {
                let slot = schema.add(
                    path: path, name: fact.name.value, type: nil, nullable: fact.nullable, sensitive: fact.sensitive,
                    description: fact.description, location: fact.name.location, parent: parent)
                addFacts(fields, prefix: path, parent: slot)
                continue
            }
            if case let .named(typeName) = fact.type, case .object? = namedTypeSyntax[typeName.value]?.type,
                let syntax = namedTypeSyntax[typeName.value], case let .object(fields, _) = syntax.type
            {
                let slot = schema.add(
                    path: path, name: fact.name.value, type: nil, nullable: fact.nullable, sensitive: fact.sensitive,
                    description: fact.description, location: fact.name.location, parent: parent)
                addFacts(fields, prefix: path, parent: slot)
                continue
            }
            guard let type = resolve(fact.type, name: path, isNamed: false) else { continue }
            _ = schema.add(
                path: path, name: fact.name.value, type: type, nullable: fact.nullable, sensitive: fact.sensitive,
                description: fact.description, informational: fact.informational, location: fact.name.location,
                parent: parent)
        }
    }
}
