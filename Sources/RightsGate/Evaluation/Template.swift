/// An explanation or remedy text with `{…}` placeholders, compiled once per bundle and language.
///
/// A placeholder holds any expression, usually a fact path: `Blocking {target.ip} would also block
/// {target.cohosted_domains_count} other sites.` Placeholders are type-checked at load like conditions and
/// rendered only when an explanation is asked for, so evaluation itself builds no strings.
struct Template: Sendable {
    enum Segment: Sendable {
        case text(String)
        case value(ValueCode, ValueType, source: String)
    }

    let segments: [Segment]
    /// The placeholder expressions as written: what ``SensitivePlaceholders`` inspects.
    var placeholders: [String] {
        segments.compactMap { if case let .value(_, _, s) = $0 { return s }; return nil }
    }

    /// The text for `facts`. A placeholder in `masked` (it would show a `sensitive` fact) renders as the
    /// mask whenever it has a value, the same way a reason's `facts` shows that fact; every value is cut to
    /// the size ``FactJSON/abbreviated(_:)`` allows, so a long list in a request cannot blow up a decision.
    func render(_ facts: FactTable, _ context: inout EvalContext, language: String, masked: SensitivePlaceholders) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case let .text(t): out += t
            case let .value(code, type, source):
                let value = code(facts, &context)
                if value.isPresent, masked.contains(source) {
                    out += ValueFormatter.mask(language: language)
                } else {
                    out += ValueFormatter.format(FactJSON.abbreviated(value), type: type, language: language)
                }
            }
        }
        return out
    }

    /// Splits `text` at `{…}` (`{{` and `}}` are literal braces). Returns the literal parts and the
    /// placeholders with their offsets (in Unicode scalars), or an error message with an offset.
    static func split(_ text: String) -> Result<[(isPlaceholder: Bool, text: String, offset: Int)], ExpressionError> {
        let scalars = Array(text.unicodeScalars)
        var parts: [(Bool, String, Int)] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" {
                if i + 1 < scalars.count, scalars[i + 1] == "{" { literal.append("{"); i += 2; continue }
                guard let close = scalars[(i + 1)...].firstIndex(of: "}") else {
                    return .failure(ExpressionError(message: "`{` is not closed", offset: i, length: 1, help: "write `{{` for a literal brace"))
                }
                if !literal.isEmpty { parts.append((false, String(literal), i)); literal = .init() }
                let inner = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                guard !inner.trimmingSpaces.isEmpty else {
                    return .failure(ExpressionError(message: "empty placeholder `{}`", offset: i, length: 2, help: "name a fact, e.g. `{target.ip}`"))
                }
                parts.append((true, inner, i + 1))
                i = close + 1
                continue
            }
            if c == "}" {
                if i + 1 < scalars.count, scalars[i + 1] == "}" { literal.append("}"); i += 2; continue }
                return .failure(ExpressionError(message: "`}` without a matching `{`", offset: i, length: 1, help: "write `}}` for a literal brace"))
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { parts.append((false, String(literal), scalars.count)) }
        return .success(parts)
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}

/// Formats fact values for people, per language: `3,400` / `3 400`, `0.5` / `0,5`, `yes` / `ja`.
///
/// A `sensitive` field of an object in a list shows as the language's mask, as a `sensitive` fact does in
/// a decision's `facts`; fields the request did not give are left out, as in the JSON form.
enum ValueFormatter {
    /// What a sensitive value shows as in texts for people.
    static func mask(language: String) -> String { language == "sv" ? "[maskerad]" : "[redacted]" }

    static func format(_ value: FactValue, type: ValueType, language: String) -> String {
        let swedish = language == "sv"
        switch value {
        case .missing: return swedish ? "(uppgift saknas)" : "(not given)"
        case .null: return swedish ? "inget" : "none"
        case let .bool(b): return swedish ? (b ? "ja" : "nej") : (b ? "yes" : "no")
        case let .integer(i): return grouped(i, separator: swedish ? "\u{00A0}" : ",")
        case let .decimal(d):
            let text = decimalText(d)
            return swedish ? text.replacing(".", with: ",") : text
        case let .string(s): return s
        case let .enumCase(i):
            guard case let .enumeration(e) = type, Int(i) < e.values.count else { return String(i) }
            return e.values[Int(i)]
        case let .date(d): return CivilDate.formatDate(d)
        case let .datetime(s): return CivilDate.formatDateTime(s)
        case let .list(items):
            let element = type.elementType ?? .string
            if items.isEmpty { return swedish ? "(inga)" : "(none)" }
            return items.map { format($0, type: element, language: language) }.joined(separator: ", ")
        case let .object(fields):
            guard case let .object(o) = type else { return "{…}" }
            let shown = zip(o.fields, fields).filter { $0.1 != .missing }.map { field, value in
                "\(field.name): " + (field.sensitive && value.isPresent ? mask(language: language) : format(value, type: field.type, language: language))
            }
            return "{" + shown.joined(separator: ", ") + "}"
        }
    }

    static func grouped(_ value: Int64, separator: String) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += separator }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// Shortest text that reads back as the same number, without exponent for everyday magnitudes.
    static func decimalText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
