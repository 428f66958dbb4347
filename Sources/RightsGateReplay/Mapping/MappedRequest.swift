import RightsGate

/// The facts a mapping produced for one record, ready to be written as a request document.
///
/// Kept as a flat list of (fact path, value) rather than JSON so that a value the schema rejects (an enum
/// key newer than the bundle, a malformed date) can be removed and the rest decoded again: one bad cell
/// then costs one fact, counted in the report, instead of the whole record.
struct MappedRequest: Sendable {
    struct Fact: Sendable {
        let path: String
        let components: [Substring]
        var value: MappedValue
    }

    private(set) var facts: [Fact] = []

    mutating func set(_ path: String, _ value: MappedValue) {
        let components = path.split(separator: ".")
        if let i = facts.firstIndex(where: { $0.path == path }) {
            facts[i].value = value
        } else {
            facts.append(Fact(path: path, components: components, value: value))
        }
    }

    /// The fact paths that hold a value.
    var paths: [String] { facts.map(\.path) }

    /// Removes what a request issue points at: a list element (`$.a.b[2]`) or a whole fact (`$.a.b`).
    /// Returns the fact path it was removed from, or nil when the path is not one of ours.
    mutating func remove(issuePath: String) -> String? {
        guard issuePath.hasPrefix("$.") else { return nil }
        var path = Substring(issuePath.dropFirst(2))
        var index: Int?
        if let bracket = path.firstIndex(of: "[") {
            index = Int(path[path.index(after: bracket)...].prefix { $0.isNumber })
            path = path[..<bracket]
        }
        guard let i = facts.firstIndex(where: { $0.path == path }) else { return nil }
        if let index, case var .list(items) = facts[i].value, items.indices.contains(index) {
            items.remove(at: index)
            facts[i].value = .list(items)
        } else {
            facts.remove(at: i)
        }
        return String(path)
    }

    /// The request as compact JSON, objects nested along the dotted paths.
    func json() -> [UInt8] {
        let sorted = facts.sorted { $0.components.lexicographicallyPrecedes($1.components) }
        var out = "{"
        var open: [Substring] = []
        var needsComma = false
        for fact in sorted {
            let parents = fact.components.dropLast()
            var common = 0
            while common < open.count, common < parents.count, open[common] == parents[parents.startIndex + common] { common += 1 }
            while open.count > common {
                out += "}"
                open.removeLast()
                needsComma = true
            }
            for component in parents.dropFirst(common) {
                if needsComma { out += "," }
                Self.appendString(String(component), to: &out)
                out += ":{"
                open.append(component)
                needsComma = false
            }
            if needsComma { out += "," }
            Self.appendString(String(fact.components.last ?? ""), to: &out)
            out += ":"
            Self.append(fact.value, to: &out)
            needsComma = true
        }
        out += String(repeating: "}", count: open.count) + "}"
        return Array(out.utf8)
    }

    private static func append(_ value: MappedValue, to out: inout String) {
        switch value {
        case let .string(s): appendString(s, to: &out)
        case let .bool(b): out += b ? "true" : "false"
        case let .integer(i): out += String(i)
        case let .list(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                appendString(item, to: &out)
            }
            out += "]"
        }
    }

    static func appendString(_ value: String, to out: inout String) {
        JSONText.append(value, to: &out)
    }
}
