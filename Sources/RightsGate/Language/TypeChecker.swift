/// Compiler pass: resolves names in expressions and checks their types against the fact schema.
///
/// Enum values are written as quoted text (`target.level == "ip"`) and checked against the enumeration, so a
/// typo is an error with a did-you-mean, not a condition that silently never holds. Integers widen to
/// decimals and dates to date-times where mixed; nothing else converts implicitly.
struct TypeChecker {
    struct Definition {
        let syntax: DefinitionSyntax
        var state: State = .pending
        var typed: TypedExpression?
        var reads: Set<Int> = []
        /// The height of the typed tree with the definitions it uses expanded (see `expandedHeight`).
        var height = 1

        enum State { case pending, checking, done }
    }

    let schema: FactSchema
    let catalogs: [Catalog]
    private let catalogIndex: [String: Int]
    private(set) var definitions: [Definition]
    private let definitionIndex: [String: Int]
    var diagnostics: [Diagnostic] = []

    // Per-expression state.
    private var source: ScalarSource?
    private var baseOffset = 0
    private var locals: [(name: String, type: ValueType)] = []
    private var reads: Set<Int> = []
    /// The bound on an expression's height with its definitions expanded. The parser bounds each expression
    /// on its own (`ExpressionParser.maximumHeight`), but the compiled code of a definition runs inside its
    /// caller's, so stacked definitions would add up to a tree as deep as the parser forbids.
    static let maximumExpandedHeight = 400

    init(schema: FactSchema, catalogs: [Catalog], definitions: [DefinitionSyntax]) {
        self.schema = schema
        self.catalogs = catalogs
        var catalogIndex: [String: Int] = [:]
        for (i, c) in catalogs.enumerated() { catalogIndex[c.name] = i }
        self.catalogIndex = catalogIndex
        var defs: [Definition] = []
        var defIndex: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for syntax in definitions {
            let name = syntax.name.value
            if let first = defIndex[name] {
                diagnostics.append(.error(
                    .definitionDuplicate, "definition `\(name)` is defined twice", at: syntax.name.location,
                    related: [.init(location: defs[first].syntax.name.location, message: "first defined here")]))
                continue
            }
            if !SchemaBuilder.isValidName(name) {
                diagnostics.append(.error(
                    .schemaInvalidName, "`\(name)` is not a valid definition name", at: syntax.name.location,
                    help: "use lowercase letters, digits and underscores, starting with a letter"))
            }
            if schema.slotIndex(name) != nil || catalogIndex[name] != nil {
                diagnostics.append(.error(
                    .catalogNameClash, "definition `\(name)` has the same name as a \(catalogIndex[name] != nil ? "catalog" : "fact")",
                    at: syntax.name.location, help: "rename the definition"))
            }
            defIndex[name] = defs.count
            defs.append(Definition(syntax: syntax))
        }
        self.definitions = defs
        self.definitionIndex = defIndex
        self.diagnostics = diagnostics
    }

    /// Checks every definition (also those no check uses, so their errors surface).
    mutating func checkAllDefinitions() {
        for i in definitions.indices where definitions[i].state == .pending { checkDefinition(i) }
    }

    /// Type-checks an expression that must be a condition; returns it with the fact slots it reads.
    mutating func checkCondition(_ source: ScalarSource, what: String) -> (TypedExpression, Set<Int>)? {
        check(source, expecting: .bool, what: what)
    }

    /// Type-checks `text` (by default the whole scalar; for a template placeholder, the part of the scalar
    /// starting at `offset`).
    mutating func check(
        _ source: ScalarSource, text: String? = nil, offset: Int = 0, expecting: ValueType?, what: String
    ) -> (TypedExpression, Set<Int>)? {
        let saved = (self.source, locals, reads, baseOffset)
        defer { (self.source, locals, reads, baseOffset) = saved }
        self.source = source
        baseOffset = offset
        locals = []
        reads = []
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(text ?? source.text)
        } catch {
            diagnostics.append(.error(
                error.code, error.message,
                at: source.positions.location(offset: offset + error.offset, length: error.length), help: error.help))
            return nil
        }
        guard let typed = infer(expression) else { return nil }
        if let expecting, typed.type != expecting {
            if expecting == .bool {
                report(.exprTypeMismatch, "\(what) must be a condition (true or false), but this is \(article(typed.type))",
                       expression.span, help: typed.type.enumType?.values.first.map { "compare it, e.g. `… == \"\($0)\"`" })
            } else {
                report(.exprTypeMismatch, "\(what) must be \(article(expecting)), but this is \(article(typed.type))", expression.span)
            }
            return nil
        }
        let height = expandedHeight(typed)
        guard height <= Self.maximumExpandedHeight else {
            report(.exprTooComplex,
                   "\(what) is too complex once the definitions it uses are expanded (\(height) operations deep, at most \(Self.maximumExpandedHeight))",
                   expression.span, help: "use fewer definitions inside one another, or split the condition across `fails` items")
            return nil
        }
        return (typed, reads)
    }

    // MARK: - Diagnostics

    private mutating func report(_ code: DiagnosticCode, _ message: String, _ span: Expression.Span, help: String? = nil) {
        let location = source?.positions.location(offset: baseOffset + span.offset, length: span.length)
        diagnostics.append(.error(code, message, at: location, help: help))
    }

    private func article(_ type: ValueType) -> String {
        switch type {
        case .integer: "an integer"
        case .enumeration: "a value of \(type)"
        case .list: "a \(type)"
        case .object: "an object"
        default: "a \(type)"
        }
    }

    // MARK: - Definitions

    private mutating func checkDefinition(_ index: Int) {
        definitions[index].state = .checking
        let syntax = definitions[index].syntax
        if let (typed, reads) = check(syntax.expression, expecting: nil, what: "definition `\(syntax.name.value)`") {
            definitions[index].typed = typed
            definitions[index].reads = reads
            definitions[index].height = expandedHeight(typed)
        }
        definitions[index].state = .done
    }

    /// The height of a typed tree (a leaf is 1) with every definition it uses expanded in place, as the
    /// compiled code runs it. A use of a definition counts as one more than the definition's own height,
    /// which was computed when it was checked (a definition that failed counts as a leaf: its error is
    /// reported once, where it is defined).
    private func expandedHeight(_ e: TypedExpression) -> Int {
        if case let .definition(index, _) = e { return 1 + (definitions[index].typed == nil ? 0 : definitions[index].height) }
        return 1 + (e.children.map(expandedHeight).max() ?? 0)
    }

    // MARK: - Inference

    private mutating func infer(_ expression: Expression) -> TypedExpression? {
        switch expression {
        case let .literal(literal, span):
            switch literal {
            case let .integer(i): return .constant(.integer(i))
            case let .decimal(d): return .constant(.decimal(d))
            case let .string(s): return .constant(.string(s))
            case let .bool(b): return .constant(.bool(b))
            case .null:
                report(.exprSyntax, "`null` can only be tested with `is null`", span)
                return nil
            }

        case .name, .member:
            return resolveValue(expression)

        case let .index(base, _, span):
            if case let .name(name, _) = base, catalogIndex[name] != nil {
                report(.exprTypeMismatch, "`\(name)[…]` is a catalog entry, not a value", span,
                       help: "read one of its attributes, e.g. `\(name)[…].\(catalogs[catalogIndex[name]!].attributes.first?.name ?? "attribute")`, or test membership with `… in \(name)`")
            } else {
                report(.exprTypeMismatch, "only catalogs can be indexed with `[…]`", span,
                       help: "to test whether a list contains a value, write `value in list`")
            }
            return nil

        case let .unary(op, operand, span):
            guard let typed = infer(operand) else { return nil }
            switch op {
            case .not:
                guard typed.type == .bool else {
                    report(.exprTypeMismatch, "`not` needs a condition, but this is \(article(typed.type))", operand.span)
                    return nil
                }
                if case let .constant(.bool(b)) = typed { return .constant(.bool(!b)) }
                return .not(typed)
            case .negate:
                guard typed.type.isNumeric else {
                    report(.exprTypeMismatch, "`-` needs a number, but this is \(article(typed.type))", span)
                    return nil
                }
                return .negate(typed)
            }

        case let .binary(op, lhs, rhs, span):
            return inferBinary(op, lhs, rhs, span)

        case let .presence(subject, test, span):
            return inferPresence(subject, test, span)

        case let .call(name, arguments, span):
            return inferCall(name, arguments, span)

        case let .quantified(quantifier, variable, variableSpan, list, body, _):
            guard let typedList = infer(list) else { return nil }
            guard case let .list(elementType) = typedList.type else {
                report(.exprTypeMismatch, "`\(quantifier.rawValue)(…)` ranges over a list, but this is \(article(typedList.type))", list.span)
                return nil
            }
            if locals.contains(where: { $0.name == variable }) {
                report(.exprUnknownName, "variable `\(variable)` is already in use in this expression", variableSpan, help: "pick another name")
                return nil
            }
            locals.append((variable, elementType))
            defer { locals.removeLast() }
            guard let typedBody = infer(body) else { return nil }
            guard typedBody.type == .bool else {
                report(.exprTypeMismatch, "the condition of `\(quantifier.rawValue)(…)` must be true or false, but this is \(article(typedBody.type))", body.span)
                return nil
            }
            return .quantified(quantifier, list: typedList, body: typedBody, depth: locals.count - 1)

        case let .list(items, span):
            var typedItems: [TypedExpression] = []
            for item in items {
                guard let t = infer(item) else { return nil }
                typedItems.append(t)
            }
            guard let first = typedItems.first else {
                report(.exprTypeMismatch, "an empty list has no type here", span, help: "to test for an empty list write `len(x) == 0`")
                return nil
            }
            for (item, syntax) in zip(typedItems, items) where item.type != first.type {
                report(.exprTypeMismatch, "list items must have one type: \(article(first.type)) and \(article(item.type))", syntax.span)
                return nil
            }
            return .list(typedItems, .list(first.type))
        }
    }

    // MARK: Names

    private var allNames: [String] {
        schema.leafPaths + definitions.map(\.syntax.name.value) + catalogs.map(\.name) + locals.map(\.name)
    }

    /// Resolves `a.b.c` (and members of catalog lookups and variables) to a typed value.
    private mutating func resolveValue(_ expression: Expression) -> TypedExpression? {
        if case let .member(base, field, span) = expression, case let .index(catalogExpr, keyExpr, _) = base {
            return resolveCatalogAttribute(catalogExpr, keyExpr, field, span)
        }
        guard let path = expression.dottedPath else {
            guard case let .member(base, field, span) = expression, let typedBase = infer(base) else { return nil }
            return fieldAccess(typedBase, field, span, baseDescription: "this value")
        }
        let span = expression.span
        let head = path[0]

        if let depth = locals.lastIndex(where: { $0.name == head }) {
            var value = TypedExpression.local(depth: depth, locals[depth].type)
            var described = head
            for field in path.dropFirst() {
                guard let next = fieldAccess(value, field, span, baseDescription: "`\(described)`") else { return nil }
                value = next
                described += ".\(field)"
            }
            return value
        }
        if let index = definitionIndex[head] {
            guard path.count == 1 else {
                report(.exprUnknownName, "definition `\(head)` has no field `\(path[1])`", span)
                return nil
            }
            switch definitions[index].state {
            case .checking:
                report(.definitionCycle, "definition `\(head)` refers to itself", span,
                       help: "definitions may use other definitions, but not in a circle")
                return nil
            case .pending:
                checkDefinition(index)
            case .done:
                break
            }
            guard let typed = definitions[index].typed else { return nil }
            reads.formUnion(definitions[index].reads)
            return .definition(index: index, typed.type)
        }
        if catalogIndex[head] != nil {
            report(.exprTypeMismatch, "catalog `\(head)` is not a value", span,
                   help: "test membership with `x in \(head)` or read an attribute with `\(head)[x].attribute`")
            return nil
        }
        let full = path.joined(separator: ".")
        guard let slot = schema.slot(full) else {
            // Find how far the path resolves, to say what went wrong precisely.
            for length in stride(from: path.count - 1, through: 1, by: -1) {
                let prefix = path[0..<length].joined(separator: ".")
                if let known = schema.slot(prefix), let type = known.type {
                    report(.schemaUnknownFact, "`\(prefix)` is \(article(type)) and has no field `\(path[length])`", span)
                    return nil
                }
            }
            report(.schemaUnknownFact, "unknown fact `\(full)`", span,
                   help: Suggestions.didYouMean(full, among: allNames) ?? "facts are declared in the schema's `facts:` section")
            return nil
        }
        guard let type = slot.type else {
            let example = slot.children.first.map { schema.slots[$0].path } ?? full
            report(.exprTypeMismatch, "`\(full)` is a group of facts, not a value", span,
                   help: "name one of its facts, e.g. `\(example)`, or test `\(full) is present`")
            return nil
        }
        reads.insert(slot.index)
        return .fact(slot: slot.index, type)
    }

    private mutating func fieldAccess(_ base: TypedExpression, _ field: String, _ span: Expression.Span, baseDescription: String) -> TypedExpression? {
        guard case let .object(objectType) = base.type else {
            report(.exprTypeMismatch, "\(baseDescription) is \(article(base.type)) and has no field `\(field)`", span)
            return nil
        }
        guard let index = objectType.fieldIndex(field) else {
            report(.schemaUnknownFact, "\(baseDescription) has no field `\(field)`", span,
                   help: Suggestions.didYouMean(field, among: objectType.fields.map(\.name)))
            return nil
        }
        return .field(base, index: index, objectType.fields[index].type)
    }

    private mutating func resolveCatalogAttribute(_ catalogExpr: Expression, _ keyExpr: Expression, _ attribute: String, _ span: Expression.Span) -> TypedExpression? {
        guard case let .name(name, _) = catalogExpr, let index = catalogIndex[name] else {
            let shown = catalogExpr.dottedPath?.joined(separator: ".") ?? "this"
            report(.exprUnknownName, "`\(shown)` is not a catalog", catalogExpr.span,
                   help: Suggestions.didYouMean(shown, among: catalogs.map(\.name)))
            return nil
        }
        let catalog = catalogs[index]
        guard let attributeIndex = catalog.attributeIndex(attribute) else {
            if catalog.unresolvedAttributes.contains(attribute) { return nil }
            report(.catalogUnknownAttribute, "catalog `\(name)` has no attribute `\(attribute)`", span,
                   help: Suggestions.didYouMean(attribute, among: catalog.attributes.map(\.name))
                       ?? (catalog.attributes.isEmpty ? "catalog `\(name)` is a set; test membership with `x in \(name)`" : nil))
            return nil
        }
        guard let typedKey = infer(keyExpr), let key = coerce(typedKey, to: catalog.keyType, keyExpr.span, what: "the key of catalog `\(name)`")
        else { return nil }
        if case let .constant(c) = key, !catalogHasEntry(catalog, c) {
            report(.catalogUnknownEntry, "catalog `\(name)` has no entry for this key", keyExpr.span)
            return nil
        }
        return .catalogAttribute(key: key, catalog: index, attribute: attributeIndex, catalog.attributes[attributeIndex].type)
    }

    private func catalogHasEntry(_ catalog: Catalog, _ key: Constant) -> Bool {
        switch key {
        case let .enumCase(i, _): catalog.entry(enumIndex: i) != nil
        case let .string(s): catalog.entryByString[s] != nil
        default: false
        }
    }

    // MARK: Coercion

    /// Converts `typed` to `target` where the language allows it implicitly; reports a mismatch otherwise.
    private mutating func coerce(_ typed: TypedExpression, to target: ValueType, _ span: Expression.Span, what: String) -> TypedExpression? {
        if typed.type == target { return typed }
        switch (typed, target) {
        case let (.constant(.string(s)), .enumeration(enumType)):
            guard let index = enumType.index(of: s) else {
                report(.exprUnknownEnumValue, "`\(s)` is not a value of \(enumType)", span,
                       help: Suggestions.didYouMean(s, among: enumType.values) ?? "allowed values: \(enumType.valueList)")
                return nil
            }
            return .constant(.enumCase(index, enumType))
        case let (.constant(.string(s)), .date):
            guard let day = CivilDate.parseDate(s) else {
                report(.exprInvalidLiteral, "`\(s)` is not a date", span, help: "write dates as \"YYYY-MM-DD\"")
                return nil
            }
            return .constant(.date(day))
        case let (.constant(.string(s)), .datetime):
            guard let seconds = CivilDate.parseDateTime(s) else {
                report(.exprInvalidLiteral, "`\(s)` is not a date-time", span, help: "write date-times as \"2026-03-14T09:30:00Z\" or a date \"2026-03-14\"")
                return nil
            }
            return .constant(.datetime(seconds))
        case let (.constant(.integer(i)), .decimal):
            return .constant(.decimal(Double(i)))
        case (_, .decimal) where typed.type == .integer:
            return .toDecimal(typed)
        case let (.constant(.date(d)), .datetime):
            return .constant(.datetime(Int64(d) * 86_400))
        case (_, .datetime) where typed.type == .date:
            return .toDatetime(typed)
        case let (.list(items, _), .list(elementType)):
            var converted: [TypedExpression] = []
            for item in items {
                guard let c = coerce(item, to: elementType, span, what: "an item of the list") else { return nil }
                converted.append(c)
            }
            return .list(converted, target)
        default:
            report(.exprTypeMismatch, "\(what) must be \(article(target)), but this is \(article(typed.type))", span,
                   help: typed.type == .string && target.enumType == nil && target != .string ? nil : enumHint(typed, target))
            return nil
        }
    }

    private func enumHint(_ typed: TypedExpression, _ target: ValueType) -> String? {
        if case .enumeration = typed.type, target == .string {
            return "enum values are compared with quoted values of the same enumeration"
        }
        return nil
    }

    /// Brings two operands to one type for comparison or arithmetic.
    private mutating func unify(_ lhs: TypedExpression, _ lspan: Expression.Span, _ rhs: TypedExpression, _ rspan: Expression.Span, op: String) -> (TypedExpression, TypedExpression)? {
        if lhs.type == rhs.type { return (lhs, rhs) }
        let lConst = lhs.constantValue, rConst = rhs.constantValue
        // A quoted literal takes the type of the other side (enum, date, date-time).
        if case .string? = lConst, rhs.type != .string {
            return coerce(lhs, to: rhs.type, lspan, what: "the left side of `\(op)`").map { ($0, rhs) }
        }
        if case .string? = rConst, lhs.type != .string {
            return coerce(rhs, to: lhs.type, rspan, what: "the right side of `\(op)`").map { (lhs, $0) }
        }
        switch (lhs.type, rhs.type) {
        case (.integer, .decimal):
            return coerce(lhs, to: .decimal, lspan, what: "").map { ($0, rhs) }
        case (.decimal, .integer):
            return coerce(rhs, to: .decimal, rspan, what: "").map { (lhs, $0) }
        case (.date, .datetime):
            return coerce(lhs, to: .datetime, lspan, what: "").map { ($0, rhs) }
        case (.datetime, .date):
            return coerce(rhs, to: .datetime, rspan, what: "").map { (lhs, $0) }
        default:
            var help: String?
            if case let .enumeration(a) = lhs.type, case let .enumeration(b) = rhs.type {
                help = "\(a) and \(b) are different enumerations; declare a named type in `types:` to share one"
            }
            report(.exprTypeMismatch, "cannot use `\(op)` on \(article(lhs.type)) and \(article(rhs.type))", lspan.through(rspan), help: help)
            return nil
        }
    }

    // MARK: Operators

    private mutating func inferBinary(_ op: Expression.BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ span: Expression.Span) -> TypedExpression? {
        switch op {
        case .and, .or:
            let l = infer(lhs), r = infer(rhs)
            guard let l, let r else { return nil }
            for (side, syntax) in [(l, lhs), (r, rhs)] where side.type != .bool {
                report(.exprTypeMismatch, "both sides of `\(op.rawValue)` must be conditions, but this is \(article(side.type))", syntax.span,
                       help: side.type.enumType?.values.first.map { "compare it, e.g. `… == \"\($0)\"`" })
                return nil
            }
            return op == .and ? .and(l, r) : .or(l, r)

        case .in, .notIn:
            return inferMembership(lhs, rhs, negated: op == .notIn, span)

        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let l = infer(lhs), r = infer(rhs)
            guard let l, let r, let (cl, cr) = unify(l, lhs.span, r, rhs.span, op: op.rawValue) else { return nil }
            let comparison = ComparisonOperator(rawValue: op.rawValue)!
            switch cl.type {
            case .list, .object:
                report(.exprTypeMismatch, "cannot compare \(article(cl.type)) with `\(op.rawValue)`", span,
                       help: "use `in`, `len(…)` or a quantifier such as `any(x in list where …)`")
                return nil
            case .bool, .enumeration, .string:
                if comparison != .equal && comparison != .notEqual {
                    report(.exprTypeMismatch, "`\(op.rawValue)` does not apply to \(article(cl.type))", span,
                           help: "only numbers, dates and date-times are ordered; use `==` or `!=`")
                    return nil
                }
            default:
                break
            }
            if cl.constantValue != nil, cr.constantValue != nil {
                report(.exprTypeMismatch, "this comparison of two constants is always the same", span, help: "compare a fact with a value")
                return nil
            }
            return .compare(comparison, cl, cr)

        case .plus, .minus, .times, .divide:
            let l = infer(lhs), r = infer(rhs)
            guard let l, let r else { return nil }
            let arithmetic = ArithmeticOperator(rawValue: op.rawValue)!
            // Date ± integer days.
            if (l.type == .date || l.type == .datetime), r.type == .integer, arithmetic == .plus || arithmetic == .minus {
                return .arithmetic(arithmetic, l, r, l.type)
            }
            guard l.type.isNumeric, r.type.isNumeric else {
                let bad = l.type.isNumeric ? (r, rhs) : (l, lhs)
                report(.exprTypeMismatch, "`\(op.rawValue)` needs numbers, but this is \(article(bad.0.type))", bad.1.span,
                       help: l.type.isTemporal ? "for the days between two dates use `days_between(a, b)`" : nil)
                return nil
            }
            if arithmetic == .divide {
                guard let dl = coerce(l, to: .decimal, lhs.span, what: ""), let dr = coerce(r, to: .decimal, rhs.span, what: "") else { return nil }
                if case .decimal(0)? = dr.constantValue {
                    report(.exprTypeMismatch, "division by zero", rhs.span)
                    return nil
                }
                return .arithmetic(.divide, dl, dr, .decimal)
            }
            guard let (ul, ur) = unify(l, lhs.span, r, rhs.span, op: op.rawValue) else { return nil }
            return .arithmetic(arithmetic, ul, ur, ul.type)
        }
    }

    private mutating func inferMembership(_ lhs: Expression, _ rhs: Expression, negated: Bool, _ span: Expression.Span) -> TypedExpression? {
        // `x in catalog`
        if case let .name(name, _) = rhs, let index = catalogIndex[name], !locals.contains(where: { $0.name == name }) {
            guard let l = infer(lhs), let key = coerce(l, to: catalogs[index].keyType, lhs.span, what: "a key of catalog `\(name)`") else { return nil }
            return .inCatalog(key, catalog: index, negated: negated)
        }
        // `x in [a, b, c]`
        if case let .list(items, listSpan) = rhs {
            guard let l = infer(lhs) else { return nil }
            guard !items.isEmpty else {
                report(.exprTypeMismatch, "membership in an empty list is always false", listSpan)
                return nil
            }
            var elements: [TypedExpression] = []
            var elementType = l.type
            // A literal on the left (`"a" in [x, y]`) takes the items' type.
            if case .string? = l.constantValue, let firstItem = items.first, let firstTyped = infer(firstItem), firstTyped.constantValue == nil {
                elementType = firstTyped.type
            }
            for item in items {
                guard let t = infer(item), let c = coerce(t, to: elementType, item.span, what: "a list item compared with \(article(elementType))") else { return nil }
                elements.append(c)
            }
            guard let left = coerce(l, to: elementType, lhs.span, what: "the left side of `in`") else { return nil }
            if case .list = left.type {
                report(.exprTypeMismatch, "the left side of `in` must be a single value", lhs.span, help: "to test overlap use `any(x in list where x in [...])`")
                return nil
            }
            let constants = elements.compactMap(\.constantValue)
            if constants.count == elements.count {
                var seen: Set<Constant> = []
                for (constant, item) in zip(constants, items) where !seen.insert(constant).inserted {
                    report(.exprTypeMismatch, "this value appears twice in the list", item.span)
                    return nil
                }
                return .inConstants(left, constants, negated: negated)
            }
            return .inList(left, .list(elements, .list(elementType)), negated: negated)
        }
        // `x in list_fact`
        guard let r = infer(rhs) else { return nil }
        guard case let .list(elementType) = r.type else {
            report(.exprTypeMismatch, "the right side of `in` must be a list or a catalog, but this is \(article(r.type))", rhs.span,
                   help: r.type == .string ? "to look for text inside text use `contains(text, part)`" : nil)
            return nil
        }
        guard let l = infer(lhs), let left = coerce(l, to: elementType, lhs.span, what: "the left side of `in`") else { return nil }
        return .inList(left, r, negated: negated)
    }

    private mutating func inferPresence(_ subject: Expression, _ test: Expression.PresenceTest, _ span: Expression.Span) -> TypedExpression? {
        if let path = subject.dottedPath, !locals.contains(where: { $0.name == path[0] }), definitionIndex[path[0]] == nil {
            let full = path.joined(separator: ".")
            guard let slot = schema.slot(full) else {
                return resolveValue(subject)  // reports the unknown fact
            }
            if (test == .isNull || test == .isNotNull) && !slot.nullable {
                report(.exprNotNullable, "fact `\(full)` is not declared nullable, so it is never null", span,
                       help: test == .isNull ? "to test whether it was given, write `\(full) is missing`" : "write `\(full) is present`")
                return nil
            }
            reads.insert(slot.index)
            return .slotPresence(slot: slot.index, test)
        }
        guard let typed = infer(subject) else { return nil }
        switch typed {
        case .local, .field:
            return .valuePresence(typed, test)
        default:
            report(.exprTypeMismatch, "`\(test.rawValue)` applies to facts, not to computed values", span)
            return nil
        }
    }

    // MARK: Calls

    private mutating func inferCall(_ name: String, _ arguments: [Expression], _ span: Expression.Span) -> TypedExpression? {
        if name == "date" || name == "datetime" {
            guard arguments.count == 1, case let .literal(.string(text), argSpan) = arguments[0] else {
                report(.exprArity, "`\(name)(…)` takes one quoted \(name == "date" ? "date such as \"2026-03-14\"" : "date-time")", span)
                return nil
            }
            return coerce(.constant(.string(text)), to: name == "date" ? .date : .datetime, argSpan, what: "")
        }
        guard let builtin = Builtin(rawValue: name) else {
            let known = Builtin.allCases.map(\.rawValue) + ["date", "datetime", "any", "all", "none", "count"]
            report(.exprUnknownFunction, "unknown function `\(name)`", span,
                   help: Suggestions.didYouMean(name, among: known) ?? "functions: \(known.sorted().joined(separator: ", "))")
            return nil
        }
        var typed: [TypedExpression] = []
        for argument in arguments {
            guard let t = infer(argument) else { return nil }
            typed.append(t)
        }
        func arity(_ n: Int) -> Bool {
            guard typed.count == n else {
                report(.exprArity, "`\(name)` takes \(n) argument\(n == 1 ? "" : "s"), found \(typed.count)", span)
                return false
            }
            return true
        }
        func expect(_ i: Int, _ ok: (ValueType) -> Bool, _ what: String) -> Bool {
            guard ok(typed[i].type) else {
                report(.exprTypeMismatch, "argument \(i + 1) of `\(name)` must be \(what), but this is \(article(typed[i].type))", arguments[i].span)
                return false
            }
            return true
        }
        switch builtin {
        case .len:
            guard arity(1), expect(0, { $0 == .string || $0.elementType != nil }, "a list or a text") else { return nil }
            return .builtin(.len, typed, .integer)
        case .days_since:
            guard arity(1), expect(0, \.isTemporal, "a date or a date-time") else { return nil }
            return .builtin(.days_since, typed, .integer)
        case .days_between:
            guard arity(2), expect(0, \.isTemporal, "a date or a date-time"), expect(1, \.isTemporal, "a date or a date-time") else { return nil }
            let args = typed.map { $0.type == .date ? TypedExpression.toDatetime($0) : $0 }
            return .builtin(.days_between, args, .integer)
        case .as_of:
            guard arity(0) else { return nil }
            return .builtin(.as_of, [], .date)
        case .lower, .upper:
            guard arity(1), expect(0, { $0 == .string }, "a text") else { return nil }
            return .builtin(builtin, typed, .string)
        case .contains, .starts_with, .ends_with:
            guard arity(2) else { return nil }
            if builtin == .contains, typed[0].type.elementType != nil {
                report(.exprTypeMismatch, "`contains` looks for text inside text", span, help: "to test list membership write `value in list`")
                return nil
            }
            guard expect(0, { $0 == .string }, "a text"), expect(1, { $0 == .string }, "a text") else { return nil }
            return .builtin(builtin, typed, .bool)
        case .min, .max:
            guard arity(2) else { return nil }
            guard let (l, r) = unify(typed[0], arguments[0].span, typed[1], arguments[1].span, op: name) else { return nil }
            guard l.type.isNumeric || l.type.isTemporal else {
                report(.exprTypeMismatch, "`\(name)` needs numbers or dates, but these are \(article(l.type))", span)
                return nil
            }
            return .builtin(builtin, [l, r], l.type)
        case .abs:
            guard arity(1), expect(0, \.isNumeric, "a number") else { return nil }
            return .builtin(.abs, typed, typed[0].type)
        }
    }
}
