/// The catalog part of the diff: catalogs and entries added, removed or with other values. Conditions read
/// catalog values at evaluation time, so any value change can alter decisions.
extension BundleDiff {
    static func catalogChanges(_ old: PolicyBundle, _ new: PolicyBundle) -> [Change] {
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
}
