import Foundation
import RightsGate

/// Applies a ``SoRMapping`` to the rows of one CSV file, whose header fixes where each column is.
///
/// Columns are found by header name, so the 37-column dumps of 2024 and the 38-column dumps from 2025 (with
/// `content_id_ean`) map through the same file. Every column the mapping reads must be in the header, unless
/// the mapping declares it optional: a misspelt column would otherwise empty its fact, or every record's
/// date, without a word.
struct SoRRowMapper: Sendable {
    /// One rule with its column resolved for this file.
    private struct BoundRule: Sendable {
        let rule: SoRMapping.Rule
        /// Column index, nil for a constant or an optional column this file does not have.
        let column: Int?
    }

    /// What one row became.
    struct Mapped: Sendable {
        var request: MappedRequest
        /// Facts whose cell held a value that could not be converted (bad JSON list, not a date, …), and
        /// `record.date` when the date cell is not a date.
        var rejected: [String]
        var date: CalendarDay?
        var id: String?
    }

    private let rules: [BoundRule]
    private let dateColumn: Int?
    private let idColumn: Int?
    let historicalOutcome: HistoricalOutcome
    /// Facts read from an optional column this file's header lacks (the report says why they are unfilled).
    let factsOfAbsentColumns: [String]

    /// Binds the mapping to a header. Throws an input error when a required column is absent (not a
    /// statement-of-reasons file), and a mapping error located in the mapping file for every other column
    /// the mapping reads that the header lacks.
    init(mapping: SoRMapping, header: [String], file: String) throws(ReplayError) {
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil {
            index[name.trimmingCharacters(in: .whitespaces)] = i
        }
        let absent = mapping.requiredColumns.filter { index[$0] == nil }
        if !absent.isEmpty {
            throw ReplayError.input(
                file: file,
                "the header has no \(absent.map { "`\($0)`" }.joined(separator: ", ")) column; is this a statement-of-reasons CSV?")
        }
        let unknown = mapping.columnReferences.filter { index[$0.column] == nil && !mapping.optionalColumns.contains($0.column) }
        if !unknown.isEmpty {
            throw ReplayError.mapping(MappingLoadError(
                diagnostics: unknown.map { Self.unknownColumn($0, header: header, file: file) }, sourceFiles: mapping.sourceFiles))
        }
        rules = mapping.rules.map { rule in
            switch rule.source {
            case let .column(name): BoundRule(rule: rule, column: index[name])
            case .constant: BoundRule(rule: rule, column: nil)
            }
        }
        factsOfAbsentColumns = rules.filter { bound in
            if case .column = bound.rule.source { return bound.column == nil }
            return false
        }.map(\.rule.fact)
        dateColumn = mapping.dateColumn.flatMap { index[$0] }
        idColumn = mapping.idColumn.flatMap { index[$0] }
        historicalOutcome = mapping.historicalOutcome
    }

    private static func unknownColumn(_ reference: SoRMapping.ColumnReference, header: [String], file: String) -> Diagnostic {
        let listed = "the header of `\(file)` has: \(header.joined(separator: ", "))"
        let hint = didYouMean(reference.column, among: header).map { "\($0) " } ?? ""
        return .error(.replayMappingUnknownColumn, "`\(file)` has no column `\(reference.column)`", at: reference.location,
                      help: "\(hint)\(listed); a column only some dumps have belongs under `record.optional_columns`")
    }

    func map(_ row: [String]) -> Mapped {
        var result = Mapped(request: MappedRequest(), rejected: [])
        for bound in rules {
            let rule = bound.rule
            if case let .constant(value) = rule.source {
                result.request.set(rule.fact, value)
                continue
            }
            guard let column = bound.column, column < row.count else { continue }
            let cell = Self.trimmed(row[column])
            guard !cell.isEmpty else { continue }
            switch fill(rule, cell: cell) {
            case let .value(value): result.request.set(rule.fact, value)
            case .unfilled: break
            case .rejected: result.rejected.append(rule.fact)
            }
        }
        if let dateColumn, dateColumn < row.count {
            let cell = Self.trimmed(row[dateColumn])
            if !cell.isEmpty {
                result.date = DateText.day(cell)
                if result.date == nil { result.rejected.append(Self.recordDate) }
            }
        }
        if let idColumn, idColumn < row.count, !row[idColumn].isEmpty { result.id = row[idColumn] }
        return result
    }

    /// How a date cell that is not a date is counted among the rejected values.
    static let recordDate = "record.date"

    private enum Fill {
        case value(MappedValue)
        case unfilled
        case rejected
    }

    private func fill(_ rule: SoRMapping.Rule, cell: String) -> Fill {
        guard rule.jsonList else {
            guard let mapped = translate(cell, rule) else { return .unfilled }
            return convert(mapped, rule.conversion).map(Fill.value) ?? .rejected
        }
        guard let items = JSONStringArray.parse(cell) else { return .rejected }
        let mapped = items.compactMap { translate($0, rule) }
        if rule.pickFirst {
            guard let first = mapped.first else { return .unfilled }
            return convert(first, rule.conversion).map(Fill.value) ?? .rejected
        }
        if !items.isEmpty, mapped.isEmpty { return .unfilled }
        return .value(.list(mapped))
    }

    /// The value map applied to one value: its translation, the value itself (`others: keep`), or nil.
    private func translate(_ value: String, _ rule: SoRMapping.Rule) -> String? {
        if let translated = rule.values[value] { return translated }
        return rule.others == .keep ? value : nil
    }

    private func convert(_ text: String, _ conversion: SoRMapping.Rule.Conversion) -> MappedValue? {
        switch conversion {
        case .string:
            return .string(text)
        case .bool:
            switch text.lowercased() {
            case "yes", "true", "1": return .bool(true)
            case "no", "false", "0": return .bool(false)
            default: return nil
            }
        case .integer:
            return Int64(text).map(MappedValue.integer)
        case .date:
            return DateText.day(text).map { .string($0.description) }
        case .datetime:
            return Self.rfc3339(text).map(MappedValue.string)
        }
    }

    /// The cell without surrounding whitespace; most cells have none, so they are returned as they are.
    static func trimmed(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last else { return cell }
        let space = CharacterSet.whitespacesAndNewlines
        guard space.contains(first) || space.contains(last) else { return cell }
        return cell.trimmingCharacters(in: space)
    }

    /// `2024-03-14 00:00:07` (the dumps' form) or `2024-03-14T00:00:07Z` as RFC 3339 (UTC unless an offset
    /// is given); nil for a date without a time, or anything that is not a date-time.
    static func rfc3339(_ text: String) -> String? {
        guard let parsed = DateText.parse(text), let time = parsed.time else { return nil }
        return "\(parsed.day)T\(time)\(parsed.offset ?? "Z")"
    }
}
