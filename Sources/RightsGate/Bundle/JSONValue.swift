public import Foundation

/// A JSON document as a tree, for the places that inspect requests rather than evaluate them: replay inputs
/// carrying extra fields. Parsing goes through Foundation's `JSONDecoder`, which forgets number spellings
/// and duplicate keys, so nothing that must decide like the request decoder does builds this tree (policy
/// tests edit the request's bytes instead, see ``JSONSplice``).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let i = try? container.decode(Int64.self) { self = .integer(i) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(b): try container.encode(b)
        case let .integer(i): try container.encode(i)
        case let .number(d): try container.encode(d)
        case let .string(s): try container.encode(s)
        case let .array(a): try container.encode(a)
        case let .object(o): try container.encode(o)
        }
    }

    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Compact JSON with sorted keys.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    public subscript(key: String) -> JSONValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// Removes the value at a dotted path; returns whether it was there.
    @discardableResult
    public mutating func remove(path: [String]) -> Bool {
        guard case var .object(object) = self, let head = path.first else { return false }
        if path.count == 1 {
            let removed = object.removeValue(forKey: head) != nil
            self = .object(object)
            return removed
        }
        guard var child = object[head] else { return false }
        let removed = child.remove(path: Array(path.dropFirst()))
        object[head] = child
        self = .object(object)
        return removed
    }
}
