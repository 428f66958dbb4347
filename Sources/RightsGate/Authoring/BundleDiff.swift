/// A semantic diff of two policy bundles: what a reviewer must approve, in legal terms.
///
/// Checks are compared by id, conditions by their canonical form (so reformatting or reordering a list is not
/// a change). A removed check whose conditions and outcomes reappear under a new id is paired with it as a
/// rename, and the pair is then compared like any other, so a rename cannot hide a change of mode, exceptions,
/// `on_missing`, dates, texts or citations. Schema changes are followed into lists and into the objects in
/// lists, and are classified by whether requests that were valid stay valid. Every change says whether it
/// could alter past decisions (texts, citations and renames cannot; conditions, outcomes, exceptions, dates,
/// modes, enforced checks added or removed, the schema and catalog values can), so a reviewer knows when to
/// replay history under both bundles.
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
