/// Lint rules beyond errors: checks that can never apply or never fail, exceptions that swallow a check,
/// duplicate conditions, and facts, catalogs, definitions and sources nothing uses.
///
/// Every finding is a warning with a stable `lint.*` code, a location and a hint. Linting runs when a
/// reviewer asks for it (`rightsgate check`), not on every load, so serving a bundle stays fast.
struct Linter {
    let bundle: PolicyBundle
    private let canonical: CanonicalForm

    init(bundle: PolicyBundle) {
        self.bundle = bundle
        canonical = CanonicalForm(bundle)
    }

    private var schema: FactSchema { bundle.schema }
    private var definitions: [TypedExpression?] { bundle.lint.definitions }

    func run() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        warnings += conditionLints()
        warnings += duplicateConditions()
        warnings += unusedFacts()
        warnings += unusedCatalogsAndDefinitions()
        warnings += unusedSources()
        warnings += templateFacts()
        return warnings
    }

    // MARK: Satisfiability

    /// The satisfiability rules, decided over the check's ``ConditionSpace``. Each warning claims something
    /// about every assignment, so a condition the space cannot decide counts as possibly true and possibly
    /// false: it can only silence a warning, never cause one.
    private func conditionLints() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for trees in bundle.lint.checks {
            guard let check = bundle.check(id: trees.id) else { continue }
            let applies = trees.applies ?? .constant(.bool(true))
            let all = [applies] + trees.rules + trees.exceptions
            let space = ConditionSpace(all, canonical: canonical)
            var canApply = false
            var ruleCanDecide = [Bool](repeating: false, count: trees.rules.count)
            var canPass = false
            var exceptionAlwaysCovers = !trees.exceptions.isEmpty
            var canFail = false
            let enumerated = space.forEach { a in
                guard space.truth(applies, a) != .no else { return true }
                canApply = true
                // Rules are tried in order: a rule may decide unless an earlier one certainly holds.
                var decided = false, mayFail = false
                for (i, rule) in trees.rules.enumerated() where !decided {
                    let holds = space.truth(rule, a)
                    guard holds != .no else { continue }
                    ruleCanDecide[i] = true
                    mayFail = true
                    decided = holds == .yes
                }
                if mayFail {
                    canFail = true
                    if !trees.exceptions.contains(where: { space.truth($0, a) == .yes }) { exceptionAlwaysCovers = false }
                }
                if !decided { canPass = true }
                return true
            }
            guard enumerated else { continue }
            if trees.applies != nil && !canApply {
                // The check's own location: the compiled check does not keep where `applies_when` is written.
                warnings.append(.warning(
                    .lintNeverApplies, "check `\(check.id)` can never apply: no values of the schema's enumerations satisfy `applies_when`",
                    at: check.location, help: "look for contradictory conditions such as `a == \"x\" and a == \"y\"`"))
                continue
            }
            if !canFail {
                warnings.append(.warning(
                    .lintNeverFails, "check `\(check.id)` can never fail when it applies", at: check.rules.first?.location ?? check.location,
                    help: "the failure condition contradicts `applies_when` or the schema's enumerations"))
                continue
            }
            for (i, decides) in ruleCanDecide.enumerated() where !decides && trees.rules.count > 1 {
                warnings.append(.warning(
                    .lintUnreachableRule, "failure rule \(i + 1) of check `\(check.id)` can never decide: earlier rules always take its cases",
                    at: check.rules[i].location, help: "order graded rules from most to least specific, or remove this one"))
            }
            if exceptionAlwaysCovers {
                warnings.append(.warning(
                    .lintExceptionAlwaysApplies, "check `\(check.id)` can never fail: an exception applies whenever it would",
                    at: check.exceptions.first?.location ?? check.location, help: "narrow the exception, or remove the check"))
            } else if !canPass, space.atoms.isEmpty {
                warnings.append(.warning(
                    .lintAlwaysFails, "check `\(check.id)` fails whenever it applies", at: check.rules.first?.location ?? check.location,
                    help: "if that is intended, say it in `applies_when` and use `fails_when: true`; otherwise a condition may be inverted"))
            }
        }
        return warnings
    }

    // MARK: Duplicates

    private func duplicateConditions() -> [Diagnostic] {
        var seen: [String: String] = [:]
        var warnings: [Diagnostic] = []
        for trees in bundle.lint.checks {
            let key = (trees.applies.map { canonical($0) } ?? "true") + " ⇒ " + trees.rules.map { canonical($0) }.joined(separator: " | ")
            if let first = seen[key], let check = bundle.check(id: trees.id), let original = bundle.check(id: first) {
                warnings.append(.warning(
                    .lintDuplicateCondition, "check `\(trees.id)` has the same conditions as check `\(first)`", at: check.location,
                    help: "merge the two checks, or make their conditions say what differs",
                    related: [.init(location: original.location, message: "`\(first)` is here")]))
            } else {
                seen[key] = trees.id
            }
        }
        return warnings
    }

    // MARK: Unused things

    private func unusedFacts() -> [Diagnostic] {
        var read: Set<Int> = []
        for trees in bundle.lint.checks { read.formUnion(trees.reads); read.formUnion(trees.explanationReads) }
        // A group counts as read when any member is.
        for slot in read { var parent = schema.slots[slot].parent; while let p = parent { read.insert(p); parent = schema.slots[p].parent } }
        var warnings: [Diagnostic] = []
        for slot in schema.slots where slot.type != nil && !read.contains(slot.index) && !slot.informational {
            if slot.index == schema.requestIDSlot { continue }
            warnings.append(.warning(
                .lintUnusedFact, "fact `\(slot.path)` is declared but no check reads it", at: slot.location,
                help: "use it in a check, remove it, or mark it `informational: true` if it is carried for the record"))
        }
        return warnings
    }

    /// Catalogs and definitions referenced from the checks, following definitions transitively.
    private func references() -> (catalogs: Set<Int>, constantKeys: [Int: Set<String>], variableKeys: Set<Int>, definitions: Set<Int>) {
        var catalogs: Set<Int> = []
        var constantKeys: [Int: Set<String>] = [:]
        var variableKeys: Set<Int> = []
        var used: Set<Int> = []
        func keyText(_ c: Constant) -> String? {
            switch c {
            case let .enumCase(i, e): Int(i) < e.values.count ? e.values[Int(i)] : nil
            case let .string(s): s
            default: nil
            }
        }
        func visit(_ e: TypedExpression) {
            switch e {
            case let .definition(index, _):
                if used.insert(index).inserted, let d = definitions[index] { visit(d) }
            case let .inCatalog(key, catalog, _):
                catalogs.insert(catalog)
                if let k = key.constantValue.flatMap(keyText) { constantKeys[catalog, default: []].insert(k) } else { variableKeys.insert(catalog) }
                visit(key)
            case let .catalogAttribute(key, catalog, _, _):
                catalogs.insert(catalog)
                if let k = key.constantValue.flatMap(keyText) { constantKeys[catalog, default: []].insert(k) } else { variableKeys.insert(catalog) }
                visit(key)
            case let .not(x), let .negate(x), let .toDecimal(x), let .toDatetime(x), let .valuePresence(x, _): visit(x)
            case let .field(x, _, _): visit(x)
            case let .and(l, r), let .or(l, r), let .compare(_, l, r), let .arithmetic(_, l, r, _), let .inList(l, r, _):
                visit(l); visit(r)
            case let .inConstants(x, _, _): visit(x)
            case let .builtin(_, args, _): args.forEach(visit)
            case let .list(items, _): items.forEach(visit)
            case let .quantified(_, list, body, _): visit(list); visit(body)
            case .constant, .fact, .slotPresence, .local: break
            }
        }
        for trees in bundle.lint.checks {
            trees.applies.map(visit)
            trees.rules.forEach(visit)
            trees.exceptions.forEach(visit)
            trees.templates.forEach(visit)
        }
        return (catalogs, constantKeys, variableKeys, used)
    }

    private func unusedCatalogsAndDefinitions() -> [Diagnostic] {
        let refs = references()
        var warnings: [Diagnostic] = []
        for (index, catalog) in bundle.catalogs.enumerated() {
            guard refs.catalogs.contains(index) else {
                warnings.append(.warning(
                    .lintUnusedCatalogEntry, "catalog `\(catalog.name)` is not used by any check", at: catalog.location,
                    help: "use it in a condition (`x in \(catalog.name)` or `\(catalog.name)[x].attribute`) or remove it"))
                continue
            }
            guard !refs.variableKeys.contains(index) else { continue }
            let keys = refs.constantKeys[index] ?? []
            for entry in catalog.entries where !keys.contains(entry.key) {
                warnings.append(.warning(
                    .lintUnusedCatalogEntry, "entry `\(entry.key)` of catalog `\(catalog.name)` is never looked up", at: entry.location,
                    help: "conditions only look this catalog up with fixed keys, and never with this one"))
            }
        }
        for (index, definition) in bundle.definitions.enumerated() where !refs.definitions.contains(index) {
            warnings.append(.warning(
                .lintUnusedDefinition, "definition `\(definition.name.value)` is not used by any check", at: definition.name.location,
                help: "use it or remove it"))
        }
        return warnings
    }

    private func unusedSources() -> [Diagnostic] {
        var cited: Set<String> = []
        for check in bundle.checks {
            for c in check.citations { cited.insert(c.source.id) }
            for e in check.exceptions { for c in e.citations { cited.insert(c.source.id) } }
        }
        return bundle.sources.values.filter { !cited.contains($0.id) }.sorted { $0.location < $1.location }.map { source in
            .warning(.lintUnusedSource, "source `\(source.id)` is cited by no check", at: source.location,
                     help: "cite it where the law relies on it, or remove it from the registry this bundle reads")
        }
    }

    private func templateFacts() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for trees in bundle.lint.checks {
            // Facts marked informational identify the action (an address, a name) and may be shown freely.
            let extra = trees.explanationReads.subtracting(trees.reads).filter { schema.slots[$0].type != nil && !schema.slots[$0].informational }
            guard !extra.isEmpty, let check = bundle.check(id: trees.id) else { continue }
            let names = extra.map { "`\(schema.slots[$0].path)`" }.sorted().joined(separator: ", ")
            warnings.append(.warning(
                .lintTemplateUnreadFact, "the texts of check `\(check.id)` show \(names), which its conditions do not read",
                at: check.location,
                help: "an explanation should name the facts that decided; read the fact in a condition, drop it from the text, or mark it `informational: true` in the schema if it only identifies the action"))
        }
        return warnings
    }
}

extension DiagnosticCode {
    public static let lintNeverApplies = DiagnosticCode("lint.never-applies")
    public static let lintNeverFails = DiagnosticCode("lint.never-fails")
    public static let lintUnreachableRule = DiagnosticCode("lint.unreachable-rule")
    public static let lintAlwaysFails = DiagnosticCode("lint.always-fails")
    public static let lintExceptionAlwaysApplies = DiagnosticCode("lint.exception-always-applies")
    public static let lintDuplicateCondition = DiagnosticCode("lint.duplicate-condition")
    public static let lintUnusedFact = DiagnosticCode("lint.unused-fact")
    public static let lintUnusedCatalogEntry = DiagnosticCode("lint.unused-catalog-entry")
    public static let lintUnusedDefinition = DiagnosticCode("lint.unused-definition")
    public static let lintUnusedSource = DiagnosticCode("lint.unused-source")
    public static let lintTemplateUnreadFact = DiagnosticCode("lint.template-unread-fact")
}
