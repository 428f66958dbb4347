/// Compiler pass: resolves, type-checks and compiles every check, its templates and its citations.
struct CheckCompiler {
    var diagnostics: [Diagnostic] = []
    var checker: TypeChecker
    let languages: [String]
    let sources: [String: LegalSource]
    let schema: FactSchema
    /// Typed trees kept for the linter and the policy book.
    private(set) var lintChecks: [BundleLintInput.CheckTrees] = []
    /// Typed placeholders of the check being compiled.
    private var templatePlaceholders: [TypedExpression] = []

    init(checker: TypeChecker, languages: [String], sources: [String: LegalSource], schema: FactSchema) {
        self.checker = checker
        self.languages = languages
        self.sources = sources
        self.schema = schema
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    mutating func compile(_ syntaxes: [CheckSyntax], compiler: ExpressionCompiler) -> [Check] {
        var checks: [Check] = []
        var seen: [String: SourceLocation] = [:]
        for syntax in syntaxes {
            let id = syntax.id.value
            if let first = seen[id] {
                diagnostics.append(.error(
                    .checkDuplicateID, "check id `\(id)` is used twice", at: syntax.id.location,
                    help: "every check needs its own id; decisions and tests refer to checks by id",
                    related: [.init(location: first, message: "first used here")]))
                continue
            }
            seen[id] = syntax.id.location
            if !Self.isValidID(id) {
                diagnostics.append(.error(
                    .checkInvalidID, "check id `\(id)` must be lowercase letters, digits and hyphens", at: syntax.id.location,
                    help: "e.g. `no-cohosted-collateral`"))
            }
            if let check = compile(syntax, index: checks.count, compiler: compiler) { checks.append(check) }
        }
        return checks
    }

    private mutating func requiredText(_ text: LocalizedTextSyntax?, _ key: String, of check: CheckSyntax) -> LocalizedText? {
        guard let text else {
            diagnostics.append(.error(
                .structureMissingKey, "check `\(check.id.value)` is missing `\(key)`", at: check.id.location,
                help: "give it in every bundle language: \(languages.map { "`\($0)`" }.joined(separator: ", "))"))
            return nil
        }
        checkLanguages(text, "the \(key) of check `\(check.id.value)`", required: true)
        return LocalizedText(text.texts.mapValues(\.value))
    }

    private mutating func checkLanguages(_ text: LocalizedTextSyntax, _ what: String, required: Bool) {
        for language in languages where text.texts[language] == nil {
            diagnostics.append(Diagnostic(
                required ? .error : .warning, required ? .checkMissingTranslation : .lintMissingTranslation,
                "\(what) has no `\(language)` text", at: text.location,
                help: "the bundle declares languages \(languages.map { "`\($0)`" }.joined(separator: ", "))"))
        }
    }

    private mutating func outcome(_ located: Located<String>, what: String) -> Outcome? {
        guard let outcome = Outcome(rawValue: located.value), outcome != .allow else {
            let help = located.value == "allow"
                ? "a failing check cannot allow; if the check should only inform, use `mode: shadow`"
                : located.value == "condition" ? "write `allow_with_conditions`"
                : Suggestions.didYouMean(located.value, among: Outcome.failureOutcomes.map(\.rawValue))
                    ?? "use `deny`, `escalate` or `allow_with_conditions`"
            diagnostics.append(.error(.structureInvalidValue, "`\(located.value)` is not a valid \(what)", at: located.location, help: help))
            return nil
        }
        return outcome
    }

    private mutating func date(_ located: Located<String>?, _ key: String) -> Int32?? {
        guard let located else { return .some(nil) }
        guard let day = CivilDate.parseDate(located.value) else {
            diagnostics.append(.error(.checkEffectiveDates, "`\(key)` must be a date written YYYY-MM-DD", at: located.location))
            return nil
        }
        return .some(day)
    }

    mutating func citations(_ syntaxes: [CitationSyntax]) -> [Citation] {
        var result: [Citation] = []
        for citation in syntaxes {
            guard let source = sources[citation.source.value] else {
                diagnostics.append(.error(
                    .sourceUnresolved, "citation `\(citation.source.value)` does not resolve to a source in the registry",
                    at: citation.source.location,
                    help: Suggestions.didYouMean(citation.source.value, among: sources.keys)
                        ?? "add an entry with this id to the source registry (`seeds/sources/`)"))
                continue
            }
            if let pinpoint = citation.pinpoint, !source.pinpoints.contains(where: { $0.ref == pinpoint.value }) {
                let refs = source.pinpoints.map(\.ref)
                diagnostics.append(.error(
                    .sourceUnknownPinpoint, "source `\(source.id)` has no pinpoint `\(pinpoint.value)`", at: pinpoint.location,
                    help: Suggestions.didYouMean(pinpoint.value, among: refs)
                        ?? "declared pinpoints: \(refs.map { "`\($0)`" }.joined(separator: ", ")); add it to the registry entry first"))
                continue
            }
            result.append(Citation(source: source, pinpoint: citation.pinpoint?.value))
        }
        return result
    }

    /// Compiles `{…}` templates for every language of a text.
    mutating func templates(_ text: LocalizedTextSyntax?, compiler: ExpressionCompiler, reads: inout Set<Int>) -> [String: Template] {
        guard let text else { return [:] }
        var result: [String: Template] = [:]
        for (language, source) in text.sources {
            let raw = source.text
            switch Template.split(raw) {
            case let .failure(error):
                diagnostics.append(.error(
                    .templateSyntax, error.message, at: source.positions.location(offset: error.offset, length: error.length),
                    help: error.help))
            case let .success(parts):
                var segments: [Template.Segment] = []
                var ok = true
                for part in parts {
                    if !part.isPlaceholder {
                        segments.append(.text(part.text))
                        continue
                    }
                    let before = checker.diagnostics.count
                    guard let (typed, placeholderReads) = checker.check(
                        source, text: part.text, offset: part.offset, expecting: nil, what: "a placeholder")
                    else {
                        ok = false
                        for i in before..<checker.diagnostics.count where checker.diagnostics[i].code == .schemaUnknownFact {
                            let d = checker.diagnostics[i]
                            checker.diagnostics[i] = .error(.templateUnknownFact, d.message + " in a placeholder", at: d.location, help: d.help)
                        }
                        continue
                    }
                    reads.formUnion(placeholderReads)
                    templatePlaceholders.append(typed)
                    segments.append(.value(compiler.value(typed), typed.type, source: String(part.text.trimmingSpaces)))
                }
                if ok {
                    var trimmed = segments
                    if case let .text(last)? = trimmed.last { trimmed[trimmed.count - 1] = .text(last.trimmingTrailingNewlines()) }
                    result[language] = Template(segments: trimmed)
                }
            }
        }
        return result
    }

    private mutating func compile(_ syntax: CheckSyntax, index: Int, compiler: ExpressionCompiler) -> Check? {
        let id = syntax.id.value
        templatePlaceholders = []
        let errorsBefore = diagnostics.errorCount + checker.diagnostics.errorCount
        let title = requiredText(syntax.title, "title", of: syntax)
        // The explanation and remedy are compiled to templates below; here they are only checked for presence
        // and languages.
        _ = requiredText(syntax.explanation, "explanation", of: syntax)
        _ = requiredText(syntax.remedy, "remedy", of: syntax)
        if let description = syntax.description { checkLanguages(description, "the description of check `\(id)`", required: false) }

        var reads: Set<Int> = []
        var applies: (TypedExpression, BoolCode)?
        if let source = syntax.appliesWhen, let (typed, r) = checker.checkCondition(source, what: "`applies_when`") {
            reads.formUnion(r)
            applies = (typed, compiler.bool(typed))
        }

        var rules: [Check.FailureRule] = []
        var explanationReads: Set<Int> = []
        for rule in syntax.failureRules {
            let outcome = outcome(rule.outcome, what: "outcome")
            guard let (typed, r) = checker.checkCondition(rule.when, what: rule.location == rule.when.location ? "`fails_when`" : "`when`"),
                let outcome
            else { continue }
            reads.formUnion(r)
            if let e = rule.explanation { checkLanguages(e, "the explanation of a `fails` item of `\(id)`", required: false) }
            if let r = rule.remedy { checkLanguages(r, "the remedy of a `fails` item of `\(id)`", required: false) }
            rules.append(Check.FailureRule(
                outcome: outcome, condition: rule.when.text, location: rule.when.location, code: compiler.bool(typed),
                typed: typed,
                explanation: rule.explanation.map { templates($0, compiler: compiler, reads: &explanationReads) },
                remedy: rule.remedy.map { templates($0, compiler: compiler, reads: &explanationReads) }))
        }

        let onMissing = syntax.onMissing.flatMap { outcome($0, what: "`on_missing` outcome") } ?? .escalate

        let checkCitations = citations(syntax.cites)
        if syntax.cites.isEmpty {
            diagnostics.append(.warning(
                .checkNoCitation, "check `\(id)` cites no legal source", at: syntax.id.location,
                help: "add `cites:` with at least one source id and pinpoint from the registry"))
        } else if !syntax.cites.contains(where: { $0.pinpoint != nil }) {
            diagnostics.append(.warning(
                .checkNoCitation, "check `\(id)` cites no source with a pinpoint", at: syntax.cites[0].location,
                help: "name the article, paragraph or headnote relied on: `{source: id, pinpoint: \"§ 38\"}`"))
        }

        var exceptions: [Check.Exception] = []
        var exceptionIDs: Set<String> = []
        for exception in syntax.exceptions {
            if !exceptionIDs.insert(exception.id.value).inserted {
                diagnostics.append(.error(.checkDuplicateID, "exception `\(exception.id.value)` appears twice in check `\(id)`", at: exception.id.location))
            }
            if !Self.isValidID(exception.id.value) {
                diagnostics.append(.error(
                    .checkInvalidID, "exception id `\(exception.id.value)` must be lowercase letters, digits and hyphens",
                    at: exception.id.location, help: "e.g. `court-order`; decisions record the exception by its id"))
            }
            // The reason is what the decision records for an excepted check: without it the record says nothing.
            if let reason = exception.reason {
                checkLanguages(reason, "the reason of exception `\(exception.id.value)` of check `\(id)`", required: true)
            } else {
                diagnostics.append(.error(
                    .structureMissingKey, "exception `\(exception.id.value)` of check `\(id)` is missing `reason`",
                    at: exception.id.location,
                    help: "say why the failure does not count, in every bundle language: \(languages.map { "`\($0)`" }.joined(separator: ", "))"))
            }
            guard let (typed, r) = checker.checkCondition(exception.when, what: "the exception's `when`") else { continue }
            reads.formUnion(r)
            exceptions.append(Check.Exception(
                id: exception.id.value, condition: exception.when.text,
                reason: exception.reason.map { LocalizedText($0.texts.mapValues(\.value)) },
                citations: citations(exception.cites), location: exception.id.location, code: compiler.bool(typed), typed: typed))
        }

        // Both dates are read (and the rest of the check checked) even when one is invalid: every mistake is
        // reported at once. An invalid date fails the check below, through the error count.
        let from = date(syntax.effectiveFrom, "effective_from") ?? nil
        let until = date(syntax.effectiveUntil, "effective_until") ?? nil
        if let from, let until, from > until {
            diagnostics.append(.error(
                .checkEffectiveDates, "check `\(id)` ends before it starts", at: syntax.effectiveUntil?.location,
                help: "`effective_until` must be on or after `effective_from`"))
        }

        var mode = CheckMode.enforce
        if let m = syntax.mode {
            if let parsed = CheckMode(rawValue: m.value) { mode = parsed } else {
                diagnostics.append(.error(.structureInvalidValue, "`\(m.value)` is not a mode", at: m.location, help: "use `enforce` or `shadow`"))
            }
        }

        let explanation = templates(syntax.explanation, compiler: compiler, reads: &explanationReads)
        let remedy = templates(syntax.remedy, compiler: compiler, reads: &explanationReads)

        guard diagnostics.errorCount + checker.diagnostics.errorCount == errorsBefore, let title else { return nil }
        let byPath: (Int, Int) -> Bool = { schema.slots[$0].path < schema.slots[$1].path }
        let factSlots = reads.sorted(by: byPath)
        let displaySlots = reads.union(explanationReads).sorted(by: byPath)
        lintChecks.append(.init(
            id: id, applies: applies?.0, rules: rules.map(\.typed), exceptions: exceptions.map(\.typed), reads: reads,
            explanationReads: explanationReads, templates: templatePlaceholders, location: syntax.id.location))
        return Check(
            id: id, index: index, title: title,
            description: syntax.description.map { LocalizedText($0.texts.mapValues(\.value)) },
            appliesWhen: syntax.appliesWhen?.text, applies: applies?.1, appliesTyped: applies?.0, rules: rules,
            onMissing: onMissing, citations: checkCitations, exceptions: exceptions, effectiveFrom: from, effectiveUntil: until,
            mode: mode, tags: syntax.tags.map(\.value), location: syntax.id.location, schema: schema, factSlots: factSlots, displaySlots: displaySlots,
            explanation: explanation, remedy: remedy)
    }
}

/// What the linter needs beyond the compiled bundle: typed trees and what each check reads.
struct BundleLintInput: Sendable {
    struct CheckTrees: Sendable {
        let id: String
        let applies: TypedExpression?
        let rules: [TypedExpression]
        let exceptions: [TypedExpression]
        let reads: Set<Int>
        let explanationReads: Set<Int>
        /// Typed template placeholders, so catalogs and definitions used only in texts count as used.
        let templates: [TypedExpression]
        let location: SourceLocation
    }

    var checks: [CheckTrees] = []
    /// Typed definitions by index (nil where a definition had errors).
    var definitions: [TypedExpression?] = []
}
