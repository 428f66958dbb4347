/// A semantic diff of two policy bundles: what a reviewer must approve, in legal terms.
///
/// Checks are compared by id, conditions by their canonical form (so reformatting or reordering a list is not
/// a change), and a removed check whose conditions reappear under a new id is reported as renamed. Schema
/// changes are classified by whether requests that were valid stay valid. Every change says whether it could
/// alter past decisions (text changes cannot; conditions, outcomes, exceptions, dates, modes and catalog
/// values can), so a reviewer knows when to replay history under both bundles.
public struct BundleDiff: Sendable {
    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable {
            case checkAdded = "check-added", checkRemoved = "check-removed", checkRenamed = "check-renamed"
            case applicabilityChanged = "applies-when-changed", conditionChanged = "condition-changed"
            case outcomeChanged = "outcome-changed", onMissingChanged = "on-missing-changed"
            case exceptionAdded = "exception-added", exceptionRemoved = "exception-removed", exceptionChanged = "exception-changed"
            case citationAdded = "citation-added", citationRemoved = "citation-removed"
            case effectiveDatesChanged = "effective-dates-changed", modeChanged = "mode-changed", textChanged = "text-changed"
            case factAdded = "fact-added", factRemoved = "fact-removed", factTypeChanged = "fact-type-changed"
            case enumValueAdded = "enum-value-added", enumValueRemoved = "enum-value-removed", nullabilityChanged = "nullability-changed"
            case catalogChanged = "catalog-changed"
        }

        public let kind: Kind
        /// The check, fact or catalog concerned.
        public let subject: String
        public let detail: String
        /// Whether replaying past requests could give a different decision.
        public let altersDecisions: Bool
        /// Whether requests that the old schema accepted could now be rejected.
        public let breaksRequests: Bool
    }

    public let old: PolicyBundle
    public let new: PolicyBundle
    public let changes: [Change]

    public init(old: PolicyBundle, new: PolicyBundle) {
        self.old = old
        self.new = new
        var changes: [Change] = []
        changes += Self.schemaChanges(old, new)
        changes += Self.catalogChanges(old, new)
        changes += Self.checkChanges(old, new)
        self.changes = changes
    }

    public var altersDecisions: Bool { changes.contains { $0.altersDecisions } }
    public var breaksRequests: Bool { changes.contains { $0.breaksRequests } }

    // MARK: Checks

    private struct CheckShape: Equatable {
        let applies: String
        let rules: [String]
        let outcomes: [Outcome]
    }

    private static func shape(_ check: Check, in bundle: PolicyBundle) -> CheckShape {
        let c = { (e: TypedExpression) in e.canonical(schema: bundle.schema, catalogs: bundle.catalogs, definitions: bundle.lint.definitions) }
        return CheckShape(applies: check.appliesTyped.map(c) ?? "true", rules: check.rules.map { c($0.typed) }, outcomes: check.rules.map(\.outcome))
    }

    private static func checkChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
        var changes: [Change] = []
        let oldIDs = Set(old.checks.map(\.id)), newIDs = Set(new.checks.map(\.id))
        var added = new.checks.filter { !oldIDs.contains($0.id) }
        for removed in old.checks where !newIDs.contains(removed.id) {
            let removedShape = shape(removed, in: old)
            if let index = added.firstIndex(where: { shape($0, in: new) == removedShape }) {
                changes.append(Change(kind: .checkRenamed, subject: removed.id, detail: "renamed to `\(added[index].id)`",
                                      altersDecisions: false, breaksRequests: false))
                added.remove(at: index)
            } else {
                changes.append(Change(kind: .checkRemoved, subject: removed.id, detail: "check removed (worst outcome was \(removed.worstOutcome.rawValue))",
                                      altersDecisions: true, breaksRequests: false))
            }
        }
        for check in added {
            changes.append(Change(kind: .checkAdded, subject: check.id, detail: "check added (worst outcome \(check.worstOutcome.rawValue))",
                                  altersDecisions: check.mode == .enforce, breaksRequests: false))
        }
        for newCheck in new.checks {
            guard let oldCheck = old.check(id: newCheck.id) else { continue }
            changes += compare(oldCheck, newCheck, old, new)
        }
        return changes
    }

    private static func compare(_ a: Check, _ b: Check, _ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
        var changes: [Change] = []
        let id = b.id
        let sa = shape(a, in: old), sb = shape(b, in: new)
        if sa.applies != sb.applies {
            changes.append(Change(kind: .applicabilityChanged, subject: id, detail: "applies_when: `\(a.appliesWhen ?? "always")` → `\(b.appliesWhen ?? "always")`",
                                  altersDecisions: true, breaksRequests: false))
        }
        if sa.rules != sb.rules {
            let before = a.rules.map(\.condition).joined(separator: " | "), after = b.rules.map(\.condition).joined(separator: " | ")
            changes.append(Change(kind: .conditionChanged, subject: id, detail: "fails when: `\(before)` → `\(after)`", altersDecisions: true, breaksRequests: false))
        } else if sa.outcomes != sb.outcomes {
            let before = sa.outcomes.map(\.rawValue).joined(separator: ", "), after = sb.outcomes.map(\.rawValue).joined(separator: ", ")
            changes.append(Change(kind: .outcomeChanged, subject: id, detail: "outcome: \(before) → \(after)", altersDecisions: true, breaksRequests: false))
        }
        if a.onMissing != b.onMissing {
            changes.append(Change(kind: .onMissingChanged, subject: id, detail: "on_missing: \(a.onMissing.rawValue) → \(b.onMissing.rawValue)",
                                  altersDecisions: true, breaksRequests: false))
        }
        let canonical = { (e: TypedExpression, bundle: PolicyBundle) in e.canonical(schema: bundle.schema, catalogs: bundle.catalogs, definitions: bundle.lint.definitions) }
        let oldExceptions = Dictionary(a.exceptions.map { ($0.id, canonical($0.typed, old)) }, uniquingKeysWith: { x, _ in x })
        let newExceptions = Dictionary(b.exceptions.map { ($0.id, canonical($0.typed, new)) }, uniquingKeysWith: { x, _ in x })
        for (eid, condition) in newExceptions.sorted(by: { $0.key < $1.key }) {
            if let before = oldExceptions[eid] {
                if before != condition {
                    changes.append(Change(kind: .exceptionChanged, subject: id, detail: "exception `\(eid)` now applies when `\(b.exceptions.first { $0.id == eid }!.condition)`",
                                          altersDecisions: true, breaksRequests: false))
                }
            } else {
                changes.append(Change(kind: .exceptionAdded, subject: id, detail: "exception `\(eid)` added", altersDecisions: true, breaksRequests: false))
            }
        }
        for eid in oldExceptions.keys.sorted() where newExceptions[eid] == nil {
            changes.append(Change(kind: .exceptionRemoved, subject: id, detail: "exception `\(eid)` removed", altersDecisions: true, breaksRequests: false))
        }
        let oldCites = Set(a.citations.map(\.text)), newCites = Set(b.citations.map(\.text))
        for cite in newCites.subtracting(oldCites).sorted() {
            changes.append(Change(kind: .citationAdded, subject: id, detail: "cites \(cite)", altersDecisions: false, breaksRequests: false))
        }
        for cite in oldCites.subtracting(newCites).sorted() {
            changes.append(Change(kind: .citationRemoved, subject: id, detail: "no longer cites \(cite)", altersDecisions: false, breaksRequests: false))
        }
        if a.effectiveFrom != b.effectiveFrom || a.effectiveUntil != b.effectiveUntil {
            func range(_ c: Check) -> String {
                "\(c.effectiveFrom.map(CivilDate.formatDate) ?? "…") – \(c.effectiveUntil.map(CivilDate.formatDate) ?? "…")"
            }
            changes.append(Change(kind: .effectiveDatesChanged, subject: id, detail: "in force \(range(a)) → \(range(b))", altersDecisions: true, breaksRequests: false))
        }
        if a.mode != b.mode {
            changes.append(Change(kind: .modeChanged, subject: id, detail: "mode: \(a.mode.rawValue) → \(b.mode.rawValue)", altersDecisions: true, breaksRequests: false))
        }
        let texts = { (c: Check) in [c.title.texts, c.explanation.mapValues(\.placeholdersAsText), c.remedy.mapValues(\.placeholdersAsText)] }
        if texts(a) != texts(b) || a.description?.texts != b.description?.texts {
            changes.append(Change(kind: .textChanged, subject: id, detail: "title, explanation, remedy or description reworded",
                                  altersDecisions: false, breaksRequests: false))
        }
        return changes
    }

    // MARK: Schema

    private static func schemaChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
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

    // MARK: Catalogs

    private static func catalogChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
        var changes: [Change] = []
        let newByName = Dictionary(new.catalogs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for catalog in old.catalogs {
            guard let other = newByName[catalog.name] else {
                changes.append(Change(kind: .catalogChanged, subject: catalog.name, detail: "catalog removed", altersDecisions: true, breaksRequests: false))
                continue
            }
            let before = Dictionary(catalog.entries.map { ($0.key, describe($0.values, catalog)) }, uniquingKeysWith: { a, _ in a })
            let after = Dictionary(other.entries.map { ($0.key, describe($0.values, other)) }, uniquingKeysWith: { a, _ in a })
            for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
                let detail: String
                switch (before[key], after[key]) {
                case (nil, let b?): detail = "entry `\(key)` added: \(b)"
                case (let a?, nil): detail = "entry `\(key)` removed (was \(a))"
                default: detail = "entry `\(key)`: \(before[key]!) → \(after[key]!)"
                }
                changes.append(Change(kind: .catalogChanged, subject: catalog.name, detail: detail, altersDecisions: true, breaksRequests: false))
            }
        }
        for catalog in new.catalogs where !old.catalogs.contains(where: { $0.name == catalog.name }) {
            changes.append(Change(kind: .catalogChanged, subject: catalog.name, detail: "catalog added", altersDecisions: false, breaksRequests: false))
        }
        return changes
    }

    private static func describe(_ values: [FactValue], _ catalog: Catalog) -> String {
        zip(catalog.attributes, values).map { "\($0.name): \(ValueFormatter.format($1, type: $0.type, language: "en"))" }.joined(separator: ", ")
    }

    // MARK: Output

    public func text() -> String {
        var out = "\(old.name) \(old.version) (\(old.digest.prefix(19))…) → \(new.name) \(new.version) (\(new.digest.prefix(19))…)\n"
        if changes.isEmpty { return out + "no semantic changes\n" }
        out += "\(changes.count) change\(changes.count == 1 ? "" : "s")"
        out += altersDecisions ? "; past decisions could change: replay history under both bundles (`rightsgate replay --compare`)" : "; no past decision can change"
        out += breaksRequests ? "; some requests the old schema accepted are now rejected" : ""
        out += "\n\n"
        for change in changes {
            var flags: [String] = []
            if change.altersDecisions { flags.append("alters decisions") }
            if change.breaksRequests { flags.append("breaks requests") }
            out += "  \(change.kind.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)) \(change.subject): \(change.detail)"
            out += flags.isEmpty ? "\n" : "  [\(flags.joined(separator: ", "))]\n"
        }
        return out
    }

    public func json() -> String {
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        for (key, bundle) in [("old", old), ("new", new)] {
            json.key(key)
            json.beginObject()
            json.key("name"); json.string(bundle.name)
            json.key("version"); json.string(bundle.version)
            json.key("digest"); json.string(bundle.digest)
            json.endObject()
        }
        json.key("alters_decisions"); json.bool(altersDecisions)
        json.key("breaks_requests"); json.bool(breaksRequests)
        json.key("changes")
        json.beginArray()
        for change in changes {
            json.beginObject()
            json.key("kind"); json.string(change.kind.rawValue)
            json.key("subject"); json.string(change.subject)
            json.key("detail"); json.string(change.detail)
            json.key("alters_decisions"); json.bool(change.altersDecisions)
            json.key("breaks_requests"); json.bool(change.breaksRequests)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text
    }
}
