/// The finite space a set of conditions ranges over, for deciding by enumeration whether a condition can
/// ever hold, always holds, or is implied by another.
///
/// Enumerated and boolean facts take each of their declared values; catalog attributes looked up with an
/// enumerated fact follow from it; every other comparison (numbers, text, dates, lists) is an opaque atom that
/// may be true or false independently. The answer is exact over the enums and conservative over the rest:
/// "never holds" is only reported when no combination at all makes the condition true.
struct ConditionSpace {
    struct Assignment {
        var enums: [Int: Int32] = [:]
        var bools: [Int: Bool] = [:]
        var atoms: [String: Bool] = [:]
    }

    private(set) var enumSlots: [(slot: Int, size: Int)] = []
    private(set) var boolSlots: [Int] = []
    private(set) var atoms: [String] = []
    let schema: FactSchema
    let catalogs: [Catalog]
    let definitions: [TypedExpression?]
    /// Spaces larger than this are not enumerated (the lint is then silent rather than slow).
    static let limit = 1 << 16

    init(_ expressions: [TypedExpression], schema: FactSchema, catalogs: [Catalog], definitions: [TypedExpression?]) {
        self.schema = schema
        self.catalogs = catalogs
        self.definitions = definitions
        for e in expressions { collect(e) }
    }

    var size: Int? {
        var total = 1
        for (_, size) in enumSlots {
            let (product, overflow) = total.multipliedReportingOverflow(by: max(size, 1))
            guard !overflow, product <= Self.limit else { return nil }
            total = product
        }
        let factor = 1 << min(boolSlots.count + atoms.count, 20)
        guard boolSlots.count + atoms.count < 20, total * factor <= Self.limit else { return nil }
        return total * factor
    }

    private func canonical(_ e: TypedExpression) -> String {
        e.canonical(schema: schema, catalogs: catalogs, definitions: definitions)
    }

    private mutating func addEnum(_ slot: Int) {
        guard !enumSlots.contains(where: { $0.slot == slot }), case let .enumeration(e)? = schema.slots[slot].type else { return }
        enumSlots.append((slot, e.values.count))
    }

    private mutating func addAtom(_ e: TypedExpression) {
        let key = canonical(e)
        if !atoms.contains(key) { atoms.append(key) }
    }

    /// Whether `value(e)` can be computed from the enumerated facts alone.
    private func isFinite(_ e: TypedExpression) -> Bool {
        switch e {
        case .constant: true
        case let .fact(_, type): type.enumType != nil || type == .bool
        case let .catalogAttribute(key, _, _, _): isFinite(key)
        case let .definition(index, _): definitions[index].map(isFinite) ?? false
        default: false
        }
    }

    private mutating func collectValue(_ e: TypedExpression) {
        switch e {
        case let .fact(slot, type):
            if type == .bool { if !boolSlots.contains(slot) { boolSlots.append(slot) } } else { addEnum(slot) }
        case let .catalogAttribute(key, _, _, _): collectValue(key)
        case let .definition(index, _): if let d = definitions[index] { collectValue(d) }
        default: break
        }
    }

    private mutating func collect(_ e: TypedExpression) {
        switch e {
        case .constant: break
        case let .fact(slot, .bool): if !boolSlots.contains(slot) { boolSlots.append(slot) }
        case let .definition(index, _): if let d = definitions[index] { collect(d) }
        case let .not(x): collect(x)
        case let .and(l, r), let .or(l, r): collect(l); collect(r)
        case let .compare(op, l, r) where (op == .equal || op == .notEqual) && isFinite(l) && isFinite(r):
            collectValue(l); collectValue(r)
        case let .inConstants(x, _, _) where isFinite(x): collectValue(x)
        case let .inCatalog(x, _, _) where isFinite(x): collectValue(x)
        case let .catalogAttribute(key, _, _, .bool) where isFinite(key): collectValue(key)
        default: addAtom(e)
        }
    }

    /// Calls `body` with every assignment until it returns false. Returns false if the space is too large.
    func forEach(_ body: (Assignment) -> Bool) -> Bool {
        guard size != nil else { return false }
        var assignment = Assignment()
        func enumerate(_ index: Int) -> Bool {
            if index < enumSlots.count {
                for value in 0..<enumSlots[index].size {
                    assignment.enums[enumSlots[index].slot] = Int32(value)
                    if !enumerate(index + 1) { return false }
                }
                return true
            }
            let bools = boolSlots.count
            for mask in 0..<(1 << (bools + atoms.count)) {
                for (i, slot) in boolSlots.enumerated() { assignment.bools[slot] = mask & (1 << i) != 0 }
                for (i, atom) in atoms.enumerated() { assignment.atoms[atom] = mask & (1 << (bools + i)) != 0 }
                if !body(assignment) { return false }
            }
            return true
        }
        _ = enumerate(0)
        return true
    }

    // MARK: Evaluation under an assignment

    func holds(_ e: TypedExpression, _ a: Assignment) -> Bool {
        switch e {
        case let .constant(.bool(b)): return b
        case let .fact(slot, .bool): return a.bools[slot] ?? false
        case let .definition(index, _): return definitions[index].map { holds($0, a) } ?? false
        case let .not(x): return !holds(x, a)
        case let .and(l, r): return holds(l, a) && holds(r, a)
        case let .or(l, r): return holds(l, a) || holds(r, a)
        case let .compare(op, l, r) where (op == .equal || op == .notEqual) && isFinite(l) && isFinite(r):
            guard let x = value(l, a), let y = value(r, a) else { return false }
            return (x == y) == (op == .equal)
        case let .inConstants(x, constants, negated) where isFinite(x):
            guard let v = value(x, a) else { return false }
            return constants.contains(v) != negated
        case let .inCatalog(x, catalog, negated) where isFinite(x):
            guard case let .enumCase(i, _)? = value(x, a) else { return false }
            return (catalogs[catalog].entry(enumIndex: i) != nil) != negated
        case let .catalogAttribute(key, _, _, .bool) where isFinite(key):
            if case let .bool(b)? = value(e, a) { return b }
            return false
        default:
            return a.atoms[canonical(e)] ?? false
        }
    }

    private func value(_ e: TypedExpression, _ a: Assignment) -> Constant? {
        switch e {
        case let .constant(c): return c
        case let .fact(slot, type):
            if type == .bool { return .bool(a.bools[slot] ?? false) }
            guard case let .enumeration(enumType) = type, let i = a.enums[slot] else { return nil }
            return .enumCase(i, enumType)
        case let .definition(index, _): return definitions[index].flatMap { value($0, a) }
        case let .catalogAttribute(key, catalogIndex, attribute, type):
            guard case let .enumCase(i, _)? = value(key, a) else { return nil }
            let catalog = catalogs[catalogIndex]
            guard let entry = catalog.entry(enumIndex: i) else { return nil }
            switch (catalog.entries[entry].values[attribute], type) {
            case let (.bool(b), _): return .bool(b)
            case let (.enumCase(v), .enumeration(t)): return .enumCase(v, t)
            case let (.integer(v), _): return .integer(v)
            case let (.string(v), _): return .string(v)
            default: return nil
            }
        default: return nil
        }
    }
}
