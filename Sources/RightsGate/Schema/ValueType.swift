/// The type of a fact, a catalog attribute or an expression.
///
/// Enumerations and objects are reference types compared by identity: two facts share an enum type only when
/// the schema says so (a named type), which keeps `a == b` meaningful.
indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case integer
    case decimal
    case string
    case date
    case datetime
    case enumeration(EnumType)
    case list(ValueType)
    case object(ObjectType)

    var description: String {
        switch self {
        case .bool: "bool"
        case .integer: "integer"
        case .decimal: "decimal"
        case .string: "string"
        case .date: "date"
        case .datetime: "datetime"
        case let .enumeration(e): e.description
        case let .list(inner): "list of \(inner)"
        case let .object(o): o.name.map { "object `\($0)`" } ?? "object"
        }
    }

    var isNumeric: Bool { self == .integer || self == .decimal }
    var isTemporal: Bool { self == .date || self == .datetime }

    var enumType: EnumType? {
        if case let .enumeration(e) = self { return e }
        return nil
    }

    var elementType: ValueType? {
        if case let .list(inner) = self { return inner }
        return nil
    }

    /// Whether values of this type are stored inline in a fact slot (no heap allocation).
    var isScalarSlot: Bool {
        switch self {
        case .bool, .integer, .decimal, .date, .datetime, .enumeration: true
        case .string, .list, .object: false
        }
    }
}

/// A closed set of values, e.g. the target levels `url`, `domain`, `ip`.
final class EnumType: Sendable, Hashable, CustomStringConvertible {
    /// The schema name for a named type, else the fact path it was declared on.
    let name: String
    let isNamed: Bool
    let values: [String]
    /// The values as UTF-8 bytes, for matching request text without building strings.
    let valueBytes: [[UInt8]]
    private let indexByValue: [String: Int32]

    init(name: String, isNamed: Bool, values: [String]) {
        self.name = name
        self.isNamed = isNamed
        self.values = values
        valueBytes = values.map { Array($0.utf8) }
        var index: [String: Int32] = [:]
        for (i, v) in values.enumerated() where index[v] == nil { index[v] = Int32(i) }
        indexByValue = index
    }

    func index(of value: String) -> Int32? { indexByValue[value] }

    var description: String {
        isNamed ? "enum `\(name)`" : "the enumeration of `\(name)`"
    }

    /// `a`, `b`, `c` … for help texts.
    var valueList: String {
        let shown = values.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
        return values.count > 12 ? shown + ", … (\(values.count) values)" : shown
    }

    static func == (lhs: EnumType, rhs: EnumType) -> Bool { lhs === rhs }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// The type of an object nested in a list (objects at the top of the schema are flattened into slots).
final class ObjectType: Sendable, Hashable {
    struct Field: Sendable {
        let name: String
        let type: ValueType
        let nullable: Bool
        let sensitive: Bool
    }

    let name: String?
    let fields: [Field]
    private let indexByName: [String: Int]

    init(name: String?, fields: [Field]) {
        self.name = name
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f.name] = i }
        indexByName = index
    }

    func fieldIndex(_ name: String) -> Int? { indexByName[name] }

    static func == (lhs: ObjectType, rhs: ObjectType) -> Bool { lhs === rhs }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
