/// The compiled fact schema: every declared fact, flattened into numbered slots.
///
/// Objects at the top of the schema (`action`, `target`, …) are flattened: each object and each leaf below it
/// gets a slot, so the evaluator reads `target.level` as `slots[17]` with no name lookup. Objects inside lists
/// keep their structure and are read through ``FactValue``.
public struct FactSchema: Sendable {
    /// One slot: a declared fact at a fixed path.
    struct Slot: Sendable {
        let index: Int
        /// Dotted path from the request root, e.g. `target.host.in_eu`.
        let path: String
        let name: String
        /// The value type; `nil` for a flattened object (only its presence is stored).
        let type: ValueType?
        let nullable: Bool
        let sensitive: Bool
        let description: String?
        /// Declared `informational: true`: carried for the record, not expected to be read by a check.
        var informational = false
        let location: SourceLocation
        /// Slot of the enclosing object, or nil at the root.
        let parent: Int?
        /// Slots of the members when this is a flattened object.
        var children: [Int]
    }

    private(set) var slots: [Slot] = []
    /// Children of each object level in name order (index -1 is the root), for canonical JSON.
    private var sortedLevels: [Int: [Int]] = [:]
    /// Slots directly under the request root, in declaration order.
    private(set) var rootSlots: [Int] = []
    private var indexByPath: [String: Int] = [:]

    init() {}

    var count: Int { slots.count }

    /// `slots` (the members of one level) in name order; cached for the levels of the schema.
    func sortedByName(_ level: [Int]) -> [Int] {
        let key = level.first.flatMap { slots[$0].parent } ?? -1
        if let cached = sortedLevels[key], cached.count == level.count { return cached }
        return level.sorted { slots[$0].name < slots[$1].name }
    }

    /// Precomputes `sortedByName` for every level; called once the schema is complete.
    mutating func finish() {
        sortedLevels[-1] = rootSlots.sorted { slots[$0].name < slots[$1].name }
        for slot in slots where slot.type == nil {
            sortedLevels[slot.index] = slot.children.sorted { slots[$0].name < slots[$1].name }
        }
    }

    func slot(_ path: String) -> Slot? { indexByPath[path].map { slots[$0] } }
    func slotIndex(_ path: String) -> Int? { indexByPath[path] }

    /// Leaf paths (not objects), for did-you-mean and documentation.
    var leafPaths: [String] { slots.filter { $0.type != nil }.map(\.path) }
    var allPaths: [String] { slots.map(\.path) }

    /// The slot of the request's `id` fact, which becomes the decision's `request_id`.
    var requestIDSlot: Int? {
        guard let i = indexByPath["id"], slots[i].type == .string else { return nil }
        return i
    }

    mutating func add(
        path: String, name: String, type: ValueType?, nullable: Bool, sensitive: Bool, description: String?,
        informational: Bool = false, location: SourceLocation, parent: Int?
    ) -> Int {
        let index = slots.count
        slots.append(Slot(
            index: index, path: path, name: name, type: type, nullable: nullable, sensitive: sensitive,
            description: description, informational: informational, location: location, parent: parent, children: []))
        indexByPath[path] = index
        if let parent { slots[parent].children.append(index) } else { rootSlots.append(index) }
        return index
    }
}
