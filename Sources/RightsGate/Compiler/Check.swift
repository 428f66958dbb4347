/// A compiled check: its legal metadata (for explanations and the policy book) and its compiled conditions.
///
/// Immutable and `Sendable`; built once per bundle by ``BundleCompiler``.
public final class Check: Sendable {
    /// One graded failure condition; the first that holds decides the outcome.
    public struct FailureRule: Sendable {
        public let outcome: Outcome
        /// The condition as written, for the policy book.
        public let condition: String
        public let location: SourceLocation
        let code: BoolCode
        let typed: TypedExpression
        let explanation: [String: Template]?
        let remedy: [String: Template]?
    }

    /// A case in which the check does not count against the action even though it fails.
    public struct Exception: Sendable {
        public let id: String
        public let condition: String
        public let reason: LocalizedText?
        public let citations: [Citation]
        public let location: SourceLocation
        let code: BoolCode
        let typed: TypedExpression
    }

    public let id: String
    /// Position in the bundle (declaration order across files sorted by path).
    public let index: Int
    public let title: LocalizedText
    public let description: LocalizedText?
    public let appliesWhen: String?
    public let rules: [FailureRule]
    /// What an unknown result leads to (never `allow`).
    public let onMissing: Outcome
    public let citations: [Citation]
    public let exceptions: [Exception]
    /// Effective dates in days since 1970-01-01, inclusive.
    public let effectiveFrom: Int32?
    public let effectiveUntil: Int32?
    public let mode: CheckMode
    public let tags: [String]
    public let location: SourceLocation
    /// Paths of the facts this check reads, sorted.
    public var factPaths: [String] { factSlots.map { schema.slots[$0].path } }

    let schema: FactSchema
    /// Facts the conditions read: missing ones make the check unknown.
    let factSlots: [Int]
    /// Facts the conditions and the texts read: what an explanation shows.
    let displaySlots: [Int]
    let applies: BoolCode?
    let appliesTyped: TypedExpression?
    let explanation: [String: Template]
    let remedy: [String: Template]
    /// The whole check as one closure: effective dates, applicability, the graded rules in order and the
    /// exceptions, composed once at load. Evaluation makes one call per check and reads no arrays or
    /// optional properties, which is what keeps reference counting off the hot path.
    let code: CheckCodeBox

    init(
        id: String, index: Int, title: LocalizedText, description: LocalizedText?, appliesWhen: String?,
        applies: BoolCode?, appliesTyped: TypedExpression?, rules: [FailureRule], onMissing: Outcome,
        citations: [Citation], exceptions: [Exception], effectiveFrom: Int32?, effectiveUntil: Int32?, mode: CheckMode,
        tags: [String], location: SourceLocation, schema: FactSchema, factSlots: [Int], displaySlots: [Int],
        explanation: [String: Template], remedy: [String: Template]
    ) {
        self.id = id
        self.index = index
        self.title = title
        self.description = description
        self.appliesWhen = appliesWhen
        self.applies = applies
        self.appliesTyped = appliesTyped
        self.rules = rules
        self.onMissing = onMissing
        self.citations = citations
        self.exceptions = exceptions
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.mode = mode
        self.tags = tags
        self.location = location
        self.schema = schema
        self.factSlots = factSlots
        self.displaySlots = displaySlots
        self.explanation = explanation
        self.remedy = remedy
        code = CheckCodeBox(Self.compose(
            applies: applies, rules: rules, exceptions: exceptions, onMissing: onMissing, from: effectiveFrom,
            until: effectiveUntil))
    }

    /// The most severe outcome this check can produce.
    public var worstOutcome: Outcome { (rules.map(\.outcome) + [onMissing]).max() ?? onMissing }

    /// Evaluates the check: in force? applies? the first failure rule that holds? an exception?
    @inline(__always)
    func evaluate(_ facts: FactTable, _ context: inout EvalContext) -> CheckResult {
        code.run(facts, &context)
    }

    /// Builds the check's closure from the inside out: rules (first that holds decides; an unknown rule
    /// makes the check unknown), then exceptions (one that holds excuses the failure; one that might hold
    /// leaves it unknown, for a lawyer), then applicability, then effective dates.
    ///
    /// An unknown result stands for every outcome the missing facts could lead to, so it counts as
    /// `on_missing` only when nothing the given facts show is more severe: after an unknown rule, the later
    /// rules that hold or might hold (up to the first that surely holds) could decide in its place; under an
    /// unknown `applies_when`, the body's result if the check applies. Withholding a fact must never give an
    /// outcome milder than every outcome its values could give.
    ///
    /// Rules and exceptions are passed as their structs, not as arrays of closures: a closure taken out of
    /// an array comes back behind a reabstraction thunk that copies the fact table on every call.
    static func compose(
        applies: BoolCode?, rules: [FailureRule], exceptions: [Exception], onMissing: Outcome, from: Int32?, until: Int32?
    ) -> CheckCode {
        // Built from the last rule back, so each rule's closure captures the one after it. `rulesCode` runs the
        // rules from a position; `later` gives the most severe outcome the rules from a position could still
        // decide (`allow` if none can), for an unknown rule before them.
        var rulesCode: CheckCode = { _, _ in CheckResult(status: .passed) }
        var later: @Sendable (FactTable, inout EvalContext) -> Outcome = { _, _ in .allow }
        for index in rules.indices.reversed() {
            let condition = rules[index].code
            let outcome = rules[index].outcome
            let rule = Int32(index)
            let next = rulesCode, nextLater = later
            rulesCode = { facts, context in
                switch condition(facts, &context) {
                case .yes: CheckResult(status: .failed, outcome: outcome, rule: rule)
                case .unknown:
                    CheckResult(status: .unknown, outcome: Swift.max(onMissing, nextLater(facts, &context)), rule: rule)
                case .no: next(facts, &context)
                }
            }
            later = { facts, context in
                switch condition(facts, &context) {
                case .yes: outcome
                case .unknown: Swift.max(outcome, nextLater(facts, &context))
                case .no: nextLater(facts, &context)
                }
            }
        }
        var code = rulesCode
        if !exceptions.isEmpty {
            let decide = code
            func excepted(_ index: Int) -> @Sendable (FactTable, inout EvalContext, Bool) -> Int32? {
                guard index < exceptions.count else { return { _, _, sawUnknown in sawUnknown ? -1 : nil } }
                let condition = exceptions[index].code
                let next = excepted(index + 1)
                let position = Int32(index)
                return { facts, context, sawUnknown in
                    switch condition(facts, &context) {
                    case .yes: position
                    case .unknown: next(facts, &context, true)
                    case .no: next(facts, &context, sawUnknown)
                    }
                }
            }
            let exceptionCode = excepted(0)
            code = { facts, context in
                let result = decide(facts, &context)
                guard result.counts else { return result }
                guard let index = exceptionCode(facts, &context, false) else { return result }
                if index < 0 {
                    // A failure that might be excused: a lawyer decides, at `on_missing` (or at what an unknown
                    // rule already led to).
                    let outcome = result.status == .unknown ? result.outcome : onMissing
                    return CheckResult(status: .unknown, outcome: outcome, rule: result.rule)
                }
                return CheckResult(status: .excepted, exception: index)
            }
        }
        if let applies {
            let body = code
            code = { facts, context in
                switch applies(facts, &context) {
                case .yes: return body(facts, &context)
                case .no: return CheckResult(status: .notApplicable)
                case .unknown:
                    // If it applies, what would the body give? A failure it makes certain is not hidden.
                    let result = body(facts, &context)
                    return CheckResult(status: .unknown, outcome: result.counts ? Swift.max(onMissing, result.outcome) : onMissing)
                }
            }
        }
        if from != nil || until != nil {
            let body = code
            let first = from ?? .min, last = until ?? .max
            code = { facts, context in
                context.asOfDay < first || context.asOfDay > last ? CheckResult(status: .notInForce) : body(facts, &context)
            }
        }
        return code
    }

    func explanationTemplate(_ result: CheckResult, language: String) -> Template? {
        if result.rule >= 0, let t = rules[Int(result.rule)].explanation?[language] { return t }
        return explanation[language] ?? explanation["en"]
    }

    func remedyTemplate(_ result: CheckResult, language: String) -> Template? {
        if result.rule >= 0, let t = rules[Int(result.rule)].remedy?[language] { return t }
        return remedy[language] ?? remedy["en"]
    }
}

/// What happened to one check in one evaluation. Twelve bytes; an evaluation holds one per check. Rule and
/// exception positions are 32-bit: a check may have any number of either, and a narrower index would wrap
/// and record the wrong rule or exception (or none).
public struct CheckResult: Sendable, Hashable {
    public enum Status: UInt8, Sendable, CaseIterable {
        /// The check's effective dates do not cover the as-of date.
        case notInForce
        /// `applies_when` is false.
        case notApplicable
        case passed
        case failed
        /// A fact it needs is missing (or an exception might apply): counted as its `on_missing` outcome.
        case unknown
        /// It failed, but an exception applies.
        case excepted

        public var name: String {
            switch self {
            case .notInForce: "not_in_force"
            case .notApplicable: "not_applicable"
            case .passed: "passed"
            case .failed: "failed"
            case .unknown: "unknown"
            case .excepted: "excepted"
            }
        }
    }

    public let status: Status
    /// For `failed` and `unknown`: the outcome it leads to. `allow` otherwise.
    public let outcome: Outcome
    /// Index of the failure rule that decided, or -1.
    let rule: Int32
    /// Index of the exception that applied, or -1.
    let exception: Int32

    init(status: Status, outcome: Outcome = .allow, rule: Int32 = -1, exception: Int32 = -1) {
        self.status = status
        self.outcome = outcome
        self.rule = rule
        self.exception = exception
    }

    /// Whether this result pushes the decision above `allow` (before considering the check's mode).
    var counts: Bool { status == .failed || status == .unknown }
}

/// A compiled check's closure in a struct, so arrays of them keep the closure's natural calling convention
/// (an array of bare closures stores them behind reabstraction thunks).
struct CheckCodeBox: Sendable {
    let run: CheckCode

    init(_ run: @escaping CheckCode) { self.run = run }
}
