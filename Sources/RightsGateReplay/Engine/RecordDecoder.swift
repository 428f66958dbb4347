import Foundation
import RightsGate

/// Decodes a prepared record into a fact table, repairing what replay may repair and nothing else.
///
/// Two repairs, both counted in the report, never silent: a statement-of-reasons value the schema rejects
/// (an enum key newer than the bundle) is removed and the rest decoded again; a log record's masked value
/// that the schema cannot take (`"[redacted]"` where a list was) is removed likewise. Every other problem
/// makes the record invalid, as `rightsgate evaluate` would.
struct RecordDecoder {
    struct Decoded {
        var warnings: [RequestIssue]
        /// For mapped records: the fact paths that hold a value after repair.
        var filledPaths: [String]?
        /// Facts whose mapped value the schema rejected.
        var rejected: [String] = []
        /// Facts whose masked value was dropped.
        var masked: [String] = []
    }

    /// Rounds of removal before giving up (each round removes every value an error points at).
    static let maximumRepairs = 4

    static func decode(
        _ record: PreparedRecord, buffer: UnsafeBufferPointer<UInt8>, bundle: PolicyBundle, table: inout FactTable, strict: Bool
    ) -> Result<Decoded, RequestError> {
        switch record.body {
        case let .slice(range):
            let bytes = UnsafeBufferPointer(rebasing: buffer[range])
            do {
                return .success(Decoded(warnings: try bundle.decode(bytes, into: &table, strict: strict)))
            } catch {
                guard record.dropsMaskedValues, let (repaired, dropped) = dropMasked(bytes, error: error) else { return .failure(error) }
                do {
                    var decoded = Decoded(warnings: try bundle.decode(repaired, into: &table, strict: strict))
                    decoded.masked = dropped
                    return .success(decoded)
                } catch {
                    return .failure(error)
                }
            }
        case var .mapped(request):
            var rejected: [String] = []
            for _ in 0...maximumRepairs {
                do {
                    let warnings = try bundle.decode(request.json(), into: &table, strict: strict)
                    return .success(Decoded(warnings: warnings, filledPaths: request.paths, rejected: rejected))
                } catch {
                    let removed = error.errors.map { request.remove(issuePath: $0.path) }
                    guard !removed.isEmpty, removed.allSatisfy({ $0 != nil }) else { return .failure(error) }
                    rejected += removed.compactMap { $0 }
                }
            }
            return .failure(RequestError(issues: []))
        }
    }

    /// Removes masked values at the paths the errors name; nil unless every error is such a value.
    private static func dropMasked(_ bytes: UnsafeBufferPointer<UInt8>, error: RequestError) -> ([UInt8], [String])? {
        guard var document = try? JSONValue.parse(Data(bytes)) else { return nil }
        var dropped: [String] = []
        for issue in error.errors {
            guard issue.path.hasPrefix("$.") else { return nil }
            var path = String(issue.path.dropFirst(2))
            if let bracket = path.firstIndex(of: "[") { path = String(path[..<bracket]) }
            let components = path.split(separator: ".").map(String.init)
            guard let value = value(at: components, in: document)?.stringValue,
                  value == "[redacted]" || value.hasPrefix("hmac-sha256:") else { return nil }
            document.remove(path: components)
            dropped.append(path)
        }
        return dropped.isEmpty ? nil : (Array(document.encoded()), dropped)
    }

    private static func value(at path: [String], in document: JSONValue) -> JSONValue? {
        var current: JSONValue? = document
        for component in path { current = current?[component] }
        return current
    }
}
