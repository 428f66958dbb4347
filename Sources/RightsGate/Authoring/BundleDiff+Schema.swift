/// The schema part of the diff: facts added, removed, retyped or made (non-)nullable.
extension BundleDiff {
    static func schemaChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
        var changes: [Change] = []
        for slot in old.schema.slots {
            guard let newSlot = new.schema.slot(slot.path) else {
                changes.append(Change(kind: .factRemoved, subject: slot.path, detail: "fact removed: requests that send it get an unknown-field warning (an error with --strict)",
                                      altersDecisions: true, breaksRequests: true))
                continue
            }
            let oldType = slot.type.map(\.description) ?? "group", newType = newSlot.type.map(\.description) ?? "group"
            if case let .enumeration(a)? = slot.type, case let .enumeration(b)? = newSlot.type {
                for value in a.values where b.index(of: value) == nil {
                    changes.append(Change(kind: .enumValueRemoved, subject: slot.path, detail: "value `\(value)` removed: requests using it are now rejected",
                                          altersDecisions: true, breaksRequests: true))
                }
                for value in b.values where a.index(of: value) == nil {
                    changes.append(Change(kind: .enumValueAdded, subject: slot.path, detail: "value `\(value)` added", altersDecisions: false, breaksRequests: false))
                }
            } else if oldType != newType {
                changes.append(Change(kind: .factTypeChanged, subject: slot.path, detail: "type \(oldType) → \(newType)", altersDecisions: true, breaksRequests: true))
            }
            if slot.nullable != newSlot.nullable {
                changes.append(Change(kind: .nullabilityChanged, subject: slot.path,
                                      detail: newSlot.nullable ? "may now be null" : "may no longer be null (null is then treated as not given)",
                                      altersDecisions: true, breaksRequests: false))
            }
        }
        for slot in new.schema.slots where old.schema.slot(slot.path) == nil {
            changes.append(Change(kind: .factAdded, subject: slot.path, detail: "fact added (\(slot.type?.description ?? "group"))", altersDecisions: false, breaksRequests: false))
        }
        return changes
    }
}
