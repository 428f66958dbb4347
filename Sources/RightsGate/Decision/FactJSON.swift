internal import Crypto

/// How sensitive facts (the schema's `sensitive: true`, e.g. URLs of abuse material, a notifier's identity)
/// appear when a request or a decision is written out.
public enum Masking: Sendable, Hashable {
    /// Values are written as they are (only for the caller's own copy; never for the log).
    case none
    /// Values are replaced by `"[redacted]"`.
    case redact
    /// Values are replaced by `"hmac-sha256:<hex>"` of their canonical JSON under a secret key, so an
    /// auditor holding the key can match a record to a known value without the log revealing it.
    case keyedHash(key: [UInt8])
}

/// Writes fact values as JSON: canonical requests (sorted keys) and the `facts` of decision reasons.
enum FactJSON {
    static let redacted = "[redacted]"

    /// Writes `value`; a `sensitive` field of an object inside a list is written masked (unless `masking` is
    /// `.none`, which only the request digest uses), the same way a sensitive fact is.
    static func write(_ value: FactValue, type: ValueType?, masking: Masking, into json: inout JSONWriter) {
        switch value {
        case .missing, .null: json.null()
        case let .bool(b): json.bool(b)
        case let .integer(i): json.number(i)
        case let .decimal(d): json.number(d)
        case let .string(s): json.string(s)
        case let .enumCase(i):
            if case let .enumeration(e)? = type, Int(i) < e.values.count { json.string(e.values[Int(i)]) } else { json.number(Int64(i)) }
        case let .date(d): json.string(CivilDate.formatDate(d))
        case let .datetime(s): json.string(CivilDate.formatDateTime(s))
        case let .list(items):
            json.beginArray()
            for item in items { write(item, type: type?.elementType, masking: masking, into: &json) }
            json.endArray()
        case let .object(fields):
            json.beginObject()
            if case let .object(o)? = type {
                let order = o.fields.indices.sorted { o.fields[$0].name < o.fields[$1].name }
                for i in order where i < fields.count && fields[i] != .missing {
                    let field = o.fields[i]
                    json.key(field.name)
                    if field.sensitive, fields[i].isPresent, masking != .none {
                        json.raw(masked(fields[i], type: field.type, masking: masking))
                    } else {
                        write(fields[i], type: field.type, masking: masking, into: &json)
                    }
                }
            }
            json.endObject()
        }
    }

    /// Longest text, and most list items, shown in a decision (its `facts` and the values its texts
    /// interpolate). Longer texts (a statement of reasons, say) are cut, and so are texts inside lists and
    /// objects; a longer list keeps its first items and ends with a note of how many it had. So a decision,
    /// and the decision log, stay small whatever the request carried; the request digest covers it all.
    static let maximumShownText = 300
    static let maximumShownItems = 20

    static func abbreviated(_ value: FactValue) -> FactValue {
        cut(value) ?? value
    }

    /// The abbreviated value, or nil when nothing needs cutting (the common case allocates nothing).
    private static func cut(_ value: FactValue) -> FactValue? {
        switch value {
        case let .string(text):
            guard text.utf8.count > maximumShownText, text.count > maximumShownText else { return nil }
            return .string(String(text.prefix(maximumShownText)) + "… (\(text.count) characters)")
        case let .list(items):
            let kept = items.prefix(maximumShownItems)
            guard items.count > maximumShownItems || kept.contains(where: { cut($0) != nil }) else { return nil }
            var shown = kept.map { cut($0) ?? $0 }
            if items.count > maximumShownItems { shown.append(.string("… (\(items.count) items)")) }
            return .list(shown)
        case let .object(fields):
            guard fields.contains(where: { cut($0) != nil }) else { return nil }
            return .object(fields.map { cut($0) ?? $0 })
        default:
            return nil
        }
    }

    /// A sensitive value as JSON text: `"[redacted]"`, or `"hmac-sha256:<hex>"` of its canonical JSON.
    static func masked(_ value: FactValue, type: ValueType?, masking: Masking) -> [UInt8] {
        switch masking {
        case .none:
            var inner = JSONWriter(capacity: 64)
            write(value, type: type, masking: .none, into: &inner)
            return inner.bytes
        case .redact:
            return redactedJSON
        case let .keyedHash(key):
            var inner = JSONWriter(capacity: 64)
            write(value, type: type, masking: .none, into: &inner)
            let mac = HMAC<SHA256>.authenticationCode(for: inner.bytes, using: SymmetricKey(data: key))
            return Array(("\"hmac-sha256:" + JSONWriter.hexString(mac) + "\"").utf8)
        }
    }

    private static let redactedJSON = Array("\"\(redacted)\"".utf8)

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        "sha256:" + JSONWriter.hexString(SHA256.hash(data: bytes))
    }
}

/// How to write a request canonically (the facts the schema knows, keys sorted at every level, no
/// whitespace; unknown fields are not kept), worked out once per bundle: each level's members in name order
/// with their keys already encoded, so writing a request copies no schema strings. It runs for every
/// decision: once for `request_digest` (unmasked), once for the log's masked copy.
struct CanonicalPlan: Sendable {
    struct Member: Sendable {
        let slot: Int
        /// `"name":` as UTF-8.
        let key: [UInt8]
        let type: ValueType?
        let sensitive: Bool
        /// Index of the member's own level when it is a group of facts.
        let level: Int?
    }

    private(set) var levels: [[Member]] = []

    init(schema: FactSchema, sensitive: Set<Int>) {
        var levels: [[Member]] = []
        func build(_ slots: [Int]) -> Int {
            let index = levels.count
            levels.append([])
            var members: [Member] = []
            for slot in schema.sortedByName(slots) {
                let info = schema.slots[slot]
                var key: [UInt8] = []
                JSONWriter.appendString(info.name, to: &key)
                key.append(0x3A)
                let child = info.type == nil ? build(info.children) : nil
                members.append(Member(slot: slot, key: key, type: info.type, sensitive: sensitive.contains(slot), level: child))
            }
            levels[index] = members
            return index
        }
        _ = build(schema.rootSlots)
        self.levels = levels
    }

    func write(_ facts: FactTable, masking: Masking) -> [UInt8] {
        var json = JSONWriter(capacity: 2048)
        write(level: 0, facts, masking: masking, into: &json)
        return json.bytes
    }

    private func write(level: Int, _ facts: FactTable, masking: Masking, into json: inout JSONWriter) {
        json.beginObject()
        for member in levels[level] {
            switch facts.state(member.slot) {
            case .missing: continue
            case .null:
                json.rawKey(member.key)
                json.null()
            case .present:
                json.rawKey(member.key)
                if member.sensitive, masking != .none {
                    let value = member.level == nil ? facts.value(member.slot, type: member.type) : FactValue.string("object")
                    json.raw(FactJSON.masked(value, type: member.level == nil ? member.type : .string, masking: masking))
                } else if let child = member.level {
                    write(level: child, facts, masking: masking, into: &json)
                } else {
                    FactJSON.write(facts.value(member.slot, type: member.type), type: member.type, masking: masking, into: &json)
                }
            }
        }
        json.endObject()
    }
}
