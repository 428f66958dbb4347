/// Compiler pass: builds catalogs, checking keys against their type and attribute values against theirs.
struct CatalogBuilder {
    var diagnostics: [Diagnostic] = []
    let namedTypes: [String: ValueType]

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
            guard let keyType = resolve(syntax.key, what: "keys of catalog \(name)") else { continue }
            guard keyType == .string || keyType.enumType != nil else {
                diagnostics.append(.error(
                    .catalogAttributeType, "catalog keys must be text or an enumeration, not \(keyType)",
                    at: syntax.key.location))
                continue
            }
            var attributes: [Catalog.Attribute] = []
            for attribute in syntax.attributes {
                guard let type = resolve(attribute.type, what: "attribute `\(attribute.name.value)`") else { continue }
                attributes.append(.init(name: attribute.name.value, type: type, nullable: attribute.nullable))
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
                    mapping, context: "entry `\(entry.key.value)` of catalog `\(name)`", allowed: attributes.map(\.name),
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
                location: syntax.name.location, entries: entries))
        }
        return result
    }

    private mutating func resolve(_ syntax: TypeSyntax, what: String) -> ValueType? {
        switch syntax {
        case let .named(name):
            if let t = SchemaBuilder.builtinTypes[name.value] ?? namedTypes[name.value] { return t }
            diagnostics.append(.error(
                .schemaUnknownType, "unknown type `\(name.value)` for \(what)", at: name.location,
                help: Suggestions.didYouMean(name.value, among: Array(SchemaBuilder.builtinTypes.keys) + Array(namedTypes.keys))))
            return nil
        case let .list(inner, _):
            return resolve(inner, what: what).map { .list($0) }
        case let .enumeration(values, _):
            return .enumeration(EnumType(name: what, isNamed: false, values: values.map(\.value)))
        case let .object(_, location):
            diagnostics.append(.error(.schemaUnknownType, "catalog attributes cannot be objects", at: location))
            return nil
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
            return Double(text).map(FactValue.decimal) ?? mismatch("a number")
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
            return mismatch("a list")
        }
    }
}
