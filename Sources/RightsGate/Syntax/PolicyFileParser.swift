/// Turns one YAML policy file into its ``PolicyFileSyntax``, reporting structural problems (unknown keys,
/// wrong shapes, missing required keys) as diagnostics and carrying on with the rest of the file.
struct PolicyFileParser {
    static let sections = ["bundle", "types", "facts", "catalogs", "definitions", "checks"]
    static let checkKeys = [
        "id", "title", "description", "applies_when", "fails_when", "outcome", "fails", "on_missing",
        "explanation", "remedy", "cites", "exceptions", "effective_from", "effective_until", "mode", "tags",
    ]

    let file: YAMLFile
    private let lines: SourceScalars
    var diagnostics: [Diagnostic] = []

    init(file: YAMLFile) {
        self.file = file
        lines = SourceScalars(file.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        })
    }

    mutating func parse() -> PolicyFileSyntax {
        var result = PolicyFileSyntax()
        guard let root = file.root else { return result }
        guard let top = MappingReader(root, context: "a policy file", allowed: Self.sections, diagnostics: &diagnostics)
        else { return result }
        if let node = top["bundle"] { result.manifest = manifest(node) }
        if let node = top["types"] { result.types = factList(node, context: "`types`") }
        if let node = top["facts"] {
            result.facts = factList(node, context: "`facts`")
            result.factsLocation = top.keyLocation("facts")
        }
        if let node = top["catalogs"] { result.catalogs = catalogs(node) }
        if let node = top["definitions"] { result.definitions = definitions(node) }
        if let node = top["checks"] { result.checks = checks(node) }
        return result
    }

    // MARK: - Scalars and texts

    func source(_ scalar: YAMLScalar) -> ScalarSource {
        ScalarSource(scalar: scalar, positions: ScalarPositions(scalar: scalar, lines: lines))
    }

    func located(_ scalar: YAMLScalar) -> Located<String> {
        Located(value: scalar.value, location: scalar.span)
    }

    /// `{en: ..., sv: ...}`; a bare string is reported, since every text needs each bundle language.
    mutating func localizedText(_ node: YAMLNode, what: String) -> LocalizedTextSyntax? {
        switch node {
        case let .mapping(mapping):
            var texts: [String: Located<String>] = [:]
            var sources: [String: ScalarSource] = [:]
            for entry in mapping.entries {
                guard let scalar = entry.value.asScalar(what: "the `\(entry.key.value)` text of \(what)", diagnostics: &diagnostics)
                else { continue }
                if entry.key.value.count != 2 || !entry.key.value.allSatisfy({ $0.isLowercase }) {
                    diagnostics.append(.error(
                        .structureUnknownKey, "`\(entry.key.value)` is not a language code in \(what)",
                        at: entry.key.span, help: "use two-letter ISO 639-1 codes such as `en` and `sv`"))
                    continue
                }
                texts[entry.key.value] = Located(value: scalar.value.trimmingTrailingNewlines(), location: scalar.span)
                sources[entry.key.value] = source(scalar)
            }
            return LocalizedTextSyntax(texts: texts, sources: sources, location: mapping.location)
        case let .scalar(scalar):
            diagnostics.append(.error(
                .checkMissingTranslation, "\(what) must be given per language", at: scalar.span,
                help: "write it as `{en: \"…\", sv: \"…\"}` or as an indented mapping with `en:` and `sv:`"))
            return nil
        case .sequence:
            diagnostics.append(.error(
                .structureExpectedMapping, "\(what) must be a mapping of language codes to texts, found a list",
                at: node.location))
            return nil
        }
    }

    // MARK: - Bundle manifest

    mutating func manifest(_ node: YAMLNode) -> BundleManifestSyntax? {
        guard let reader = MappingReader(
            node, context: "`bundle`", allowed: ["name", "version", "description", "sources", "languages", "tests"],
            diagnostics: &diagnostics)
        else { return nil }
        let name = reader.requiredScalar("name", diagnostics: &diagnostics)
        let version = reader.requiredScalar("version", diagnostics: &diagnostics)
        let description = reader.scalar("description", diagnostics: &diagnostics)?.value
        let sources = reader.scalarList("sources", diagnostics: &diagnostics) ?? []
        let languages = reader.scalarList("languages", diagnostics: &diagnostics)
        let tests = reader.scalarList("tests", diagnostics: &diagnostics)
        guard let name, let version else { return nil }
        return BundleManifestSyntax(
            name: located(name), version: located(version), description: description,
            sources: sources.map(located),
            languages: languages.map { $0.map(located) } ?? [
                Located(value: "en", location: reader.location), Located(value: "sv", location: reader.location),
            ],
            testDirectories: tests.map { $0.map(located) } ?? [Located(value: "tests", location: reader.location)],
            location: reader.location)
    }

    // MARK: - Facts and types

    mutating func factList(_ node: YAMLNode, context: String) -> [FactSyntax] {
        guard let mapping = node.asMapping(what: context, diagnostics: &diagnostics) else { return [] }
        return mapping.entries.compactMap { fact(name: $0.key, node: $0.value) }
    }

    static let typeKeys = ["type", "values", "of", "fields", "nullable", "sensitive", "informational", "description"]

    mutating func fact(name: YAMLScalar, node: YAMLNode) -> FactSyntax? {
        let nameLoc = located(name)
        switch node {
        case let .scalar(scalar):
            guard let type = typeName(scalar) else { return nil }
            return FactSyntax(name: nameLoc, type: type, nullable: false, sensitive: false, description: nil)
        case .sequence:
            diagnostics.append(.error(
                .schemaUnknownType, "fact `\(name.value)` must be a type name or a mapping, found a list",
                at: node.location, help: "for an enumeration write `{type: enum, values: [a, b]}`"))
            return nil
        case let .mapping(mapping):
            guard mapping["type"] != nil else {
                // A mapping without `type` is an object whose entries are its fields.
                let fields = mapping.entries.compactMap { fact(name: $0.key, node: $0.value) }
                return FactSyntax(
                    name: nameLoc, type: .object(fields: fields, location: mapping.location), nullable: false,
                    sensitive: false, description: nil)
            }
            let reader = MappingReader(mapping, context: "fact `\(name.value)`", allowed: Self.typeKeys, diagnostics: &diagnostics)
            guard let type = typeSpec(reader, name: name.value) else { return nil }
            var declared = FactSyntax(
                name: nameLoc, type: type,
                nullable: reader.bool("nullable", diagnostics: &diagnostics) ?? false,
                sensitive: reader.bool("sensitive", diagnostics: &diagnostics) ?? false,
                description: reader.scalar("description", diagnostics: &diagnostics)?.value)
            declared.informational = reader.bool("informational", diagnostics: &diagnostics) ?? false
            return declared
        }
    }

    /// `string`, `integer`, a named type, or `list of X`.
    mutating func typeName(_ scalar: YAMLScalar) -> TypeSyntax? {
        let words = scalar.value.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 3, words[0] == "list", words[1] == "of" {
            let inner = Located(value: String(words[2]), location: scalar.span)
            return .list(of: .named(inner), location: scalar.span)
        }
        guard words.count == 1 else {
            diagnostics.append(.error(
                .schemaUnknownType, "cannot read the type `\(scalar.value)`", at: scalar.span,
                help: "write a type name such as `string` or `integer`, or `list of string`"))
            return nil
        }
        return .named(located(scalar))
    }

    mutating func typeSpec(_ reader: MappingReader, name: String) -> TypeSyntax? {
        guard let typeScalar = reader.requiredScalar("type", diagnostics: &diagnostics) else { return nil }
        switch typeScalar.value {
        case "enum":
            guard let values = reader.scalarList("values", diagnostics: &diagnostics) else {
                diagnostics.append(.error(
                    .schemaEnumValues, "enumeration `\(name)` needs `values`", at: typeScalar.span,
                    help: "list the allowed values: `values: [a, b, c]`"))
                return nil
            }
            return .enumeration(values: values.map(located), location: typeScalar.span)
        case "list":
            guard let of = reader["of"] else {
                diagnostics.append(.error(
                    .structureMissingKey, "list `\(name)` needs `of`, the type of its items", at: typeScalar.span))
                return nil
            }
            guard let inner = itemType(of, name: name) else { return nil }
            return .list(of: inner, location: typeScalar.span)
        case "object":
            guard let fieldsNode = reader["fields"],
                let fields = fieldsNode.asMapping(what: "`fields` of `\(name)`", diagnostics: &diagnostics)
            else {
                diagnostics.append(.error(
                    .structureMissingKey, "object `\(name)` needs `fields`", at: typeScalar.span))
                return nil
            }
            return .object(
                fields: fields.entries.compactMap { fact(name: $0.key, node: $0.value) }, location: fields.location)
        default:
            for key in ["values", "of", "fields"] where reader[key] != nil {
                diagnostics.append(.error(
                    .structureUnknownKey, "`\(key)` does not apply to type `\(typeScalar.value)`",
                    at: reader.keyLocation(key)))
            }
            return typeName(typeScalar)
        }
    }

    /// The item type of a list: a type name or an inline type mapping.
    mutating func itemType(_ node: YAMLNode, name: String) -> TypeSyntax? {
        switch node {
        case let .scalar(scalar): return typeName(scalar)
        case let .mapping(mapping):
            if mapping["type"] == nil {
                return .object(
                    fields: mapping.entries.compactMap { fact(name: $0.key, node: $0.value) }, location: mapping.location)
            }
            let reader = MappingReader(
                mapping, context: "items of `\(name)`", allowed: ["type", "values", "of", "fields", "description"],
                diagnostics: &diagnostics)
            return typeSpec(reader, name: name)
        case .sequence:
            diagnostics.append(.error(.schemaUnknownType, "the item type of `\(name)` cannot be a list", at: node.location))
            return nil
        }
    }

    // MARK: - Catalogs

    mutating func catalogs(_ node: YAMLNode) -> [CatalogSyntax] {
        guard let mapping = node.asMapping(what: "`catalogs`", diagnostics: &diagnostics) else { return [] }
        var result: [CatalogSyntax] = []
        for entry in mapping.entries {
            let name = entry.key.value
            guard let reader = MappingReader(
                entry.value, context: "catalog `\(name)`", allowed: ["description", "key", "attributes", "entries"],
                diagnostics: &diagnostics)
            else { continue }
            guard let keyNode = reader.required("key", diagnostics: &diagnostics, help: "name the type of the keys, e.g. `key: OffenceProvision`"),
                let keyType = itemType(keyNode, name: name)
            else { continue }
            var attributes: [CatalogSyntax.Attribute] = []
            if let attrNode = reader["attributes"],
                let attrMapping = attrNode.asMapping(what: "`attributes` of catalog `\(name)`", diagnostics: &diagnostics)
            {
                for attr in attrMapping.entries {
                    guard let fact = fact(name: attr.key, node: attr.value) else { continue }
                    attributes.append(.init(name: fact.name, type: fact.type, nullable: fact.nullable))
                }
            }
            var entries: [CatalogSyntax.Entry] = []
            var isSet = false
            if let entriesNode = reader.required("entries", diagnostics: &diagnostics) {
                switch entriesNode {
                case let .sequence(seq):
                    isSet = true
                    for item in seq.items {
                        if let s = item.asScalar(what: "an entry of catalog `\(name)`", diagnostics: &diagnostics) {
                            entries.append(.init(key: located(s), attributes: nil))
                        }
                    }
                case let .mapping(m):
                    for e in m.entries {
                        let attrs = e.value.asMapping(what: "entry `\(e.key.value)` of catalog `\(name)`", diagnostics: &diagnostics)
                        entries.append(.init(key: located(e.key), attributes: attrs))
                    }
                case .scalar:
                    diagnostics.append(.error(
                        .structureExpectedMapping, "`entries` of catalog `\(name)` must be a mapping or a list",
                        at: entriesNode.location))
                }
            }
            result.append(CatalogSyntax(
                name: located(entry.key), description: reader.scalar("description", diagnostics: &diagnostics)?.value,
                key: keyType, attributes: attributes, entries: entries, isSet: isSet))
        }
        return result
    }

    // MARK: - Definitions

    mutating func definitions(_ node: YAMLNode) -> [DefinitionSyntax] {
        guard let mapping = node.asMapping(what: "`definitions`", diagnostics: &diagnostics) else { return [] }
        return mapping.entries.compactMap { entry in
            guard let scalar = entry.value.asScalar(what: "definition `\(entry.key.value)`", diagnostics: &diagnostics)
            else { return nil }
            return DefinitionSyntax(name: located(entry.key), expression: source(scalar))
        }
    }

    // MARK: - Checks

    mutating func checks(_ node: YAMLNode) -> [CheckSyntax] {
        guard let seq = node.asSequence(what: "`checks`", diagnostics: &diagnostics) else { return [] }
        var result: [CheckSyntax] = []
        for item in seq.items { if let c = check(item) { result.append(c) } }
        return result
    }

    mutating func check(_ node: YAMLNode) -> CheckSyntax? {
        let idHint: String
        if case let .mapping(m) = node, case let .scalar(id)? = m["id"] { idHint = "check `\(id.value)`" } else { idHint = "a check" }
        guard let reader = MappingReader(node, context: idHint, allowed: Self.checkKeys, diagnostics: &diagnostics)
        else { return nil }
        guard let id = reader.requiredScalar("id", diagnostics: &diagnostics) else { return nil }

        var rules: [FailureRuleSyntax] = []
        if let fails = reader.scalar("fails_when", diagnostics: &diagnostics) {
            if let outcome = reader.requiredScalar(
                "outcome", diagnostics: &diagnostics, help: "say what a failure leads to: `deny`, `escalate` or `allow_with_conditions`")
            {
                rules.append(FailureRuleSyntax(
                    when: source(fails), outcome: located(outcome), explanation: nil, remedy: nil, location: fails.span))
            }
            if reader["fails"] != nil {
                diagnostics.append(.error(
                    .structureInvalidValue, "\(idHint) has both `fails_when` and `fails`", at: reader.keyLocation("fails"),
                    help: "use `fails_when` with `outcome` for one failure condition, or a `fails` list for graded ones"))
            }
        } else if let failsNode = reader["fails"] {
            if reader["outcome"] != nil {
                diagnostics.append(.error(
                    .structureInvalidValue, "`outcome` belongs inside each item of `fails`", at: reader.keyLocation("outcome")))
            }
            if let seq = failsNode.asSequence(what: "`fails` of \(idHint)", diagnostics: &diagnostics) {
                // An empty list (or a bare `fails:`) would compile to a check that always passes: fail closed.
                if seq.items.isEmpty {
                    diagnostics.append(.error(
                        .structureMissingKey, "`fails` of \(idHint) is empty, so the check could never fail",
                        at: reader.keyLocation("fails"),
                        help: "give at least one item with `when:` and `outcome:`, or use `fails_when` and `outcome`"))
                }
                for item in seq.items {
                    guard let rule = MappingReader(
                        item, context: "a `fails` item of \(idHint)", allowed: ["when", "outcome", "explanation", "remedy"],
                        diagnostics: &diagnostics),
                        let when = rule.requiredScalar("when", diagnostics: &diagnostics),
                        let outcome = rule.requiredScalar("outcome", diagnostics: &diagnostics)
                    else { continue }
                    rules.append(FailureRuleSyntax(
                        when: source(when), outcome: located(outcome),
                        explanation: rule["explanation"].flatMap { localizedText($0, what: "the explanation of a `fails` item") },
                        remedy: rule["remedy"].flatMap { localizedText($0, what: "the remedy of a `fails` item") },
                        location: rule.location))
                }
            }
        } else {
            diagnostics.append(.error(
                .structureMissingKey, "\(idHint) says nothing about when it fails", at: reader.location,
                help: "add `fails_when: <condition>` and `outcome:`, or a `fails:` list"))
        }

        var cites: [CitationSyntax] = []
        if let citesNode = reader["cites"] { cites = citations(citesNode, what: idHint) }

        var exceptions: [ExceptionSyntax] = []
        if let excNode = reader["exceptions"],
            let seq = excNode.asSequence(what: "`exceptions` of \(idHint)", diagnostics: &diagnostics)
        {
            for item in seq.items {
                guard let exc = MappingReader(
                    item, context: "an exception of \(idHint)", allowed: ["id", "when", "reason", "cites"],
                    diagnostics: &diagnostics),
                    let excID = exc.requiredScalar("id", diagnostics: &diagnostics),
                    let when = exc.requiredScalar("when", diagnostics: &diagnostics)
                else { continue }
                exceptions.append(ExceptionSyntax(
                    id: located(excID), when: source(when),
                    reason: exc["reason"].flatMap { localizedText($0, what: "the reason of exception `\(excID.value)`") },
                    cites: exc["cites"].map { citations($0, what: "exception `\(excID.value)`") } ?? []))
            }
        }

        return CheckSyntax(
            id: located(id),
            title: reader["title"].flatMap { localizedText($0, what: "the title of \(idHint)") },
            description: reader["description"].flatMap { localizedText($0, what: "the description of \(idHint)") },
            appliesWhen: reader.scalar("applies_when", diagnostics: &diagnostics).map(source),
            failureRules: rules,
            onMissing: reader.scalar("on_missing", diagnostics: &diagnostics).map(located),
            explanation: reader["explanation"].flatMap { localizedText($0, what: "the explanation of \(idHint)") },
            remedy: reader["remedy"].flatMap { localizedText($0, what: "the remedy of \(idHint)") },
            cites: cites, exceptions: exceptions,
            effectiveFrom: reader.scalar("effective_from", diagnostics: &diagnostics).map(located),
            effectiveUntil: reader.scalar("effective_until", diagnostics: &diagnostics).map(located),
            mode: reader.scalar("mode", diagnostics: &diagnostics).map(located),
            tags: (reader.scalarList("tags", diagnostics: &diagnostics) ?? []).map(located),
            location: id.span)
    }

    /// `cites:` items: `{source: id, pinpoint: "§ 38"}`, or the short form: a bare source id, for a source
    /// cited as a whole.
    mutating func citations(_ node: YAMLNode, what: String) -> [CitationSyntax] {
        guard let seq = node.asSequence(what: "`cites` of \(what)", diagnostics: &diagnostics) else { return [] }
        var result: [CitationSyntax] = []
        for item in seq.items {
            switch item {
            case let .scalar(s):
                result.append(CitationSyntax(source: located(s), pinpoint: nil, location: s.span))
            default:
                guard let reader = MappingReader(
                    item, context: "a citation of \(what)", allowed: ["source", "pinpoint"], diagnostics: &diagnostics),
                    let source = reader.requiredScalar("source", diagnostics: &diagnostics)
                else { continue }
                result.append(CitationSyntax(
                    source: located(source), pinpoint: reader.scalar("pinpoint", diagnostics: &diagnostics).map(located),
                    location: reader.location))
            }
        }
        return result
    }
}

extension String {
    /// Folded and literal YAML blocks end with a newline; texts are stored without it.
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
