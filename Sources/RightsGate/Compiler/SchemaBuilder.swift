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
    /// Named types whose declaration is broken. Their error is reported once, where they are declared;
    /// every use of them is then silently unresolved instead of repeating it.
    private(set) var brokenTypes: Set<String> = []
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
        if brokenTypes.contains(name) { return nil }
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
        if let type { namedTypes[name] = type } else { brokenTypes.insert(name) }
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
            return Self.enumeration(values, at: location, name: name, isNamed: isNamed, diagnostics: &diagnostics)
                .map { .enumeration($0) }
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

    /// An enumeration written in a policy (a fact's, a catalog key's or a catalog attribute's): it needs
    /// values, none empty and none repeated. Shared so that every place an enumeration can be declared
    /// validates it the same way.
    static func enumeration(
        _ values: [Located<String>], at location: SourceLocation, name: String, isNamed: Bool,
        diagnostics: inout [Diagnostic]
    ) -> EnumType? {
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
        return EnumType(name: name, isNamed: isNamed, values: values.map(\.value))
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

    /// Adds facts as slots. Objects at the top of the tree (inline or of a named type) are flattened into
    /// slots. A named object type is flattened from its resolved type, so every fact of that type shares its
    /// enumerations (two such facts can be compared), and a type that contains itself, already reported and
    /// cut where it is declared, cannot make the flattening recurse. `resolved`, when given, is the resolved
    /// object whose field syntax `facts` is: names were checked and errors reported when it was resolved.
    private mutating func addFacts(_ facts: [FactSyntax], prefix: String, parent: Int?, resolved: ObjectType? = nil) {
        var seen: Set<String> = []
        for fact in facts {
            if resolved == nil { guard checkName(fact.name, seen: &seen) else { continue } }
            let path = prefix.isEmpty ? fact.name.value : "\(prefix).\(fact.name.value)"
            let type: ValueType
            if let resolved {
                guard let field = resolved.fields.first(where: { $0.name == fact.name.value }) else { continue }
                type = field.type
            } else if case let .object(fields, _) = fact.type {
                let slot = addParent(fact, path: path, parent: parent)
                addFacts(fields, prefix: path, parent: slot)
                continue
            } else {
                guard let plain = resolve(fact.type, name: path, isNamed: false) else { continue }
                type = plain
            }
            if case let .object(object) = type {
                let slot = addParent(fact, path: path, parent: parent)
                addFacts(objectFields(fact.type), prefix: path, parent: slot, resolved: object)
                continue
            }
            _ = schema.add(
                path: path, name: fact.name.value, type: type, nullable: fact.nullable, sensitive: fact.sensitive,
                description: fact.description, informational: fact.informational, location: fact.name.location,
                parent: parent)
        }
    }

    private mutating func addParent(_ fact: FactSyntax, path: String, parent: Int?) -> Int {
        schema.add(
            path: path, name: fact.name.value, type: nil, nullable: fact.nullable, sensitive: fact.sensitive,
            description: fact.description, location: fact.name.location, parent: parent)
    }

    /// The field syntax of an object type, written inline or by name (the descriptions and locations of
    /// the slots come from it). Only called for types that resolved to an object, so the names end.
    private func objectFields(_ syntax: TypeSyntax) -> [FactSyntax] {
        var syntax = syntax
        while case let .named(name) = syntax, let declared = namedTypeSyntax[name.value]?.type { syntax = declared }
        if case let .object(fields, _) = syntax { return fields }
        return []
    }
}
