/// A compiled catalog: a table of legal facts keyed by an enum value or a string, such as the offence
/// provisions with whether each lies outside the constitutional media protection.
final class Catalog: Sendable {
    struct Attribute: Sendable {
        let name: String
        let type: ValueType
        let nullable: Bool
    }

    let name: String
    let description: String?
    let keyType: ValueType
    let attributes: [Attribute]
    /// Attributes declared with a type that failed (already reported where declared): a use of one is not a
    /// second mistake.
    let unresolvedAttributes: [String]
    let location: SourceLocation
    /// Entries in declaration order: key and attribute values (in `attributes` order).
    let entries: [(key: String, values: [FactValue], location: SourceLocation)]
    /// For enum keys: entry position by enum index (-1 when the catalog has no entry for that value).
    let entryByEnumIndex: [Int]
    let entryByString: [String: Int]

    init(
        name: String, description: String?, keyType: ValueType, attributes: [Attribute], unresolvedAttributes: [String] = [],
        location: SourceLocation, entries: [(key: String, values: [FactValue], location: SourceLocation)]
    ) {
        self.unresolvedAttributes = unresolvedAttributes
        self.name = name
        self.description = description
        self.keyType = keyType
        self.attributes = attributes
        self.location = location
        self.entries = entries
        var byString: [String: Int] = [:]
        for (i, e) in entries.enumerated() { byString[e.key] = i }
        entryByString = byString
        if case let .enumeration(enumType) = keyType {
            entryByEnumIndex = enumType.values.map { byString[$0] ?? -1 }
        } else {
            entryByEnumIndex = []
        }
    }

    func attributeIndex(_ name: String) -> Int? { attributes.firstIndex { $0.name == name } }

    /// Position of the entry for an enum key, or nil.
    @inline(__always) func entry(enumIndex: Int32) -> Int? {
        let i = Int(enumIndex)
        guard i >= 0, i < entryByEnumIndex.count else { return nil }
        let e = entryByEnumIndex[i]
        return e < 0 ? nil : e
    }
}
