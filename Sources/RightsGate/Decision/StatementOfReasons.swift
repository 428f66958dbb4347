/// The statement of reasons a hosting service would file with the DSA Transparency Database (Art. 17 and
/// Art. 24(5)) after acting on an allowed notice: the decision projected onto the database's fields.
///
/// Built only from facts the request carries and from the decision's reasons; a field the request cannot
/// fill is listed in `unfilled` (never invented), and every value is checked against the database's rules
/// (`violations`): required fields, enumerations, length limits, EU/EEA territory codes, EAN-13.
public struct StatementOfReasons: Sendable {
    public static let format = "rightsgate.sor/v1"
    /// Action kinds a hosting service answers with a statement of reasons. Art. 17 does not cover Art. 9
    /// orders, and ISP blocks are not hosting decisions.
    static let hostingKinds: Set<String> = ["dsa_art16_notice", "trusted_flagger_notice", "stay_down_request"]
    static let euEEA: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]

    public struct Problem: Sendable, Hashable {
        public let field: String
        public let message: String
    }

    public let decision: Decision
    /// Why no statement is produced (the action is not allowed, or not a hosting decision), else nil.
    public let notApplicable: String?
    /// Field name → JSON value text, in the database's field order.
    public let fields: [(name: String, json: String)]
    public let unfilled: [Problem]
    public let violations: [Problem]

    public init(decision: Decision) {
        self.decision = decision
        let evaluation = decision.evaluation
        func text(_ path: String) -> String? { evaluation.givenFact(path) }
        func integer(_ path: String) -> Int64? {
            guard let slot = evaluation.bundle.schema.slot(path), slot.type == .integer else { return nil }
            return evaluation.facts.integer(slot.index)
        }
        func list(_ path: String) -> [String]? {
            guard let slot = evaluation.bundle.schema.slot(path), evaluation.facts.isPresent(slot.index),
                case let .list(items) = evaluation.facts.value(slot.index, type: slot.type)
            else { return nil }
            return items.map { ValueFormatter.format($0, type: slot.type?.elementType ?? .string, language: "en") }
        }

        let kind = text("action.kind") ?? ""
        guard decision.outcome == .allow || decision.outcome == .allowWithConditions else {
            notApplicable = "the action is not allowed (\(decision.outcome.rawValue)): no content is restricted, so there is no statement of reasons"
            fields = []; unfilled = []; violations = []
            return
        }
        guard Self.hostingKinds.contains(kind) else {
            notApplicable = kind == "dsa_art9_order"
                ? "Art. 17 DSA does not cover orders under Art. 9; the provider reports the effect given to the issuing authority instead"
                : "`\(kind)` is not a decision of a hosting service, so Art. 17 DSA does not apply"
            fields = []; unfilled = []; violations = []
            return
        }
        notApplicable = nil

        var fields: [(String, String)] = []
        var unfilled: [Problem] = []
        var violations: [Problem] = []
        let quoted = JSONText.quoted
        func array(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ",") + "]" }
        func put(_ name: String, _ value: String?, required: Bool, from source: String) {
            if let value { fields.append((name, value)) } else if required {
                unfilled.append(Problem(field: name, message: "required; the request does not give \(source)"))
            }
        }

        let visibility = list("tdb_projection.decision_visibility") ?? list("action.requested_visibility")
        if let v = visibility, v.isEmpty { violations.append(Problem(field: "decision_visibility", message: "must name at least one restriction")) }
        if visibility?.contains("DECISION_VISIBILITY_OTHER") == true {
            unfilled.append(Problem(field: "decision_visibility_other", message: "required with DECISION_VISIBILITY_OTHER; the request does not describe the restriction"))
        }
        put("decision_visibility", visibility.map(array), required: true, from: "`tdb_projection.decision_visibility` or `action.requested_visibility`")
        if let days = integer("action.duration_days") {
            if let end = Self.endDate(from: evaluation.asOf, days: days) {
                if days < 0 {
                    violations.append(Problem(field: "end_date_visibility_restriction", message: "`action.duration_days` is negative (\(days)): the restriction would end before it starts"))
                }
                fields.append(("end_date_visibility_restriction", quoted(end.description)))
            } else {
                violations.append(Problem(field: "end_date_visibility_restriction",
                                          message: "`action.duration_days` (\(days)) puts the end of the restriction outside the years 1 to 9999"))
            }
        }
        let ground = text("tdb_projection.decision_ground") ?? "DECISION_GROUND_ILLEGAL_CONTENT"
        fields.append(("decision_ground", quoted(ground)))
        if ground == "DECISION_GROUND_ILLEGAL_CONTENT" {
            let legalGround = text("tdb_projection.illegal_content_legal_ground")
            if let g = legalGround, g.count > 500 { violations.append(Problem(field: "illegal_content_legal_ground", message: "at most 500 characters (has \(g.count))")) }
            if let g = legalGround, g.trimmingSpaces.isEmpty { violations.append(Problem(field: "illegal_content_legal_ground", message: "must not be empty")) }
            put("illegal_content_legal_ground", legalGround.map(quoted), required: true, from: "`tdb_projection.illegal_content_legal_ground`")
            let explanation = text("tdb_projection.illegal_content_explanation") ?? text("legal_basis.statement_of_reasons")
            if let e = explanation, e.count > 2000 { violations.append(Problem(field: "illegal_content_explanation", message: "at most 2000 characters (has \(e.count))")) }
            put("illegal_content_explanation", explanation.map(quoted), required: true,
                from: "`tdb_projection.illegal_content_explanation` or `legal_basis.statement_of_reasons`")
        } else {
            unfilled.append(Problem(field: "incompatible_content_ground", message: "required for incompatible content; the request does not name the terms-and-conditions clause"))
        }
        put("category", text("content.tdb_category").map(quoted), required: true, from: "`content.tdb_category`")
        if let keywords = list("content.tdb_keywords"), !keywords.isEmpty { fields.append(("category_specification", array(keywords))) }
        let contentType = list("content.content_type")
        if contentType?.isEmpty == true { violations.append(Problem(field: "content_type", message: "must name at least one content type")) }
        put("content_type", contentType.map(array), required: true, from: "`content.content_type`")
        if let territory = list("action.territorial_scope") {
            let outside = territory.filter { !Self.euEEA.contains($0) }
            if !outside.isEmpty {
                violations.append(Problem(field: "territorial_scope", message: "only EU/EEA country codes are allowed, not " + outside.joined(separator: ", ")))
            }
            fields.append(("territorial_scope", array(territory.filter { Self.euEEA.contains($0) })))
        }
        if let ean = text("content.content_id_ean13") {
            if let problem = Self.ean13Problem(ean) {
                violations.append(Problem(field: "content_id", message: problem))
            } else {
                fields.append(("content_id", "{\"EAN-13\":\(quoted(ean))}"))
            }
        }
        unfilled.append(Problem(field: "content_date", message: "required; the request does not say when the content was posted (the platform knows)"))
        fields.append(("application_date", quoted(evaluation.asOf.description)))
        let source: String? = text("tdb_projection.source_type") ?? {
            switch kind {
            case "dsa_art16_notice": "SOURCE_ARTICLE_16"
            case "trusted_flagger_notice": "SOURCE_TRUSTED_FLAGGER"
            default: "SOURCE_TYPE_OTHER_NOTIFICATION"
            }
        }()
        put("source_type", source.map(quoted), required: true, from: "`tdb_projection.source_type`")
        put("automated_detection", text("automation.detection").map(quoted), required: true, from: "`automation.detection`")
        put("automated_decision", text("automation.decision").map(quoted), required: true, from: "`automation.decision`")
        fields.append(("decision_facts", quoted(Self.facts(decision))))
        unfilled.append(Problem(field: "puid", message: "required; the platform's own unique id of the content item"))
        self.fields = fields
        self.unfilled = unfilled
        self.violations = violations
    }

    /// The last day of the restriction: `asOf` plus `days` (a request fact, so any 64-bit value), computed
    /// without overflow; nil when that day is not a date the database can take (years 1 to 9999).
    static func endDate(from asOf: CalendarDay, days: Int64) -> CalendarDay? {
        let first = CivilDate.days(year: 1, month: 1, day: 1), last = CivilDate.days(year: 9999, month: 12, day: 31)
        let (end, overflow) = Int64(asOf.daysSinceEpoch).addingReportingOverflow(days)
        guard !overflow, end >= Int64(first), end <= Int64(last) else { return nil }
        return CalendarDay(daysSinceEpoch: Int32(end))
    }

    /// What is wrong with an EAN-13 (13 ASCII digits, the last one the GS1 check digit), or nil.
    static func ean13Problem(_ ean: String) -> String? {
        let digits = ean.utf8.map { Int($0) - 0x30 }
        guard digits.count == 13, digits.allSatisfy({ (0...9).contains($0) }) else { return "EAN-13 must be 13 digits (0-9)" }
        let sum = digits.prefix(12).enumerated().reduce(0) { $0 + $1.element * ($1.offset.isMultiple(of: 2) ? 1 : 3) }
        guard (10 - sum % 10) % 10 == digits[12] else { return "EAN-13 check digit does not match" }
        return nil
    }

    /// `decision_facts`: the facts and circumstances, from the decision, without personal data (no URLs, no
    /// names): what was asked, on what basis, and the conditions attached. At most 5000 characters.
    static func facts(_ decision: Decision) -> String {
        let evaluation = decision.evaluation
        var parts: [String] = []
        let kind = evaluation.givenFact("action.kind") ?? "request"
        let authority = evaluation.givenFact("requester.authority") ?? "an authority"
        parts.append("Content restricted following a \(kind.replacing("_", with: " ")) from \(authority).")
        if let provisions = evaluation.givenFact("legal_basis.offence_provisions") {
            parts.append("Offence provisions relied on: \(provisions).")
        }
        let report = DecisionReport(decision, language: "en")
        if !report.conditions.isEmpty {
            parts.append("Conditions attached: " + report.conditions.map(\.text).joined(separator: " "))
        }
        parts.append("Checked against policy \(evaluation.bundle.name) \(evaluation.bundle.version) (decision \(decision.id)).")
        let text = parts.joined(separator: " ")
        return text.count > 5000 ? String(text.prefix(4999)) + "…" : text
    }

    public func json() -> String {
        var out = "{\"format\":\"\(Self.format)\",\"decision_id\":\"\(decision.id)\",\"request_id\":"
        out += decision.requestID.map(JSONText.quoted) ?? "null"
        out += ",\"outcome\":\"\(decision.outcome.rawValue)\""
        if let notApplicable {
            return out + ",\"statement\":null,\"not_applicable\":" + JSONText.quoted(notApplicable) + "}"
        }
        out += ",\"statement\":{" + fields.map { "\"\($0.name)\":\($0.json)" }.joined(separator: ",") + "}"
        func problems(_ list: [Problem]) -> String {
            "[" + list.map { "{\"field\":\"\($0.field)\",\"message\":\(JSONText.quoted($0.message))}" }.joined(separator: ",") + "]"
        }
        out += ",\"unfilled\":" + problems(unfilled) + ",\"violations\":" + problems(violations)
        out += ",\"valid\":\(violations.isEmpty)}"
        return out
    }
}
