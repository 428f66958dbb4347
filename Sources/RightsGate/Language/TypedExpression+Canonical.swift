/// A canonical text for a typed expression: names resolved, definitions expanded, enum values quoted.
///
/// Two conditions that mean the same thing when written differently (`a in ["x", "y"]` vs
/// `a in ["y", "x"]`) print the same, so the linter can find duplicate checks and the semantic diff can tell a
/// reworded condition from a changed one.
extension TypedExpression {
    func canonical(schema: FactSchema, catalogs: [Catalog], definitions: [TypedExpression?]) -> String {
        canonical(schema: schema, catalogs: catalogs, definitions: definitions, base: 0, bound: 0)
    }

    /// `base` is the number of variables bound outside the expression being printed (a definition numbers
    /// its own from 0, but expanded inside a quantifier its variables come after the caller's), and `bound`
    /// the number bound at this point; so every variable gets its own `$n`.
    private func canonical(schema: FactSchema, catalogs: [Catalog], definitions: [TypedExpression?], base: Int, bound: Int) -> String {
        func c(_ e: TypedExpression) -> String {
            e.canonical(schema: schema, catalogs: catalogs, definitions: definitions, base: base, bound: bound)
        }
        switch self {
        case let .constant(k): return k.canonical
        case let .fact(slot, _): return schema.slots[slot].path
        case let .slotPresence(slot, test): return "(\(schema.slots[slot].path) \(test.rawValue))"
        case let .valuePresence(v, test): return "(\(c(v)) \(test.rawValue))"
        case let .local(depth, _): return "$\(base + depth)"
        case let .field(object, index, _):
            if case let .object(o) = object.type { return "\(c(object)).\(o.fields[index].name)" }
            return "\(c(object)).#\(index)"
        case let .definition(index, _):
            return definitions[index].map {
                $0.canonical(schema: schema, catalogs: catalogs, definitions: definitions, base: bound, bound: bound)
            } ?? "?"
        case let .not(e): return "(not \(c(e)))"
        case .and:
            return "(and " + flatten(self, isAnd: true).map(c).sorted().joined(separator: " ") + ")"
        case .or:
            return "(or " + flatten(self, isAnd: false).map(c).sorted().joined(separator: " ") + ")"
        case let .compare(op, l, r):
            if op == .equal || op == .notEqual {
                let sides = [c(l), c(r)].sorted()
                return "(\(op.rawValue) \(sides[0]) \(sides[1]))"
            }
            return "(\(op.rawValue) \(c(l)) \(c(r)))"
        case let .arithmetic(op, l, r, _): return "(\(op.rawValue) \(c(l)) \(c(r)))"
        case let .negate(e): return "(- \(c(e)))"
        case let .toDecimal(e), let .toDatetime(e): return c(e)
        case let .inConstants(x, constants, negated):
            return "(\(negated ? "not in" : "in") \(c(x)) [\(constants.map(\.canonical).sorted().joined(separator: " "))])"
        case let .inList(x, list, negated): return "(\(negated ? "not in" : "in") \(c(x)) \(c(list)))"
        case let .inCatalog(x, catalog, negated): return "(\(negated ? "not in" : "in") \(c(x)) @\(catalogs[catalog].name))"
        case let .catalogAttribute(key, catalog, attribute, _):
            return "@\(catalogs[catalog].name)[\(c(key))].\(catalogs[catalog].attributes[attribute].name)"
        case let .builtin(fn, args, _): return "\(fn.rawValue)(\(args.map(c).joined(separator: " ")))"
        case let .quantified(q, list, body, depth):
            let inner = body.canonical(schema: schema, catalogs: catalogs, definitions: definitions, base: base, bound: base + depth + 1)
            return "(\(q.rawValue) $\(base + depth) \(c(list)) \(inner))"
        case let .list(items, _): return "[\(items.map(c).joined(separator: " "))]"
        }
    }

    /// The operands of a chain of `and` (or of `or`), so `a and (b and c)` and `(a and b) and c` print alike.
    private func flatten(_ e: TypedExpression, isAnd: Bool) -> [TypedExpression] {
        switch (e, isAnd) {
        case let (.and(l, r), true), let (.or(l, r), false): flatten(l, isAnd: isAnd) + flatten(r, isAnd: isAnd)
        default: [e]
        }
    }
}

extension Constant {
    var canonical: String {
        switch self {
        case let .bool(b): String(b)
        case let .integer(i): String(i)
        case let .decimal(d): ValueFormatter.decimalText(d)
        case let .string(s): "\"\(s)\""
        case let .enumCase(i, e): "\"\(Int(i) < e.values.count ? e.values[Int(i)] : String(i))\""
        case let .date(d): "date(\(CivilDate.formatDate(d)))"
        case let .datetime(s): "datetime(\(CivilDate.formatDateTime(s)))"
        }
    }
}
