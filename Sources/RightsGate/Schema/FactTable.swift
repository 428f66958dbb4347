/// The facts of one request, by slot: the evaluator's input.
///
/// Scalars are stored as raw 64-bit patterns next to a state byte, so reading a fact is two array loads and
/// no reference counting. Strings and lists go to `boxes`, referenced by index from the slot's bits.
/// A table can be reset and refilled, so a stream of requests decodes without reallocating.
public struct FactTable: Sendable {
    enum State: UInt8 {
        case missing = 0
        case present = 1
        case null = 2
    }

    private(set) var states: [State]
    private(set) var bits: [UInt64]
    private(set) var boxes: [FactValue]

    init(slotCount: Int) {
        states = Array(repeating: .missing, count: slotCount)
        bits = Array(repeating: 0, count: slotCount)
        boxes = []
    }

    /// Marks every fact missing, keeping the storage.
    mutating func reset() {
        for i in states.indices { states[i] = .missing }
        boxes.removeAll(keepingCapacity: true)
    }

    @inline(__always) func state(_ slot: Int) -> State { states[slot] }
    @inline(__always) func isPresent(_ slot: Int) -> Bool { states[slot] == .present }

    // MARK: Writing (decoder)

    mutating func setNull(_ slot: Int) { states[slot] = .null }
    mutating func setPresent(_ slot: Int) { states[slot] = .present }

    mutating func set(_ slot: Int, bits value: UInt64) {
        states[slot] = .present
        bits[slot] = value
    }

    mutating func set(_ slot: Int, boxed value: FactValue) {
        states[slot] = .present
        bits[slot] = UInt64(boxes.count)
        boxes.append(value)
    }

    // MARK: Reading (evaluator)

    @inline(__always) func bool(_ slot: Int) -> Bool? {
        states[slot] == .present ? bits[slot] != 0 : nil
    }

    @inline(__always) func integer(_ slot: Int) -> Int64? {
        states[slot] == .present ? Int64(bitPattern: bits[slot]) : nil
    }

    @inline(__always) func decimal(_ slot: Int) -> Double? {
        states[slot] == .present ? Double(bitPattern: bits[slot]) : nil
    }

    @inline(__always) func enumCase(_ slot: Int) -> Int32? {
        states[slot] == .present ? Int32(truncatingIfNeeded: bits[slot]) : nil
    }

    @inline(__always) func date(_ slot: Int) -> Int32? {
        states[slot] == .present ? Int32(truncatingIfNeeded: Int64(bitPattern: bits[slot])) : nil
    }

    @inline(__always) func boxed(_ slot: Int) -> FactValue? {
        states[slot] == .present ? boxes[Int(bits[slot])] : nil
    }

    @inline(__always) func string(_ slot: Int) -> String? {
        guard states[slot] == .present, case let .string(s) = boxes[Int(bits[slot])] else { return nil }
        return s
    }

    /// The value of a slot in the general representation, for rendering and for list elements.
    func value(_ slot: Int, type: ValueType?) -> FactValue {
        switch states[slot] {
        case .missing: return .missing
        case .null: return .null
        case .present: break
        }
        guard let type else { return .object([]) }
        switch type {
        case .bool: return .bool(bits[slot] != 0)
        case .integer: return .integer(Int64(bitPattern: bits[slot]))
        case .decimal: return .decimal(Double(bitPattern: bits[slot]))
        case .enumeration: return .enumCase(Int32(truncatingIfNeeded: bits[slot]))
        case .date: return .date(Int32(truncatingIfNeeded: Int64(bitPattern: bits[slot])))
        case .datetime: return .datetime(Int64(bitPattern: bits[slot]))
        case .string, .list, .object: return boxes[Int(bits[slot])]
        }
    }
}
