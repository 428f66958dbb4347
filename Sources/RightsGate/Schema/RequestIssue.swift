/// A problem with a request document, located by JSON path and by line and column in the input.
///
/// `description` names the path and the problem but never prints the offending value, which may be a URL
/// of abuse material; `debugDescription` adds nothing more, on purpose.
public struct RequestIssue: Sendable, Hashable, CustomStringConvertible {
    public let severity: Diagnostic.Severity
    public let code: String
    /// JSON path of the offending value, e.g. `$.target.level` or `$.content.tdb_keywords[2]`.
    public let path: String
    public let message: String
    public let help: String?
    /// 1-based line and column (in Unicode scalars) in the input document, when known.
    public let line: Int
    public let column: Int

    public var description: String {
        var text = "\(line):\(column): \(severity.rawValue)[\(code)]: \(path): \(message)"
        if let help { text += " (\(help))" }
        return text
    }

    public var isError: Bool { severity == .error }
}

/// Thrown when a request cannot be decoded; carries every issue found (warnings included).
public struct RequestError: Error, Sendable, CustomStringConvertible {
    public let issues: [RequestIssue]

    public init(issues: [RequestIssue]) { self.issues = issues }

    public var errors: [RequestIssue] { issues.filter(\.isError) }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

extension RequestError {
    /// A request refused unread because of its size (a JSON Lines line over the reader's limit, a document
    /// over the CLI's): `request.too-large`, so it gets an error record in its place like any invalid request.
    public static func tooLarge(limit: Int) -> RequestError {
        let size = limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return RequestError(issues: [RequestIssue(
            severity: .error, code: "request.too-large", path: "$", message: "the request is larger than \(size); it was not read",
            help: "split it, or leave attachments out of the request", line: 1, column: 1)])
    }
}
