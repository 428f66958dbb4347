/// The schema part of the diff: facts added and removed, and type changes followed into lists and into the
/// fields of objects in lists, which a request fills just like top-level facts.
///
/// Paths name list items with `[]`: `tags[]` is an item of the list `tags`, `items[].source` the field
/// `source` of each object in the list `items`.
extension BundleDiff {
    static func schemaChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
        var changes: [Change] = []
        for slot in old.schema.slots {
            guard let newSlot = new.schema.slot(slot.path) else {
                changes.append(removed(slot.path, what: "fact"))
                continue
            }
            switch (slot.type, newSlot.type) {
            case (nil, nil): break
            case let (a?, b?): changes += typeChanges(slot.path, a, b)
            default: changes.append(typeChanged(slot.path, slot.type, newSlot.type))
            }
            if slot.nullable != newSlot.nullable { changes.append(nullabilityChanged(slot.path, nowNullable: newSlot.nullable)) }
        }
        for slot in new.schema.slots where old.schema.slot(slot.path) == nil {
            changes.append(added(slot.path, what: "fact", type: slot.type))
        }
        return changes
    }

    /// What changed between two types of the value at `path`. Enumerations are compared by their values (so
    /// renaming a named type is not a change), lists by their items and objects field by field; any other
    /// difference is a change of type.
    private static func typeChanges(_ path: String, _ a: ValueType, _ b: ValueType) -> [Change] {
        switch (a, b) {
        case let (.enumeration(x), .enumeration(y)):
            return x.values.filter { y.index(of: $0) == nil }.map {
                Change(kind: .enumValueRemoved, subject: path, detail: "value `\($0)` removed: requests using it are now rejected",
                       altersDecisions: true, breaksRequests: true)
            } + y.values.filter { x.index(of: $0) == nil }.map {
                Change(kind: .enumValueAdded, subject: path, detail: "value `\($0)` added", altersDecisions: false, breaksRequests: false)
            }
        case let (.list(x), .list(y)):
            return typeChanges(path + "[]", x, y)
        case let (.object(x), .object(y)):
            // Object types are immutable and built bottom-up, so this recursion always ends.
            var changes: [Change] = []
            for field in x.fields {
                let fieldPath = "\(path).\(field.name)"
                guard let index = y.fieldIndex(field.name) else {
                    changes.append(removed(fieldPath, what: "field"))
                    continue
                }
                let other = y.fields[index]
                changes += typeChanges(fieldPath, field.type, other.type)
                if field.nullable != other.nullable { changes.append(nullabilityChanged(fieldPath, nowNullable: other.nullable)) }
            }
            for field in y.fields where x.fieldIndex(field.name) == nil {
                changes.append(added("\(path).\(field.name)", what: "field", type: field.type))
            }
            return changes
        default:
            return a.description == b.description ? [] : [typeChanged(path, a, b)]
        }
    }

    private static func removed(_ path: String, what: String) -> Change {
        Change(kind: .factRemoved, subject: path,
               detail: "\(what) removed: requests that send it get an unknown-field warning (an error with --strict)",
               altersDecisions: true, breaksRequests: true)
    }

    private static func added(_ path: String, what: String, type: ValueType?) -> Change {
        Change(kind: .factAdded, subject: path, detail: "\(what) added (\(type?.description ?? "group"))", altersDecisions: false, breaksRequests: false)
    }

    private static func typeChanged(_ path: String, _ a: ValueType?, _ b: ValueType?) -> Change {
        Change(kind: .factTypeChanged, subject: path, detail: "type \(a?.description ?? "group") → \(b?.description ?? "group")",
               altersDecisions: true, breaksRequests: true)
    }

    private static func nullabilityChanged(_ path: String, nowNullable: Bool) -> Change {
        Change(kind: .nullabilityChanged, subject: path,
               detail: nowNullable ? "may now be null" : "may no longer be null (null is then treated as not given)",
               altersDecisions: true, breaksRequests: false)
    }
}
