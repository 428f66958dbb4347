/// Three-valued truth (Kleene logic): a condition over missing facts is `unknown`, never quietly false.
@frozen
public enum Tri: UInt8, Sendable {
    case no = 0
    case yes = 1
    case unknown = 2

    @inline(__always) init(_ value: Bool) { self = value ? .yes : .no }

    @inline(__always) var negated: Tri {
        switch self {
        case .no: .yes
        case .yes: .no
        case .unknown: .unknown
        }
    }
}

/// Per-evaluation state beside the facts: the values bound by quantifiers and the as-of date.
struct EvalContext {
    var locals: [FactValue]
    /// Where the locals of the expression being evaluated start. A definition numbers its quantifier
    /// variables from 0, like any expression, so entering a definition that binds variables moves the base
    /// to the end of the caller's locals (it cannot see them anyway).
    var localBase: Int
    /// The as-of date in days since 1970-01-01: "today" for `days_since` and effective dates.
    let asOfDay: Int32

    init(asOfDay: Int32) {
        locals = []
        localBase = 0
        self.asOfDay = asOfDay
    }
}

typealias BoolCode = @Sendable (FactTable, inout EvalContext) -> Tri
typealias IntegerCode = @Sendable (FactTable, inout EvalContext) -> Int64?
typealias DecimalCode = @Sendable (FactTable, inout EvalContext) -> Double?
/// Enum indices and dates (days) share the 32-bit form.
typealias Int32Code = @Sendable (FactTable, inout EvalContext) -> Int32?
typealias StringCode = @Sendable (FactTable, inout EvalContext) -> String?
/// The general form, for lists, objects, variables and catalog attributes; `.missing` means unknown.
typealias ValueCode = @Sendable (FactTable, inout EvalContext) -> FactValue
/// A whole compiled check.
typealias CheckCode = @Sendable (FactTable, inout EvalContext) -> CheckResult
