/// Renders conditions as sentences a lawyer can read without knowing the expression language:
/// `isp_block and target.level in ["ip", "asn"]` becomes "the action is an ISP block (`action.kind` is
/// one of isp_blocklist_add or isp_blocklist_renew) and `target.level` is ip or asn".
///
/// Used by the policy book. The wording is mechanical but exact: every fact keeps its name in code font, so
/// a reader can always find it in the schema.
struct PlainLanguage {
    let bundle: PolicyBundle
    let language: String
    /// Quantifiers around the text being rendered: their items are numbered from the outermost.
    var enclosing = 0
    /// The number of the first item the definition being expanded binds. A definition numbers its own
    /// quantifier variables from 0, wherever it is used, so inside another quantifier its items come after
    /// the ones already bound there.
    var localBase = 0

    /// This renderer one quantifier deeper.
    private var inQuantifier: PlainLanguage {
        var inner = self
        inner.enclosing += 1
        return inner
    }

    private var sv: Bool { language == "sv" }
    private var schema: FactSchema { bundle.schema }

    private func word(_ en: String, _ sv: String) -> String { self.sv ? sv : en }

    func render(_ e: TypedExpression) -> String { sentence(e, negated: false) }

    private func fact(_ slot: Int) -> String { "`\(schema.slots[slot].path)`" }

    private func list(_ items: [String], conjunction: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    private func sentence(_ e: TypedExpression, negated: Bool) -> String {
        switch e {
        case let .constant(.bool(b)):
            return (b != negated) ? word("always", "alltid") : word("never", "aldrig")
        case let .fact(slot, .bool):
            return "\(fact(slot)) \(negated ? word("is false", "är falskt") : word("is true", "är sant"))"
        case let .not(inner):
            return sentence(inner, negated: !negated)
        case let .and(l, r):
            let parts = [sentence(l, negated: negated), sentence(r, negated: negated)]
            return negated ? "(" + parts.joined(separator: word(" or ", " eller ")) + ")" : parts.joined(separator: word(" and ", " och "))
        case let .or(l, r):
            let parts = [sentence(l, negated: negated), sentence(r, negated: negated)]
            return negated ? parts.joined(separator: word(" and ", " och ")) : "(" + parts.joined(separator: word(" or ", " eller ")) + ")"
        case let .definition(index, _):
            let name = bundle.definitions[index].name.value.replacingUnderscores
            guard let definition = bundle.lint.definitions[index] else { return name }
            var expanding = self
            expanding.localBase = enclosing
            let inner = expanding.sentence(definition, negated: false)
            return negated ? word("not \(name) (\(inner))", "inte \(name) (\(inner))") : "\(name) (\(inner))"
        case let .compare(op, l, r):
            return "\(value(l)) \(comparison(op, negated: negated)) \(value(r))"
        case let .inConstants(x, constants, isNot):
            let not = isNot != negated
            let values = list(constants.map(\.plain), conjunction: word("or", "eller"))
            if constants.count == 1 { return "\(value(x)) \(not ? word("is not", "är inte") : word("is", "är")) \(values)" }
            return "\(value(x)) \(not ? word("is none of", "är ingen av") : word("is one of", "är en av")) \(values)"
        case let .inList(x, list, isNot):
            let not = isNot != negated
            return "\(value(x)) \(not ? word("is not among", "finns inte bland") : word("is among", "finns bland")) \(value(list))"
        case let .inCatalog(x, catalog, isNot):
            let not = isNot != negated
            return "\(value(x)) \(not ? word("is not listed in", "finns inte i") : word("is listed in", "finns i")) \(word("catalog", "katalogen")) `\(bundle.catalogs[catalog].name)`"
        case let .slotPresence(slot, test):
            return "\(fact(slot)) \(presence(test, negated: negated))"
        case let .valuePresence(v, test):
            return "\(value(v)) \(presence(test, negated: negated))"
        case let .quantified(q, listExpr, body, _):
            let items = value(listExpr)
            let condition = inQuantifier.sentence(body, negated: false)
            let text: String
            switch q {
            case .any: text = word("some item of \(items) satisfies: \(condition)", "något element i \(items) uppfyller: \(condition)")
            case .all: text = word("every item of \(items) satisfies: \(condition)", "varje element i \(items) uppfyller: \(condition)")
            case .none: text = word("no item of \(items) satisfies: \(condition)", "inget element i \(items) uppfyller: \(condition)")
            case .count: text = word("the number of items of \(items) that satisfy: \(condition)", "antalet element i \(items) som uppfyller: \(condition)")
            }
            return negated ? word("it is not so that \(text)", "det gäller inte att \(text)") : text
        case let .catalogAttribute(_, _, _, type) where type == .bool:
            return "\(value(e)) \(negated ? word("is false", "är falskt") : word("is true", "är sant"))"
        case let .builtin(fn, args, _) where fn == .contains || fn == .starts_with || fn == .ends_with:
            let verb: String
            switch fn {
            case .contains: verb = negated ? word("does not contain", "innehåller inte") : word("contains", "innehåller")
            case .starts_with: verb = negated ? word("does not start with", "börjar inte med") : word("starts with", "börjar med")
            default: verb = negated ? word("does not end with", "slutar inte med") : word("ends with", "slutar med")
            }
            return "\(value(args[0])) \(verb) \(value(args[1]))"
        default:
            let text = value(e)
            return negated ? word("not \(text)", "inte \(text)") : text
        }
    }

    private func presence(_ test: Expression.PresenceTest, negated: Bool) -> String {
        switch (test, negated) {
        case (.isNull, false), (.isNotNull, true): word("is none", "är inget")
        case (.isNotNull, false), (.isNull, true): word("is not none", "är angivet")
        case (.isPresent, false), (.isMissing, true): word("is given", "är angivet")
        case (.isMissing, false), (.isPresent, true): word("is not given", "saknas")
        }
    }

    private func comparison(_ op: ComparisonOperator, negated: Bool) -> String {
        let effective: ComparisonOperator
        if negated {
            switch op {
            case .equal: effective = .notEqual
            case .notEqual: effective = .equal
            case .less: effective = .greaterEqual
            case .lessEqual: effective = .greater
            case .greater: effective = .lessEqual
            case .greaterEqual: effective = .less
            }
        } else {
            effective = op
        }
        switch effective {
        case .equal: return word("is", "är")
        case .notEqual: return word("is not", "är inte")
        case .less: return word("is less than", "är mindre än")
        case .lessEqual: return word("is at most", "är högst")
        case .greater: return word("is more than", "är mer än")
        case .greaterEqual: return word("is at least", "är minst")
        }
    }

    /// A value (not a condition) in words.
    func value(_ e: TypedExpression) -> String {
        switch e {
        case let .constant(c): return c.plain
        case let .fact(slot, _): return fact(slot)
        case let .local(depth, _): return word("item \(localBase + depth + 1)", "element \(localBase + depth + 1)")
        case let .field(base, index, _):
            if case let .object(o) = base.type { return "`\(o.fields[index].name)` \(word("of", "för")) \(value(base))" }
            return value(base)
        case let .definition(index, _): return bundle.definitions[index].name.value.replacingUnderscores
        case let .catalogAttribute(key, catalog, attribute, _):
            let c = bundle.catalogs[catalog]
            return word("the `\(c.attributes[attribute].name)` of \(value(key)) in catalog `\(c.name)`",
                        "`\(c.attributes[attribute].name)` för \(value(key)) i katalogen `\(c.name)`")
        case let .arithmetic(op, l, r, _): return "\(value(l)) \(op.rawValue) \(value(r))"
        case let .negate(x): return "−\(value(x))"
        case let .toDecimal(x), let .toDatetime(x): return value(x)
        case let .list(items, _): return "[" + items.map(value).joined(separator: ", ") + "]"
        case let .builtin(fn, args, _):
            switch fn {
            case .len: return word("the number of items in \(value(args[0]))", "antalet element i \(value(args[0]))")
            case .days_since: return word("the days since \(value(args[0]))", "antalet dagar sedan \(value(args[0]))")
            case .days_between: return word("the days from \(value(args[0])) to \(value(args[1]))", "antalet dagar från \(value(args[0])) till \(value(args[1]))")
            case .as_of: return word("the evaluation date", "prövningsdagen")
            default: return "\(fn.rawValue)(" + args.map(value).joined(separator: ", ") + ")"
            }
        case let .quantified(q, listExpr, body, _) where q == .count:
            let condition = inQuantifier.sentence(body, negated: false)
            return word("the number of items of \(value(listExpr)) that satisfy: \(condition)",
                        "antalet element i \(value(listExpr)) som uppfyller: \(condition)")
        default:
            return "(" + sentence(e, negated: false) + ")"
        }
    }
}

extension Constant {
    /// A constant as a reader sees it: enum values and text bare, numbers and dates as written.
    var plain: String {
        switch self {
        case let .bool(b): b ? "true" : "false"
        case let .integer(i): String(i)
        case let .decimal(d): ValueFormatter.decimalText(d)
        case let .string(s): "“\(s)”"
        case let .enumCase(i, e): Int(i) < e.values.count ? e.values[Int(i)] : String(i)
        case let .date(d): CivilDate.formatDate(d)
        case let .datetime(s): CivilDate.formatDateTime(s)
        }
    }
}

extension String {
    var replacingUnderscores: String { replacing("_", with: " ") }
}
