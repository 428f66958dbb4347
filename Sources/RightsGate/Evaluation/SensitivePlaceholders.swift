/// The template placeholders whose value would show a `sensitive` fact, worked out once per bundle, so that
/// an explanation, a remedy or a condition masks what the reason's `facts` masks.
///
/// A placeholder is sensitive when a sensitive fact (or a sensitive field of an object in a list) flows into
/// its value: `{notice.notifier_name}`, `{lower(notice.notifier_name)}`, `{any(u in target.urls where …)}`.
/// Two operations let only a size or a presence through, never the value, and so do not make it sensitive:
/// `len(…)` (the shipped pack shows `{len(target.urls)}`) and the `is present` / `is null` tests (a reason's
/// `facts` shows whether a sensitive fact was given, too). A placeholder that shows a whole list of objects
/// is not masked as a whole: ``ValueFormatter`` masks the sensitive fields inside it.
///
/// Placeholders are keyed by their text: they are checked in the bundle's global scope, so the same text
/// always reads the same facts. The compiler keeps only each placeholder's closure, so the text is checked
/// again here to see what it reads.
struct SensitivePlaceholders: Sendable {
    private let sources: Set<String>

    static let none = SensitivePlaceholders(sources: [])

    private init(sources: Set<String>) { self.sources = sources }

    func contains(_ source: String) -> Bool { !sources.isEmpty && sources.contains(source) }

    init(checks: [Check], schema: FactSchema, catalogs: [Catalog], definitions: [DefinitionSyntax], sensitiveSlots: Set<Int>) {
        guard !sensitiveSlots.isEmpty || schema.slots.contains(where: { $0.type.map(Self.carriesSensitiveFields) ?? false }) else {
            self.init(sources: [])
            return
        }
        var texts: Set<String> = []
        for check in checks {
            var templates = Array(check.explanation.values) + Array(check.remedy.values)
            for rule in check.rules {
                templates += (rule.explanation?.values).map(Array.init) ?? []
                templates += (rule.remedy?.values).map(Array.init) ?? []
            }
            for template in templates { texts.formUnion(template.placeholders) }
        }
        var checker = TypeChecker(schema: schema, catalogs: catalogs, definitions: definitions)
        checker.checkAllDefinitions()
        var flow = SensitiveFlow(sensitiveSlots: sensitiveSlots, definitions: checker.definitions.map(\.typed))
        var sensitive: Set<String> = []
        for text in texts {
            let scalar = YAMLScalar(value: text, style: .plain, location: .file("<placeholder>"))
            let source = ScalarSource(scalar: scalar, positions: ScalarPositions(scalar: scalar, sourceLines: [Substring(text)]))
            // A placeholder that does not check again cannot be judged: mask it.
            guard let (typed, _) = checker.check(source, expecting: nil, what: "a placeholder") else {
                sensitive.insert(text)
                continue
            }
            if flow.shows(typed) { sensitive.insert(text) }
        }
        self.init(sources: sensitive)
    }

    /// Whether values of `type` hold a sensitive field somewhere (objects in lists).
    static func carriesSensitiveFields(_ type: ValueType) -> Bool {
        switch type {
        case let .list(inner): carriesSensitiveFields(inner)
        case let .object(o): o.fields.contains { $0.sensitive || carriesSensitiveFields($0.type) }
        default: false
        }
    }
}

/// Follows where sensitive values flow in a typed expression.
private struct SensitiveFlow {
    let sensitiveSlots: Set<Int>
    let definitions: [TypedExpression?]
    private var definitionMemo: [Int: Bool] = [:]
    /// Whether the variable at each depth ranges over sensitive values.
    private var locals: [Bool] = []

    init(sensitiveSlots: Set<Int>, definitions: [TypedExpression?]) {
        self.sensitiveSlots = sensitiveSlots
        self.definitions = definitions
    }

    /// Whether rendering the value of `expression` would show sensitive data that the formatter does not
    /// mask by itself.
    mutating func shows(_ expression: TypedExpression) -> Bool {
        switch expression {
        case .constant, .slotPresence, .valuePresence:
            return false
        case .builtin(.len, _, _):
            return false
        case let .fact(slot, _):
            return sensitiveSlots.contains(slot)
        case let .local(depth, _):
            return depth < locals.count ? locals[depth] : true
        case let .field(base, index, _):
            if shows(base) { return true }
            guard case let .object(o) = base.type, index < o.fields.count else { return true }
            return o.fields[index].sensitive
        case let .definition(index, _):
            return definition(index)
        case let .quantified(_, list, body, depth):
            let listShows = shows(list)
            while locals.count <= depth { locals.append(false) }
            let saved = locals[depth]
            locals[depth] = listShows
            defer { locals[depth] = saved }
            return listShows || shows(body)
        case let .not(a), let .negate(a), let .toDecimal(a), let .toDatetime(a), let .inConstants(a, _, _),
            let .inCatalog(a, _, _), let .catalogAttribute(a, _, _, _):
            return operand(a)
        case let .and(a, b), let .or(a, b), let .compare(_, a, b), let .arithmetic(_, a, b, _), let .inList(a, b, _):
            return operand(a) || operand(b)
        case let .builtin(_, arguments, _), let .list(arguments, _):
            return arguments.contains { operand($0) }
        }
    }

    /// An operand passes its sensitive fields into the result too, since the formatter only masks the fields
    /// of a value it shows as it is.
    private mutating func operand(_ expression: TypedExpression) -> Bool {
        shows(expression) || SensitivePlaceholders.carriesSensitiveFields(expression.type)
    }

    private mutating func definition(_ index: Int) -> Bool {
        if let known = definitionMemo[index] { return known }
        guard index < definitions.count, let typed = definitions[index] else { return true }
        definitionMemo[index] = true  // a cycle cannot load; if one did, it would stay masked
        let saved = locals
        locals = []
        let result = shows(typed)
        locals = saved
        definitionMemo[index] = result
        return result
    }
}
