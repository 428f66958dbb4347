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
        func quoted(_ s: String) -> String {
            var bytes: [UInt8] = []
            JSONWriter.appendString(s, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
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
        if let days = text("action.duration_days").flatMap({ Int($0.filter(\.isNumber)) }) {
            let end = CalendarDay(daysSinceEpoch: evaluation.asOf.daysSinceEpoch + Int32(clamping: days))
            fields.append(("end_date_visibility_restriction", quoted(end.description)))
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
            if ean.count == 13, ean.allSatisfy(\.isNumber) { fields.append(("content_id", "{\"EAN-13\":\(quoted(ean))}")) } else {
                violations.append(Problem(field: "content_id", message: "EAN-13 must be 13 digits"))
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
        if let id = decision.requestID {
            var bytes: [UInt8] = []
            JSONWriter.appendString(id, to: &bytes)
            out += String(decoding: bytes, as: UTF8.self)
        } else {
            out += "null"
        }
        out += ",\"outcome\":\"\(decision.outcome.rawValue)\""
        if let notApplicable {
            var bytes: [UInt8] = []
            JSONWriter.appendString(notApplicable, to: &bytes)
            return out + ",\"statement\":null,\"not_applicable\":" + String(decoding: bytes, as: UTF8.self) + "}"
        }
        out += ",\"statement\":{" + fields.map { "\"\($0.name)\":\($0.json)" }.joined(separator: ",") + "}"
        func problems(_ list: [Problem]) -> String {
            "[" + list.map { p in
                var bytes: [UInt8] = []
                JSONWriter.appendString(p.message, to: &bytes)
                return "{\"field\":\"\(p.field)\",\"message\":\(String(decoding: bytes, as: UTF8.self))}"
            }.joined(separator: ",") + "]"
        }
        out += ",\"unfilled\":" + problems(unfilled) + ",\"violations\":" + problems(violations)
        out += ",\"valid\":\(violations.isEmpty)}"
        return out
    }
}
