/// Compiler pass: builds catalogs, checking keys against their type and attribute values against theirs.
struct CatalogBuilder {
    var diagnostics: [Diagnostic] = []
    let namedTypes: [String: ValueType]
    /// Named types whose declaration failed (already reported there): a use of one is silently unresolved.
    let brokenTypes: Set<String>

    mutating func build(_ syntaxes: [CatalogSyntax], schema: FactSchema) -> [Catalog] {
        var result: [Catalog] = []
        var seen: [String: SourceLocation] = [:]
        for syntax in syntaxes {
            let name = syntax.name.value
            if let first = seen[name] {
                diagnostics.append(.error(
                    .catalogDuplicate, "catalog `\(name)` is defined twice", at: syntax.name.location,
                    related: [.init(location: first, message: "first defined here")]))
                continue
            }
            seen[name] = syntax.name.location
            if schema.slotIndex(name) != nil {
                diagnostics.append(.error(
                    .catalogNameClash, "catalog `\(name)` has the same name as a fact", at: syntax.name.location,
                    help: "rename the catalog; names in conditions must be unambiguous"))
            }
            guard let keyType = resolve(syntax.key, name: "\(name)[key]", what: "keys of catalog \(name)") else { continue }
            guard keyType == .string || keyType.enumType != nil else {
                diagnostics.append(.error(
                    .catalogAttributeType, "catalog keys must be text or an enumeration, not \(keyType)",
                    at: syntax.key.location))
                continue
            }
            var attributes: [Catalog.Attribute] = []
            // Attributes whose type failed are left out, but entries may still give them: that is not a
            // second mistake.
            var unresolved: [String] = []
            for attribute in syntax.attributes {
                let attributeName = attribute.name.value
                guard let type = resolve(attribute.type, name: "\(name).\(attributeName)", what: "attribute `\(attributeName)`")
                else { unresolved.append(attributeName); continue }
                if type.isObject {
                    diagnostics.append(.error(
                        .catalogAttributeType, "catalog attributes cannot be objects", at: attribute.type.location,
                        help: "give each field its own attribute"))
                    unresolved.append(attributeName)
                    continue
                }
                attributes.append(.init(name: attributeName, type: type, nullable: attribute.nullable))
            }
            var entries: [(key: String, values: [FactValue], location: SourceLocation)] = []
            var keys: Set<String> = []
            for entry in syntax.entries {
                if let enumType = keyType.enumType, enumType.index(of: entry.key.value) == nil {
                    diagnostics.append(.error(
                        .catalogUnknownEntry, "`\(entry.key.value)` is not a value of \(enumType)", at: entry.key.location,
                        help: Suggestions.didYouMean(entry.key.value, among: enumType.values) ?? "allowed values: \(enumType.valueList)"))
                    continue
                }
                guard keys.insert(entry.key.value).inserted else {
                    diagnostics.append(.error(.catalogDuplicate, "entry `\(entry.key.value)` appears twice in catalog `\(name)`", at: entry.key.location))
                    continue
                }
                if syntax.isSet {
                    entries.append((entry.key.value, [], entry.key.location))
                    continue
                }
                let mapping = entry.attributes ?? YAMLMapping(entries: [], location: entry.key.location)
                let reader = MappingReader(
                    mapping, context: "entry `\(entry.key.value)` of catalog `\(name)`", allowed: attributes.map(\.name) + unresolved,
                    diagnostics: &diagnostics)
                var values: [FactValue] = []
                for attribute in attributes {
                    guard let node = reader[attribute.name] else {
                        if attribute.nullable {
                            values.append(.null)
                        } else {
                            diagnostics.append(.error(
                                .structureMissingKey, "entry `\(entry.key.value)` of catalog `\(name)` is missing `\(attribute.name)`",
                                at: entry.key.location))
                            values.append(.missing)
                        }
                        continue
                    }
                    values.append(value(node, type: attribute.type, nullable: attribute.nullable, what: "`\(attribute.name)` of `\(entry.key.value)`"))
                }
                entries.append((entry.key.value, values, entry.key.location))
            }
            result.append(Catalog(
                name: name, description: syntax.description, keyType: keyType, attributes: attributes,
                unresolvedAttributes: unresolved, location: syntax.name.location, entries: entries))
        }
        return result
    }

    /// Resolves a catalog key's or attribute's type; `name` labels an inline enumeration, `what` messages.
    private mutating func resolve(_ syntax: TypeSyntax, name: String, what: String) -> ValueType? {
        switch syntax {
        case let .named(name):
            if let t = SchemaBuilder.builtinTypes[name.value] ?? namedTypes[name.value] { return t }
            if brokenTypes.contains(name.value) { return nil }
            diagnostics.append(.error(
                .schemaUnknownType, "unknown type `\(name.value)` for \(what)", at: name.location,
                help: Suggestions.didYouMean(name.value, among: Array(SchemaBuilder.builtinTypes.keys) + Array(namedTypes.keys))))
            return nil
        case let .list(inner, _):
            return resolve(inner, name: name, what: what).map { .list($0) }
        case let .enumeration(values, location):
            return SchemaBuilder.enumeration(values, at: location, name: name, isNamed: false, diagnostics: &diagnostics)
                .map { .enumeration($0) }
        case .object:
            return .object(ObjectType(name: nil, fields: []))
        }
    }

    /// Converts a YAML value to a typed value, reporting a mismatch.
    mutating func value(_ node: YAMLNode, type: ValueType, nullable: Bool, what: String) -> FactValue {
        if case let .scalar(s) = node, s.isNull {
            if nullable { return .null }
            diagnostics.append(.error(.catalogAttributeType, "\(what) is empty", at: s.location))
            return .missing
        }
        if case let .list(element) = type {
            guard let seq = node.asSequence(what: what, diagnostics: &diagnostics) else { return .missing }
            return .list(seq.items.map { value($0, type: element, nullable: false, what: "an item of \(what)") })
        }
        guard let scalar = node.asScalar(what: what, diagnostics: &diagnostics) else { return .missing }
        let text = scalar.value
        func mismatch(_ expected: String) -> FactValue {
            diagnostics.append(.error(.catalogAttributeType, "\(what) must be \(expected), found `\(text)`", at: scalar.span))
            return .missing
        }
        switch type {
        case .bool:
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return mismatch("`true` or `false`")
            }
        case .integer:
            return Int64(text).map(FactValue.integer) ?? mismatch("an integer")
        case .decimal:
            // Finite numbers written in decimal, like request values and literals: `Double(_:)` alone also
            // takes `nan`, `inf` and hexadecimal, and turns `1e999` into infinity, and every comparison with
            // NaN is false, so a threshold read from the catalog would never be exceeded.
            guard Self.isDecimalNumeral(text), let number = Double(text), number.isFinite else {
                return mismatch("a finite decimal number")
            }
            return .decimal(number)
        case .string:
            return .string(text)
        case let .enumeration(e):
            guard let i = e.index(of: text) else {
                diagnostics.append(.error(
                    .exprUnknownEnumValue, "`\(text)` is not a value of \(e)", at: scalar.span,
                    help: Suggestions.didYouMean(text, among: e.values) ?? "allowed values: \(e.valueList)"))
                return .missing
            }
            return .enumCase(i)
        case .date:
            return CivilDate.parseDate(text).map(FactValue.date) ?? mismatch("a date (YYYY-MM-DD)")
        case .datetime:
            return CivilDate.parseDateTime(text).map(FactValue.datetime) ?? mismatch("a date-time")
        case .list, .object:
            preconditionFailure("lists are read above, and object attributes are rejected when declared")
        }
    }

    /// `[+-] digits [. digits] [e [+-] digits]`, with digits on at least one side of the point.
    static func isDecimalNumeral(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) { scalars.removeFirst(); count += 1 }
            return count
        }
        if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
        var mantissa = digits()
        if scalars.first == "." { scalars.removeFirst(); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if scalars.first == "e" || scalars.first == "E" {
            scalars.removeFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}

private extension ValueType {
    /// An object, or a list of them (at any depth): catalogs hold scalar and list attributes only.
    var isObject: Bool {
        switch self {
        case .object: true
        case let .list(element): element.isObject
        default: false
        }
    }
}
