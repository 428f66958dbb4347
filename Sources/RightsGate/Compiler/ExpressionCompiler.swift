/// Compiler pass: turns typed expressions into closures, once per bundle.
///
/// Each node becomes a closure specialised for its type and shape; reading a fact is an index into the fact
/// table captured at compile time, and the common shapes (`fact == constant`, `fact in [constants]`,
/// `and`/`or`) get dedicated closures, so evaluation does no name lookups, no parsing and no dispatch on
/// types. Any arithmetic problem (overflow, division by zero) makes the value unknown, never false.
final class ExpressionCompiler {
    private let catalogs: [Catalog]
    private let definitions: [TypedExpression?]
    /// Compiled definitions by index (each definition is only ever compiled as one kind), each closure kept in a typed box (a closure stored as `Any`
    /// would be called through a reabstraction thunk on every use).
    private var definitionCodes: [Int: any Sendable] = [:]

    init(catalogs: [Catalog], definitions: [TypedExpression?]) {
        self.catalogs = catalogs
        self.definitions = definitions
    }

    private final class Box<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// Compiles a definition once; every use shares the closure. The box is unwrapped at compile time, so
    /// the closure handed to callers is the concrete one.
    private func definitionCode<T>(_ index: Int, _ make: (TypedExpression) -> T) -> T {
        if let cached = definitionCodes[index] as? Box<T> { return cached.value }
        let code = make(definitions[index]!)
        definitionCodes[index] = Box(code)
        return code
    }

    /// A definition's code, run with its own local numbering. Its variables are numbered from 0 when it is
    /// type-checked, but at run time it may be entered inside a caller's quantifier, whose variables already
    /// occupy the first slots; so the base moves to the end of the caller's locals for the call. A
    /// definition that binds no variable reads none, and runs as it is (callers do not wrap it, so its
    /// closure is not passed through this generic function and keeps its natural calling convention).
    private func scoped<R>(
        _ code: @escaping @Sendable (FactTable, inout EvalContext) -> R
    ) -> @Sendable (FactTable, inout EvalContext) -> R {
        { f, c in
            let saved = c.localBase
            c.localBase = c.locals.count
            defer { c.localBase = saved }
            return code(f, &c)
        }
    }

    // MARK: - Conditions

    func bool(_ e: TypedExpression) -> BoolCode {
        switch e {
        case let .constant(.bool(b)):
            let value = Tri(b)
            return { _, _ in value }
        case let .fact(slot, _):
            return { f, _ in f.bool(slot).map(Tri.init) ?? .unknown }
        case let .slotPresence(slot, test):
            switch test {
            case .isNull: return { f, _ in f.state(slot) == .null ? .yes : f.state(slot) == .present ? .no : .unknown }
            case .isNotNull: return { f, _ in f.state(slot) == .present ? .yes : f.state(slot) == .null ? .no : .unknown }
            case .isPresent: return { f, _ in Tri(f.state(slot) == .present) }
            case .isMissing: return { f, _ in Tri(f.state(slot) != .present) }
            }
        case let .valuePresence(v, test):
            let value = self.value(v)
            return { f, c in
                let x = value(f, &c)
                switch test {
                case .isNull: if case .null = x { return .yes }; return x.isPresent ? .no : .unknown
                case .isNotNull: if case .null = x { return .no }; return x.isPresent ? .yes : .unknown
                case .isPresent: return Tri(x.isPresent)
                case .isMissing: return Tri(!x.isPresent)
                }
            }
        case let .definition(index, _):
            return definitionCode(index) { $0.bindsVariables ? scoped(bool($0)) : bool($0) }
        case let .not(inner):
            let code = bool(inner)
            return { f, c in code(f, &c).negated }
        case let .and(l, r):
            let a = bool(l), b = bool(r)
            return { f, c in
                let x = a(f, &c)
                if x == .no { return .no }
                let y = b(f, &c)
                if y == .no { return .no }
                return x == .yes && y == .yes ? .yes : .unknown
            }
        case let .or(l, r):
            let a = bool(l), b = bool(r)
            return { f, c in
                let x = a(f, &c)
                if x == .yes { return .yes }
                let y = b(f, &c)
                if y == .yes { return .yes }
                return x == .no && y == .no ? .no : .unknown
            }
        case let .compare(op, l, r):
            return compare(op, l, r)
        case let .inConstants(x, constants, negated):
            return inConstants(x, constants, negated: negated)
        case let .inList(x, list, negated):
            let element = value(x), items = value(list)
            return { f, c in
                let needle = element(f, &c)
                guard needle.isPresent, case let .list(values) = items(f, &c) else { return .unknown }
                var sawUnknown = false
                for item in values {
                    if item == needle { return Tri(!negated) }
                    if !item.isPresent { sawUnknown = true }
                }
                return sawUnknown ? .unknown : Tri(negated)
            }
        case let .inCatalog(key, index, negated):
            let catalog = catalogs[index]
            if case .enumeration = key.type {
                let code = int32(key)
                return { f, c in
                    guard let k = code(f, &c) else { return .unknown }
                    return Tri((catalog.entry(enumIndex: k) != nil) != negated)
                }
            }
            let code = string(key)
            return { f, c in
                guard let k = code(f, &c) else { return .unknown }
                return Tri((catalog.entryByString[k] != nil) != negated)
            }
        case let .quantified(quantifier, list, body, _):
            let items = value(list), test = bool(body)
            return { f, c in
                guard case let .list(values) = items(f, &c) else { return .unknown }
                var sawUnknown = false
                var result: Tri?
                c.locals.append(.missing)
                for item in values {
                    c.locals[c.locals.count - 1] = item
                    switch (quantifier, test(f, &c)) {
                    case (.any, .yes), (.none, .yes): result = quantifier == .any ? .yes : .no
                    case (.all, .no): result = .no
                    case (_, .unknown): sawUnknown = true
                    default: break
                    }
                    if result != nil { break }
                }
                c.locals.removeLast()
                if let result { return result }
                if sawUnknown { return .unknown }
                return quantifier == .all ? .yes : quantifier == .any ? .no : .yes
            }
        case let .builtin(fn, args, _):
            let a = string(args[0]), b = string(args[1])
            let test: @Sendable (String, String) -> Bool
            switch fn {
            case .contains: test = { $0.contains($1) }
            case .starts_with: test = { $0.hasPrefix($1) }
            default: test = { $0.hasSuffix($1) }
            }
            return { f, c in
                guard let x = a(f, &c), let y = b(f, &c) else { return .unknown }
                return Tri(test(x, y))
            }
        default:
            let code = value(e)
            return { f, c in
                if case let .bool(b) = code(f, &c) { return Tri(b) }
                return .unknown
            }
        }
    }

    // MARK: Comparisons

    private func compare(_ op: ComparisonOperator, _ l: TypedExpression, _ r: TypedExpression) -> BoolCode {
        switch l.type {
        case .integer:
            // The hot shape: an integer fact against a constant.
            if case let .fact(slot, _) = l, case let .integer(k)? = r.constantValue {
                return Self.ordered(op, { f, _ in f.integer(slot) }, constant: k)
            }
            return Self.ordered(op, integer(l), integer(r))
        case .decimal:
            if case let .fact(slot, _) = l, case let .decimal(k)? = r.constantValue {
                return Self.ordered(op, { f, _ in f.decimal(slot) }, constant: k)
            }
            return Self.ordered(op, decimal(l), decimal(r))
        case .date:
            return Self.ordered(op, int32(l), int32(r))
        case .datetime:
            return Self.ordered(op, integer(l), integer(r))
        case .enumeration:
            if case let .fact(slot, _) = l, case let .enumCase(k, _)? = r.constantValue {
                return Self.ordered(op, { f, _ in f.enumCase(slot) }, constant: k)
            }
            return Self.ordered(op, int32(l), int32(r))
        case .bool:
            let a = bool(l), b = bool(r)
            let equal = op == .equal
            return { f, c in
                let x = a(f, &c), y = b(f, &c)
                guard x != .unknown, y != .unknown else { return .unknown }
                return Tri((x == y) == equal)
            }
        case .string:
            let a = string(l), b = string(r)
            let equal = op == .equal
            return { f, c in
                guard let x = a(f, &c), let y = b(f, &c) else { return .unknown }
                return Tri((x == y) == equal)
            }
        case .list, .object:
            preconditionFailure("the type checker rejects comparisons of lists and objects")
        }
    }

    private static func ordered<T: Comparable & Sendable>(
        _ op: ComparisonOperator, _ a: @escaping @Sendable (FactTable, inout EvalContext) -> T?, constant k: T
    ) -> BoolCode {
        switch op {
        case .equal: return { f, c in a(f, &c).map { Tri($0 == k) } ?? .unknown }
        case .notEqual: return { f, c in a(f, &c).map { Tri($0 != k) } ?? .unknown }
        case .less: return { f, c in a(f, &c).map { Tri($0 < k) } ?? .unknown }
        case .lessEqual: return { f, c in a(f, &c).map { Tri($0 <= k) } ?? .unknown }
        case .greater: return { f, c in a(f, &c).map { Tri($0 > k) } ?? .unknown }
        case .greaterEqual: return { f, c in a(f, &c).map { Tri($0 >= k) } ?? .unknown }
        }
    }

    private static func ordered<T: Comparable & Sendable>(
        _ op: ComparisonOperator, _ a: @escaping @Sendable (FactTable, inout EvalContext) -> T?,
        _ b: @escaping @Sendable (FactTable, inout EvalContext) -> T?
    ) -> BoolCode {
        let test: @Sendable (T, T) -> Bool
        switch op {
        case .equal: test = { $0 == $1 }
        case .notEqual: test = { $0 != $1 }
        case .less: test = { $0 < $1 }
        case .lessEqual: test = { $0 <= $1 }
        case .greater: test = { $0 > $1 }
        case .greaterEqual: test = { $0 >= $1 }
        }
        return { f, c in
            guard let x = a(f, &c), let y = b(f, &c) else { return .unknown }
            return Tri(test(x, y))
        }
    }

    private func inConstants(_ x: TypedExpression, _ constants: [Constant], negated: Bool) -> BoolCode {
        switch x.type {
        case let .enumeration(enumType) where enumType.values.count <= 64:
            var mask: UInt64 = 0
            for case let .enumCase(i, _) in constants { mask |= 1 << UInt64(i) }
            let bits = mask
            if case let .fact(slot, _) = x {
                return { f, _ in
                    guard let i = f.enumCase(slot) else { return .unknown }
                    return Tri((bits & (1 << UInt64(i)) != 0) != negated)
                }
            }
            let code = int32(x)
            return { f, c in
                guard let i = code(f, &c) else { return .unknown }
                return Tri((bits & (1 << UInt64(i)) != 0) != negated)
            }
        case .enumeration, .date:
            let set = Set(constants.compactMap { c -> Int32? in
                switch c {
                case let .enumCase(i, _): i
                case let .date(d): d
                default: nil
                }
            })
            let code = int32(x)
            return { f, c in code(f, &c).map { Tri(set.contains($0) != negated) } ?? .unknown }
        case .string:
            let values = constants.compactMap { c -> String? in if case let .string(s) = c { return s }; return nil }
            let code = string(x)
            if values.count <= 8 {
                return { f, c in code(f, &c).map { Tri(values.contains($0) != negated) } ?? .unknown }
            }
            let set = Set(values)
            return { f, c in code(f, &c).map { Tri(set.contains($0) != negated) } ?? .unknown }
        case .integer, .datetime:
            let set = Set(constants.compactMap { c -> Int64? in
                switch c {
                case let .integer(i): i
                case let .datetime(s): s
                default: nil
                }
            })
            let code = integer(x)
            return { f, c in code(f, &c).map { Tri(set.contains($0) != negated) } ?? .unknown }
        case .decimal:
            let values = constants.compactMap { c -> Double? in if case let .decimal(d) = c { return d }; return nil }
            let code = decimal(x)
            return { f, c in code(f, &c).map { Tri(values.contains($0) != negated) } ?? .unknown }
        case .bool:
            let values = constants.compactMap { c -> Bool? in if case let .bool(b) = c { return b }; return nil }
            let code = bool(x)
            return { f, c in
                let v = code(f, &c)
                guard v != .unknown else { return .unknown }
                return Tri(values.contains(v == .yes) != negated)
            }
        case .list, .object:
            preconditionFailure("the type checker rejects lists on the left of `in`")
        }
    }

    // MARK: - Typed values

    func integer(_ e: TypedExpression) -> IntegerCode {
        switch e {
        case let .constant(.integer(k)), let .constant(.datetime(k)):
            return { _, _ in k }
        case let .fact(slot, _):
            return { f, _ in f.integer(slot) }
        case let .definition(index, _):
            return definitionCode(index) { $0.bindsVariables ? scoped(integer($0)) : integer($0) }
        case let .toDatetime(inner):
            let code = int32(inner)
            return { f, c in code(f, &c).map { Int64($0) * 86_400 } }
        case let .negate(inner):
            let code = integer(inner)
            return { f, c in
                guard let v = code(f, &c), v != .min else { return nil }
                return -v
            }
        case let .arithmetic(op, l, r, type):
            let a = integer(l), b = integer(r)
            let scale: Int64 = type == .datetime ? 86_400 : 1
            switch op {
            case .plus: return { f, c in Self.checked(a(f, &c), b(f, &c).flatMap { Self.checkedTimes($0, scale) }) { $0.addingReportingOverflow($1) } }
            case .minus: return { f, c in Self.checked(a(f, &c), b(f, &c).flatMap { Self.checkedTimes($0, scale) }) { $0.subtractingReportingOverflow($1) } }
            case .times: return { f, c in Self.checked(a(f, &c), b(f, &c)) { $0.multipliedReportingOverflow(by: $1) } }
            case .divide: preconditionFailure("division is typed decimal")
            }
        case let .quantified(_, list, body, _):
            let items = value(list), test = bool(body)
            return { f, c in
                guard case let .list(values) = items(f, &c) else { return nil }
                var count: Int64 = 0
                c.locals.append(.missing)
                defer { c.locals.removeLast() }
                for item in values {
                    c.locals[c.locals.count - 1] = item
                    switch test(f, &c) {
                    case .yes: count += 1
                    case .unknown: return nil
                    case .no: break
                    }
                }
                return count
            }
        case let .builtin(fn, args, _):
            switch fn {
            case .len:
                let code = value(args[0])
                return { f, c in
                    switch code(f, &c) {
                    case let .list(items): Int64(items.count)
                    case let .string(s): Int64(s.unicodeScalars.count)
                    default: nil
                    }
                }
            case .days_since:
                if args[0].type == .date {
                    let code = int32(args[0])
                    return { f, c in code(f, &c).map { Int64(c.asOfDay) - Int64($0) } }
                }
                let code = integer(args[0])
                return { f, c in code(f, &c).map { Int64(c.asOfDay) - Self.floorDiv($0, 86_400) } }
            case .days_between:
                let a = integer(args[0]), b = integer(args[1])
                return { f, c in
                    guard let x = a(f, &c), let y = b(f, &c) else { return nil }
                    return Self.floorDiv(y, 86_400) - Self.floorDiv(x, 86_400)
                }
            case .min, .max:
                let a = integer(args[0]), b = integer(args[1])
                let isMin = fn == .min
                return { f, c in
                    guard let x = a(f, &c), let y = b(f, &c) else { return nil }
                    return isMin ? Swift.min(x, y) : Swift.max(x, y)
                }
            case .abs:
                let code = integer(args[0])
                return { f, c in
                    guard let v = code(f, &c), v != .min else { return nil }
                    return Swift.abs(v)
                }
            default:
                preconditionFailure("builtin \(fn) is not an integer")
            }
        default:
            let code = value(e)
            return { f, c in
                switch code(f, &c) {
                case let .integer(i), let .datetime(i): i
                default: nil
                }
            }
        }
    }

    func decimal(_ e: TypedExpression) -> DecimalCode {
        switch e {
        case let .constant(.decimal(k)):
            return { _, _ in k }
        case let .fact(slot, _):
            return { f, _ in f.decimal(slot) }
        case let .definition(index, _):
            return definitionCode(index) { $0.bindsVariables ? scoped(decimal($0)) : decimal($0) }
        case let .toDecimal(inner):
            let code = integer(inner)
            return { f, c in code(f, &c).map { Double($0) } }
        case let .negate(inner):
            let code = decimal(inner)
            return { f, c in code(f, &c).map { -$0 } }
        case let .arithmetic(op, l, r, _):
            let a = decimal(l), b = decimal(r)
            let operation: @Sendable (Double, Double) -> Double
            switch op {
            case .plus: operation = { $0 + $1 }
            case .minus: operation = { $0 - $1 }
            case .times: operation = { $0 * $1 }
            case .divide: operation = { $0 / $1 }
            }
            return { f, c in
                guard let x = a(f, &c), let y = b(f, &c) else { return nil }
                let result = operation(x, y)
                return result.isFinite ? result : nil
            }
        case let .builtin(fn, args, _) where fn == .min || fn == .max || fn == .abs:
            let a = decimal(args[0])
            if fn == .abs { return { f, c in a(f, &c).map { Swift.abs($0) } } }
            let b = decimal(args[1])
            let isMin = fn == .min
            return { f, c in
                guard let x = a(f, &c), let y = b(f, &c) else { return nil }
                return isMin ? Swift.min(x, y) : Swift.max(x, y)
            }
        default:
            let code = value(e)
            return { f, c in
                if case let .decimal(d) = code(f, &c) { return d }
                return nil
            }
        }
    }

    /// Enum indices and dates.
    func int32(_ e: TypedExpression) -> Int32Code {
        switch e {
        case let .constant(.enumCase(k, _)), let .constant(.date(k)):
            return { _, _ in k }
        case let .fact(slot, .date):
            return { f, _ in f.date(slot) }
        case let .fact(slot, _):
            return { f, _ in f.enumCase(slot) }
        case let .definition(index, _):
            return definitionCode(index) { $0.bindsVariables ? scoped(int32($0)) : int32($0) }
        case let .arithmetic(op, l, r, _) where l.type == .date:
            let a = int32(l), b = integer(r)
            // Any integer is allowed on the right, so the sum is checked before it is narrowed to a date.
            let isPlus = op == .plus
            return { f, c in
                guard let d = a(f, &c), let n = b(f, &c) else { return nil }
                let (sum, overflow) = isPlus ? Int64(d).addingReportingOverflow(n) : Int64(d).subtractingReportingOverflow(n)
                return overflow ? nil : Int32(exactly: sum)
            }
        case .builtin(.as_of, _, _):
            return { _, c in c.asOfDay }
        case let .builtin(fn, args, _) where fn == .min || fn == .max:
            let a = int32(args[0]), b = int32(args[1])
            let isMin = fn == .min
            return { f, c in
                guard let x = a(f, &c), let y = b(f, &c) else { return nil }
                return isMin ? Swift.min(x, y) : Swift.max(x, y)
            }
        default:
            let code = value(e)
            return { f, c in
                switch code(f, &c) {
                case let .enumCase(i), let .date(i): i
                default: nil
                }
            }
        }
    }

    func string(_ e: TypedExpression) -> StringCode {
        switch e {
        case let .constant(.string(k)):
            return { _, _ in k }
        case let .fact(slot, _):
            return { f, _ in f.string(slot) }
        case let .definition(index, _):
            return definitionCode(index) { $0.bindsVariables ? scoped(string($0)) : string($0) }
        case let .builtin(fn, args, _) where fn == .lower || fn == .upper:
            let code = string(args[0])
            if fn == .lower { return { f, c in code(f, &c)?.lowercased() } }
            return { f, c in code(f, &c)?.uppercased() }
        default:
            let code = value(e)
            return { f, c in
                if case let .string(s) = code(f, &c) { return s }
                return nil
            }
        }
    }

    /// The general form, for lists, objects, variables, fields and catalog attributes.
    func value(_ e: TypedExpression) -> ValueCode {
        switch e {
        case let .fact(slot, type):
            return { f, _ in f.value(slot, type: type) }
        case let .local(depth, _):
            return { _, c in
                let index = c.localBase + depth
                return index < c.locals.count ? c.locals[index] : .missing
            }
        case let .field(base, index, _):
            let code = value(base)
            return { f, c in
                guard case let .object(fields) = code(f, &c), index < fields.count else { return .missing }
                return fields[index]
            }
        case let .catalogAttribute(key, catalogIndex, attribute, _):
            let catalog = catalogs[catalogIndex]
            if case .enumeration = key.type {
                let code = int32(key)
                return { f, c in
                    guard let k = code(f, &c), let entry = catalog.entry(enumIndex: k) else { return .missing }
                    return catalog.entries[entry].values[attribute]
                }
            }
            let code = string(key)
            return { f, c in
                guard let k = code(f, &c), let entry = catalog.entryByString[k] else { return .missing }
                return catalog.entries[entry].values[attribute]
            }
        case let .list(items, _):
            let codes = items.map(value)
            return { f, c in .list(codes.map { $0(f, &c) }) }
        case let .definition(index, type):
            switch type {
            case .list, .object: return definitionCode(index) { $0.bindsVariables ? scoped(value($0)) : value($0) }
            default: break
            }
        default:
            break
        }
        // Scalars: wrap the typed code.
        switch e.type {
        case .bool:
            let code = bool(e)
            return { f, c in
                switch code(f, &c) {
                case .yes: .bool(true)
                case .no: .bool(false)
                case .unknown: .missing
                }
            }
        case .integer:
            let code = integer(e)
            return { f, c in code(f, &c).map { FactValue.integer($0) } ?? .missing }
        case .datetime:
            let code = integer(e)
            return { f, c in code(f, &c).map { FactValue.datetime($0) } ?? .missing }
        case .decimal:
            let code = decimal(e)
            return { f, c in code(f, &c).map { FactValue.decimal($0) } ?? .missing }
        case .enumeration:
            let code = int32(e)
            return { f, c in code(f, &c).map { FactValue.enumCase($0) } ?? .missing }
        case .date:
            let code = int32(e)
            return { f, c in code(f, &c).map { FactValue.date($0) } ?? .missing }
        case .string:
            let code = string(e)
            return { f, c in code(f, &c).map { FactValue.string($0) } ?? .missing }
        case .list, .object:
            preconditionFailure("unhandled list or object expression")
        }
    }

    // MARK: - Helpers

    @inline(__always)
    private static func checked(_ a: Int64?, _ b: Int64?, _ op: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)) -> Int64? {
        guard let a, let b else { return nil }
        let (result, overflow) = op(a, b)
        return overflow ? nil : result
    }

    @inline(__always)
    private static func checkedTimes(_ a: Int64, _ b: Int64) -> Int64? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// Division rounding down, for a positive divisor. Written so no intermediate can overflow: a date-time
    /// near `Int64.min` is a legitimate result of `datetime - n`.
    @inline(__always)
    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-(a + 1)) / b) - 1
    }
}
