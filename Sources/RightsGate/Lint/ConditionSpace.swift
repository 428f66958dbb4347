/// The finite space a set of conditions ranges over, for deciding by enumeration whether a condition can
/// ever hold, always holds, or is implied by another.
///
/// Enumerated and boolean facts take each of their declared values; catalog lookups with an enumerated fact
/// or a constant key follow from the catalog's entries; every other comparison (numbers, text, dates, lists)
/// is an opaque atom that may be true or false independently. Under one assignment a condition is `yes`, `no`,
/// or `unknown` when the space cannot decide it (a lookup that finds no entry or a null, an attribute the
/// space cannot compare, a definition that did not type-check). The linter only reports "never holds" when
/// every assignment gives `no`, and "always holds" when every assignment gives `yes`, so an undecidable part
/// silences a warning rather than causing one.
struct ConditionSpace {
    struct Assignment {
        var enums: [Int: Int32] = [:]
        var bools: [Int: Bool] = [:]
        var atoms: [String: Bool] = [:]
    }

    private(set) var enumSlots: [(slot: Int, size: Int)] = []
    private(set) var boolSlots: [Int] = []
    private(set) var atoms: [String] = []
    let canonical: CanonicalForm
    private var schema: FactSchema { canonical.schema }
    private var catalogs: [Catalog] { canonical.catalogs }
    private var definitions: [TypedExpression?] { canonical.definitions }
    /// Spaces larger than this are not enumerated (the lint is then silent rather than slow).
    static let limit = 1 << 16

    init(_ expressions: [TypedExpression], canonical: CanonicalForm) {
        self.canonical = canonical
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

    private mutating func addEnum(_ slot: Int) {
        guard !enumSlots.contains(where: { $0.slot == slot }), case let .enumeration(e)? = schema.slots[slot].type else { return }
        enumSlots.append((slot, e.values.count))
    }

    private mutating func addAtom(_ e: TypedExpression) {
        let key = canonical(e)
        if !atoms.contains(key) { atoms.append(key) }
    }

    /// Whether `value(e)` depends on the enumerated facts alone (it may still be undecidable: see `value`).
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

    /// The truth of a condition under one assignment, in Kleene logic; `unknown` where the space cannot decide.
    func truth(_ e: TypedExpression, _ a: Assignment) -> Tri {
        switch e {
        case let .constant(.bool(b)): return Tri(b)
        case let .fact(slot, .bool): return a.bools[slot].map(Tri.init) ?? .unknown
        case let .definition(index, _): return definitions[index].map { truth($0, a) } ?? .unknown
        case let .not(x): return truth(x, a).negated
        case let .and(l, r):
            let x = truth(l, a), y = truth(r, a)
            if x == .no || y == .no { return .no }
            return x == .yes && y == .yes ? .yes : .unknown
        case let .or(l, r):
            let x = truth(l, a), y = truth(r, a)
            if x == .yes || y == .yes { return .yes }
            return x == .no && y == .no ? .no : .unknown
        case let .compare(op, l, r) where (op == .equal || op == .notEqual) && isFinite(l) && isFinite(r):
            guard let x = value(l, a), let y = value(r, a) else { return .unknown }
            return Tri((x == y) == (op == .equal))
        case let .inConstants(x, constants, negated) where isFinite(x):
            guard let v = value(x, a) else { return .unknown }
            return Tri(constants.contains(v) != negated)
        case let .inCatalog(x, catalog, negated) where isFinite(x):
            guard let key = value(x, a) else { return .unknown }
            return Tri((entry(catalogs[catalog], key) != nil) != negated)
        case let .catalogAttribute(key, _, _, .bool) where isFinite(key):
            guard case let .bool(b)? = value(e, a) else { return .unknown }
            return Tri(b)
        default:
            return a.atoms[canonical(e)].map(Tri.init) ?? .unknown
        }
    }

    /// The value of a finite expression under an assignment, or nil when the space cannot tell it.
    private func value(_ e: TypedExpression, _ a: Assignment) -> Constant? {
        switch e {
        case let .constant(c): return c
        case let .fact(slot, type):
            if type == .bool { return a.bools[slot].map(Constant.bool) }
            guard case let .enumeration(enumType) = type, let i = a.enums[slot] else { return nil }
            return .enumCase(i, enumType)
        case let .definition(index, _): return definitions[index].flatMap { value($0, a) }
        case let .catalogAttribute(key, catalogIndex, attribute, type):
            let catalog = catalogs[catalogIndex]
            guard let key = value(key, a), let entry = entry(catalog, key) else { return nil }
            return constant(catalog.entries[entry].values[attribute], type)
        default: return nil
        }
    }

    /// The entry a key finds, as the evaluator looks it up: by enum index or by text.
    private func entry(_ catalog: Catalog, _ key: Constant) -> Int? {
        switch key {
        case let .enumCase(i, _): catalog.entry(enumIndex: i)
        case let .string(s): catalog.entryByString[s]
        default: nil
        }
    }

    /// A catalog value as a constant; nil for null and for lists and objects, which the space does not compare.
    private func constant(_ value: FactValue, _ type: ValueType) -> Constant? {
        switch (value, type) {
        case let (.bool(b), _): .bool(b)
        case let (.integer(v), _): .integer(v)
        case let (.decimal(v), _): v.isNaN ? nil : .decimal(v)
        case let (.string(v), _): .string(v)
        case let (.enumCase(v), .enumeration(t)): .enumCase(v, t)
        case let (.date(v), _): .date(v)
        case let (.datetime(v), _): .datetime(v)
        default: nil
        }
    }
}
