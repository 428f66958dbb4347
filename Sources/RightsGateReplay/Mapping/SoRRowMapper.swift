import Foundation
import RightsGate

/// Applies a ``SoRMapping`` to the rows of one CSV file, whose header fixes where each column is.
///
/// Columns are found by header name, so the 37-column dumps of 2024 and the 38-column dumps from 2025 (with
/// `content_id_ean`) map through the same file; a column a file lacks simply leaves its fact missing.
struct SoRRowMapper: Sendable {
    /// One rule with its column resolved for this file.
    private struct BoundRule: Sendable {
        let rule: SoRMapping.Rule
        /// Column index, nil for a constant or a column this file does not have.
        let column: Int?
    }

    /// What one row became.
    struct Mapped: Sendable {
        var request: MappedRequest
        /// Facts whose cell held a value that could not be converted (bad JSON list, not a date, …).
        var rejected: [String]
        var date: CalendarDay?
        var id: String?
    }

    private let rules: [BoundRule]
    private let dateColumn: Int?
    private let idColumn: Int?
    let historicalOutcome: HistoricalOutcome

    /// Binds the mapping to a header; throws when a required column is absent (not a statement-of-reasons file).
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
        rules = mapping.rules.map { rule in
            switch rule.source {
            case let .column(name): BoundRule(rule: rule, column: index[name])
            case .constant: BoundRule(rule: rule, column: nil)
            }
        }
        dateColumn = mapping.dateColumn.flatMap { index[$0] }
        idColumn = mapping.idColumn.flatMap { index[$0] }
        historicalOutcome = mapping.historicalOutcome
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
        if let dateColumn, dateColumn < row.count { result.date = CalendarDay(String(row[dateColumn].prefix(10))) }
        if let idColumn, idColumn < row.count, !row[idColumn].isEmpty { result.id = row[idColumn] }
        return result
    }

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
            let day = String(text.prefix(10))
            return CalendarDay(day) == nil ? nil : .string(day)
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

    /// `2024-03-14 00:00:07` (the dumps' form) or `2024-03-14T00:00:07Z` as RFC 3339 UTC.
    static func rfc3339(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 19, CalendarDay(String(text.prefix(10))) != nil,
              scalars[10] == " " || scalars[10] == "T",
              scalars[13] == ":", scalars[16] == ":",
              [11, 12, 14, 15, 17, 18].allSatisfy({ ("0"..."9").contains(scalars[$0]) })
        else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[19...]))
        guard rest.isEmpty || rest == "Z" || rest.hasPrefix(".") || rest.hasPrefix("+") || rest.hasPrefix("-") else { return nil }
        return String(text.prefix(10)) + "T" + String(String.UnicodeScalarView(scalars[11..<19])) + (rest.isEmpty ? "Z" : rest)
    }
}
