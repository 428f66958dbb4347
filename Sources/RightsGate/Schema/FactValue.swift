/// A fact value that does not fit in a scalar slot: strings, lists and objects inside lists.
///
/// Scalar facts (bools, numbers, enums, dates) never become a `FactValue` on the evaluation path; they live
/// as raw bits in ``FactTable``.
enum FactValue: Sendable, Hashable {
    case missing
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(Double)
    case string(String)
    /// Index into the enum type's values.
    case enumCase(Int32)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Seconds since 1970-01-01T00:00:00Z.
    case datetime(Int64)
    case list([FactValue])
    /// Fields in the order of the ``ObjectType``.
    case object([FactValue])

    var isPresent: Bool {
        switch self {
        case .missing, .null: false
        default: true
        }
    }
}
