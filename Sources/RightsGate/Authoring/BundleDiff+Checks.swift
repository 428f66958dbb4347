/// The check part of the diff: pairing old and new checks (by id, or as a rename) and comparing each pair.
extension BundleDiff {
    static func checkChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
        CheckComparison(old, new).changes()
    }
}

/// Compares the checks of two bundles, with each bundle's canonical form and check shapes computed once.
private struct CheckComparison {
    typealias Change = BundleDiff.Change

    /// What decides a check's failure, in canonical form. It identifies a check across a rename, so it is
    /// computed once per check, not once per (removed, added) pair.
    struct Shape: Hashable {
        let applies: String
        let rules: [String]
        let outcomes: [Outcome]

        init(_ check: Check, _ canonical: CanonicalForm) {
            applies = check.appliesTyped.map { canonical($0) } ?? "true"
            rules = check.rules.map { canonical($0.typed) }
            outcomes = check.rules.map(\.outcome)
        }
    }

    let old: PolicyBundle, new: PolicyBundle
    let oldCanonical: CanonicalForm, newCanonical: CanonicalForm
    let oldShapes: [String: Shape], newShapes: [String: Shape]

    init(_ old: PolicyBundle, _ new: PolicyBundle) {
        self.old = old
        self.new = new
        let oldCanonical = CanonicalForm(old), newCanonical = CanonicalForm(new)
        self.oldCanonical = oldCanonical
        self.newCanonical = newCanonical
        oldShapes = Dictionary(old.checks.map { ($0.id, Shape($0, oldCanonical)) }, uniquingKeysWith: { a, _ in a })
        newShapes = Dictionary(new.checks.map { ($0.id, Shape($0, newCanonical)) }, uniquingKeysWith: { a, _ in a })
    }

    func changes() -> [Change] {
        var changes: [Change] = []
        let oldIDs = Set(old.checks.map(\.id)), newIDs = Set(new.checks.map(\.id))
        let added = new.checks.filter { !oldIDs.contains($0.id) }
        var unpaired = Dictionary(grouping: added) { newShapes[$0.id]! }
        var renamedTo: Set<String> = []
        for removed in old.checks where !newIDs.contains(removed.id) {
            let shape = oldShapes[removed.id]!
            guard let candidates = unpaired[shape], !candidates.isEmpty else {
                changes.append(Change(kind: .checkRemoved, subject: removed.id, detail: "check removed (worst outcome was \(removed.worstOutcome.rawValue))",
                                      altersDecisions: removed.mode == .enforce, breaksRequests: false))
                continue
            }
            // Of several added checks with these conditions, the one that differs least is this check renamed.
            let comparisons = candidates.map { compare(removed, $0) }
            let best = comparisons.indices.min { comparisons[$0].count < comparisons[$1].count }!
            let renamed = candidates[best]
            changes.append(Change(kind: .checkRenamed, subject: removed.id, detail: "renamed to `\(renamed.id)`",
                                  altersDecisions: false, breaksRequests: false))
            changes += comparisons[best]
            unpaired[shape]!.remove(at: best)
            renamedTo.insert(renamed.id)
        }
        for check in added where !renamedTo.contains(check.id) {
            changes.append(Change(kind: .checkAdded, subject: check.id, detail: "check added (worst outcome \(check.worstOutcome.rawValue))",
                                  altersDecisions: check.mode == .enforce, breaksRequests: false))
        }
        for newCheck in new.checks {
            guard let oldCheck = old.check(id: newCheck.id) else { continue }
            changes += compare(oldCheck, newCheck)
        }
        return changes
    }

    /// Everything that differs between an old check and the new check taking its place (same id, or renamed),
    /// reported under the new id.
    func compare(_ a: Check, _ b: Check) -> [Change] {
        let id = b.id
        let sa = oldShapes[a.id]!, sb = newShapes[b.id]!
        var changes: [Change] = []
        func add(_ kind: Change.Kind, _ detail: String, altersDecisions: Bool) {
            changes.append(Change(kind: kind, subject: id, detail: detail, altersDecisions: altersDecisions, breaksRequests: false))
        }
        if sa.applies != sb.applies {
            add(.applicabilityChanged, "applies_when: `\(a.appliesWhen ?? "always")` → `\(b.appliesWhen ?? "always")`", altersDecisions: true)
        }
        if sa.rules != sb.rules {
            let before = a.rules.map(\.condition).joined(separator: " | "), after = b.rules.map(\.condition).joined(separator: " | ")
            add(.conditionChanged, "fails when: `\(before)` → `\(after)`", altersDecisions: true)
        } else if sa.outcomes != sb.outcomes {
            let before = sa.outcomes.map(\.rawValue).joined(separator: ", "), after = sb.outcomes.map(\.rawValue).joined(separator: ", ")
            add(.outcomeChanged, "outcome: \(before) → \(after)", altersDecisions: true)
        }
        if a.onMissing != b.onMissing {
            add(.onMissingChanged, "on_missing: \(a.onMissing.rawValue) → \(b.onMissing.rawValue)", altersDecisions: true)
        }
        changes += exceptionChanges(a, b)
        changes += citationChanges(a.citations, b.citations, of: id, what: "")
        if a.effectiveFrom != b.effectiveFrom || a.effectiveUntil != b.effectiveUntil {
            func range(_ c: Check) -> String {
                "\(c.effectiveFrom.map(CivilDate.formatDate) ?? "…") – \(c.effectiveUntil.map(CivilDate.formatDate) ?? "…")"
            }
            add(.effectiveDatesChanged, "in force \(range(a)) → \(range(b))", altersDecisions: true)
        }
        if a.mode != b.mode {
            add(.modeChanged, "mode: \(a.mode.rawValue) → \(b.mode.rawValue)", altersDecisions: true)
        }
        let reworded = rewordedTexts(a, b)
        if !reworded.isEmpty {
            add(.textChanged, "reworded: \(reworded.joined(separator: ", "))", altersDecisions: false)
        }
        return changes
    }

    /// Exceptions by id: added, removed, with another condition, and their citations.
    private func exceptionChanges(_ a: Check, _ b: Check) -> [Change] {
        var changes: [Change] = []
        let before = Dictionary(a.exceptions.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.exceptions.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for exception in b.exceptions.sorted(by: { $0.id < $1.id }) {
            let eid = exception.id
            guard let previous = before[eid] else {
                changes.append(Change(kind: .exceptionAdded, subject: b.id, detail: "exception `\(eid)` added", altersDecisions: true, breaksRequests: false))
                continue
            }
            if oldCanonical(previous.typed) != newCanonical(exception.typed) {
                changes.append(Change(kind: .exceptionChanged, subject: b.id, detail: "exception `\(eid)` now applies when `\(exception.condition)`",
                                      altersDecisions: true, breaksRequests: false))
            }
            changes += citationChanges(previous.citations, exception.citations, of: b.id, what: "exception `\(eid)` ")
        }
        for eid in before.keys.sorted() where after[eid] == nil {
            changes.append(Change(kind: .exceptionRemoved, subject: b.id, detail: "exception `\(eid)` removed", altersDecisions: true, breaksRequests: false))
        }
        return changes
    }

    /// Citations added and removed; `what` names the exception when they are an exception's (empty for the check's).
    private func citationChanges(_ a: [Citation], _ b: [Citation], of id: String, what: String) -> [Change] {
        let before = Set(a.map(\.text)), after = Set(b.map(\.text))
        return after.subtracting(before).sorted().map {
            Change(kind: .citationAdded, subject: id, detail: "\(what)cites \($0)", altersDecisions: false, breaksRequests: false)
        } + before.subtracting(after).sorted().map {
            Change(kind: .citationRemoved, subject: id, detail: "\(what)no longer cites \($0)", altersDecisions: false, breaksRequests: false)
        }
    }

    /// The texts that differ, named for the reviewer: the check's own, each graded rule's (by position) and each
    /// kept exception's reason.
    private func rewordedTexts(_ a: Check, _ b: Check) -> [String] {
        var parts: [String] = []
        func templates(_ t: [String: Template]?) -> [String: String]? { t?.mapValues(\.placeholdersAsText) }
        if a.title != b.title { parts.append("title") }
        if a.description != b.description { parts.append("description") }
        if templates(a.explanation) != templates(b.explanation) { parts.append("explanation") }
        if templates(a.remedy) != templates(b.remedy) { parts.append("remedy") }
        for (i, (x, y)) in zip(a.rules, b.rules).enumerated() {
            if templates(x.explanation) != templates(y.explanation) { parts.append("explanation of rule \(i + 1)") }
            if templates(x.remedy) != templates(y.remedy) { parts.append("remedy of rule \(i + 1)") }
        }
        let before = Dictionary(a.exceptions.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for exception in b.exceptions.sorted(by: { $0.id < $1.id }) {
            guard let previous = before[exception.id], previous.reason != exception.reason else { continue }
            parts.append("reason of exception `\(exception.id)`")
        }
        return parts
    }
}
