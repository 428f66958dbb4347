/// Why a replay could not run to the end. Problems with single records are not errors: they are counted
/// and listed in the report; these are the problems that leave no report to write.
public struct ReplayError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case unreadable(file: String, reason: String)
        case input(file: String, reason: String)
        case duplicate(file: String, other: String)
        case strict(file: String, line: Int, code: String, message: String)
        case mapping(MappingLoadError)
    }

    private let kind: Kind

    /// An input file cannot be opened or read.
    static func unreadable(file: String, _ reason: String) -> ReplayError { ReplayError(kind: .unreadable(file: file, reason: reason)) }
    /// An input file is not of the expected kind at all (e.g. a CSV without the statement-of-reasons columns).
    static func input(file: String, _ reason: String) -> ReplayError { ReplayError(kind: .input(file: file, reason: reason)) }
    /// The same input is given twice (exit 64): its records would be counted twice, and the report could not
    /// tell the two apart.
    static func duplicate(file: String, other: String) -> ReplayError { ReplayError(kind: .duplicate(file: file, other: other)) }
    /// With `--strict`: the first invalid record.
    static func strict(file: String, line: Int, code: String, message: String) -> ReplayError {
        ReplayError(kind: .strict(file: file, line: line, code: code, message: message))
    }

    /// The statement-of-reasons mapping file has errors.
    static func mapping(_ error: MappingLoadError) -> ReplayError { ReplayError(kind: .mapping(error)) }

    /// The mapping's diagnostics, when that is what went wrong (render them with their source lines).
    public var mappingError: MappingLoadError? {
        if case let .mapping(error) = kind { return error }
        return nil
    }

    /// Whether the fault is the input's content (exit 65) rather than access to it or how it was named (exit 64).
    public var isInvalidInput: Bool {
        switch kind {
        case .unreadable, .duplicate: false
        case .input, .strict, .mapping: true
        }
    }

    public var description: String {
        switch kind {
        case let .unreadable(file, reason): "cannot read `\(file)`: \(reason)"
        case let .input(file, reason): "\(file): \(reason)"
        case let .duplicate(file, other):
            file == other ? "`\(file)` is given twice; give each input once" : "`\(file)` and `\(other)` are the same input; give each input once"
        case let .strict(file, line, code, message): "\(file):\(line): error[\(code)]: \(message) (--strict stops at the first invalid record)"
        case let .mapping(error): error.description
        }
    }
}
