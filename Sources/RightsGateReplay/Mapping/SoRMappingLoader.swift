public import RightsGate
internal import Crypto
import Foundation

extension SoRMapping {
    /// The wire format version a mapping file declares in `format:`.
    public static let format = "rightsgate.replay-mapping/v1"

    /// The mapping shipped with a bundle: `<bundle>/replay/dsa-sor.yaml`.
    public static func defaultPath(bundleDirectory: String) -> String {
        var directory = bundleDirectory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return "\(directory)/replay/dsa-sor.yaml"
    }

    /// Reads and checks a mapping file against the bundle whose facts it fills.
    ///
    /// Every problem is collected (unknown keys and facts with a did-you-mean, wrong value types, unknown
    /// value maps) and thrown at once, so a reviewer fixes the file in one pass.
    public static func load(path: String, bundle: PolicyBundle) throws(MappingLoadError) -> SoRMapping {
        var sources = SourceFiles()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MappingLoadError(diagnostics: [.error(.fileUnreadable, "cannot read `\(path)`", at: nil,
                                                        help: "give the mapping with `--mapping FILE`")], sourceFiles: sources)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw MappingLoadError(diagnostics: [.error(.fileUnreadable, "`\(path)` is not UTF-8 text", at: .file(path))],
                                   sourceFiles: sources)
        }
        sources.register(path: path, text: text)
        let digest = "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        var parser = SoRMappingParser(file: path, factPaths: bundle.factPaths)
        let mapping = parser.parse(text, digest: digest, sourceFiles: sources)
        guard let mapping, !parser.diagnostics.hasErrors else {
            throw MappingLoadError(diagnostics: parser.diagnostics, sourceFiles: sources)
        }
        return mapping
    }
}

/// Walks the located YAML tree of a mapping file into a ``SoRMapping``, collecting diagnostics.
struct SoRMappingParser {
    let file: String
    let factPaths: Set<String>
    let sortedFactPaths: [String]
    var diagnostics: [Diagnostic] = []

    init(file: String, factPaths: [String]) {
        self.file = file
        self.factPaths = Set(factPaths)
        self.sortedFactPaths = factPaths.sorted()
    }

    mutating func parse(_ text: String, digest: String, sourceFiles: SourceFiles) -> SoRMapping? {
        guard let root = LocatedNode.parse(text, file: file, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors {
                diagnostics.append(.error(.replayMappingStructure, "the mapping file is empty", at: .file(file),
                                          help: "start with `format: \(SoRMapping.format)`"))
            }
            return nil
        }
        guard let top = mapping(root, what: "the mapping file") else { return nil }
        checkKeys(top, allowed: ["format", "input", "description", "record", "value_maps", "facts"], what: "the mapping file")

        if let format = scalar(top, "format", required: true), format.value != SoRMapping.format {
            diagnostics.append(.error(.replayMappingStructure, "unsupported mapping format `\(format.value)`", at: format.location,
                                      help: "write `format: \(SoRMapping.format)`"))
        }
        if let input = scalar(top, "input", required: true), input.value != InputFormat.dsaSOR.rawValue {
            diagnostics.append(.error(.replayMappingStructure, "mappings are only defined for `dsa-sor` input, not `\(input.value)`",
                                      at: input.location, help: "write `input: dsa-sor`"))
        }

        var dateColumn: String?, idColumn: String?, required: [String] = [], optional: [String] = []
        var references: [SoRMapping.ColumnReference] = []
        var historical = HistoricalOutcome.acted
        if let recordNode = entry(top, "record"), let record = mapping(recordNode, what: "`record`") {
            checkKeys(record, allowed: ["id", "date", "historical_outcome", "required_columns", "optional_columns"], what: "`record`")
            if let id = scalar(record, "id") {
                idColumn = id.value
                references.append(.init(column: id.value, location: id.location))
            }
            if let date = scalar(record, "date") {
                dateColumn = date.value
                references.append(.init(column: date.value, location: date.location))
            }
            if let outcome = scalar(record, "historical_outcome") {
                if let value = HistoricalOutcome(rawValue: outcome.value) {
                    historical = value
                } else {
                    invalid(outcome, "`historical_outcome`", among: HistoricalOutcome.allCases.map(\.rawValue))
                }
            }
            required = scalarList(record, "required_columns").map(\.value)
            optional = scalarList(record, "optional_columns").map(\.value)
        }

        var valueMaps: [String: [String: String]] = [:]
        if let mapsNode = entry(top, "value_maps"), let maps = mapping(mapsNode, what: "`value_maps`") {
            for (name, _, node) in maps.entries {
                if let values = stringMap(node, what: "value map `\(name)`") { valueMaps[name] = values }
            }
        }

        var rules: [SoRMapping.Rule] = []
        if let factsNode = entry(top, "facts", required: true), let facts = mapping(factsNode, what: "`facts`") {
            for (fact, location, node) in facts.entries {
                guard let (rule, column) = parseRule(fact: fact, keyLocation: location, node: node, valueMaps: valueMaps) else { continue }
                rules.append(rule)
                if let column { references.append(column) }
            }
        }
        return SoRMapping(file: file, digest: digest, dateColumn: dateColumn, idColumn: idColumn, historicalOutcome: historical,
                          requiredColumns: required, optionalColumns: Set(optional), rules: rules, columnReferences: references,
                          sourceFiles: sourceFiles)
    }

    /// The rule for one fact, and the column it reads with where the file names it.
    private mutating func parseRule(
        fact: String, keyLocation: SourceLocation, node: LocatedNode, valueMaps: [String: [String: String]]
    ) -> (SoRMapping.Rule, SoRMapping.ColumnReference?)? {
        if !factPaths.contains(fact) {
            diagnostics.append(.error(.replayMappingUnknownFact, "the schema has no fact `\(fact)`", at: keyLocation.spanning(fact),
                                      help: didYouMean(fact, among: sortedFactPaths) ?? "map only the facts declared in the bundle's schema"))
        }
        guard let rule = mapping(node, what: "the rule for `\(fact)`") else { return nil }
        checkKeys(rule, allowed: ["column", "constant", "list", "pick", "values", "others", "as"], what: "the rule for `\(fact)`")

        var source: SoRMapping.Rule.Source?
        let column = scalar(rule, "column")
        let constantNode = entry(rule, "constant")
        switch (column, constantNode) {
        case let (column?, nil): source = .column(column.value)
        case let (nil, node?): source = constant(node)
        case (_?, _?):
            diagnostics.append(.error(.replayMappingStructure, "the rule for `\(fact)` has both `column` and `constant`",
                                      at: rule.location, help: "a fact is filled from one column or with one constant"))
        case (nil, nil):
            diagnostics.append(.error(.replayMappingStructure, "the rule for `\(fact)` has neither `column` nor `constant`",
                                      at: keyLocation, help: "write `{column: NAME}`, or leave the fact out so it stays missing"))
        }

        var jsonList = false
        if let list = scalar(rule, "list") {
            if list.value == "json" { jsonList = true } else { invalid(list, "`list`", among: ["json"]) }
        }
        var pickFirst = false
        if let pick = scalar(rule, "pick") {
            switch pick.value {
            case "first": pickFirst = true
            case "all": pickFirst = false
            default: invalid(pick, "`pick`", among: ["first", "all"])
            }
            if !jsonList {
                diagnostics.append(.error(.replayMappingStructure, "`pick` needs a list column", at: pick.location,
                                          help: "add `list: json`, or remove `pick`"))
            }
        }
        var values: [String: String] = [:]
        if let valuesNode = entry(rule, "values") {
            if case let .scalar(name, location, _) = valuesNode {
                if let map = valueMaps[name] {
                    values = map
                } else {
                    diagnostics.append(.error(.replayMappingUnknownValueMap, "no value map named `\(name)`", at: location.spanning(name),
                                              help: didYouMean(name, among: valueMaps.keys.sorted()) ?? "declare it under `value_maps:`"))
                }
            } else if let map = stringMap(valuesNode, what: "`values`") {
                values = map
            }
        }
        var others = SoRMapping.Rule.Others.keep
        if let node = scalar(rule, "others") {
            if let value = SoRMapping.Rule.Others(rawValue: node.value) { others = value } else {
                invalid(node, "`others`", among: SoRMapping.Rule.Others.allCases.map(\.rawValue))
            }
        }
        var conversion = SoRMapping.Rule.Conversion.string
        if let node = scalar(rule, "as") {
            if let value = SoRMapping.Rule.Conversion(rawValue: node.value) { conversion = value } else {
                invalid(node, "`as`", among: SoRMapping.Rule.Conversion.allCases.map(\.rawValue))
            }
        }
        guard let source else { return nil }
        let parsed = SoRMapping.Rule(fact: fact, source: source, jsonList: jsonList, pickFirst: pickFirst, values: values,
                                     others: others, conversion: conversion)
        return (parsed, column.map { SoRMapping.ColumnReference(column: $0.value, location: $0.location) })
    }

    private mutating func constant(_ node: LocatedNode) -> SoRMapping.Rule.Source? {
        switch node {
        case let .scalar(value, _, quoted):
            if !quoted, value == "true" || value == "false" { return .constant(.bool(value == "true")) }
            if !quoted, let number = Int64(value) { return .constant(.integer(number)) }
            return .constant(.string(value))
        case let .sequence(items, _):
            var strings: [String] = []
            for item in items {
                guard case let .scalar(value, _, _) = item else {
                    expected("a list of plain values", found: item, what: "`constant`")
                    return nil
                }
                strings.append(value)
            }
            return .constant(.list(strings))
        case .mapping:
            expected("a value or a list of values", found: node, what: "`constant`")
            return nil
        }
    }

    // MARK: Tree helpers

    private mutating func mapping(_ node: LocatedNode, what: String) -> LocatedMapping? {
        if case let .mapping(entries, location) = node { return LocatedMapping(entries: entries, location: location) }
        expected("a mapping", found: node, what: what)
        return nil
    }

    private mutating func entry(_ map: LocatedMapping, _ key: String, required: Bool = false) -> LocatedNode? {
        if let found = map.entries.first(where: { $0.key == key }) { return found.value }
        if required {
            diagnostics.append(.error(.replayMappingStructure, "missing key `\(key)`", at: map.location))
        }
        return nil
    }

    private mutating func scalar(_ map: LocatedMapping, _ key: String, required: Bool = false) -> (value: String, location: SourceLocation)? {
        guard let node = entry(map, key, required: required) else { return nil }
        guard case let .scalar(value, location, _) = node else {
            expected("a single value", found: node, what: "`\(key)`")
            return nil
        }
        return (value, location.spanning(value))
    }

    private mutating func scalarList(_ map: LocatedMapping, _ key: String) -> [(value: String, location: SourceLocation)] {
        guard let node = entry(map, key) else { return [] }
        guard case let .sequence(items, _) = node else {
            expected("a list", found: node, what: "`\(key)`")
            return []
        }
        return items.compactMap { item in
            guard case let .scalar(value, location, _) = item else {
                expected("a single value", found: item, what: "an item of `\(key)`")
                return nil
            }
            return (value, location)
        }
    }

    private mutating func stringMap(_ node: LocatedNode, what: String) -> [String: String]? {
        guard let map = mapping(node, what: what) else { return nil }
        var out: [String: String] = [:]
        for (key, _, value) in map.entries {
            guard case let .scalar(text, _, _) = value else {
                expected("a single value", found: value, what: "`\(key)` in \(what)")
                continue
            }
            out[key] = text
        }
        return out
    }

    private mutating func checkKeys(_ map: LocatedMapping, allowed: [String], what: String) {
        for (key, location, _) in map.entries where !allowed.contains(key) {
            diagnostics.append(.error(.replayMappingStructure, "unknown key `\(key)` in \(what)", at: location.spanning(key),
                                      help: didYouMean(key, among: allowed) ?? "allowed keys: \(allowed.map { "`\($0)`" }.joined(separator: ", "))"))
        }
    }

    private mutating func expected(_ wanted: String, found node: LocatedNode, what: String) {
        diagnostics.append(.error(.replayMappingStructure, "\(what) must be \(wanted), found \(node.kindDescription)", at: node.location))
    }

    private mutating func invalid(_ node: (value: String, location: SourceLocation), _ what: String, among allowed: [String]) {
        diagnostics.append(.error(.replayMappingStructure, "invalid \(what) value `\(node.value)`", at: node.location,
                                  help: didYouMean(node.value, among: allowed) ?? "one of \(allowed.map { "`\($0)`" }.joined(separator: ", "))"))
    }
}

/// A mapping node with its entries and location, for the parser's helpers.
struct LocatedMapping {
    let entries: [(key: String, keyLocation: SourceLocation, value: LocatedNode)]
    let location: SourceLocation
}

extension SourceLocation {
    /// The location widened to cover `text` on its line, so the caret underlines the whole name.
    func spanning(_ text: String) -> SourceLocation {
        text.contains("\n") ? self : SourceLocation(file: file, line: line, column: column, length: max(text.unicodeScalars.count, 1))
    }
}
