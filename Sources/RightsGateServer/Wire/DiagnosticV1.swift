public import RightsGate

/// One located problem inside an ``ErrorV1``: a request issue (with its JSON path) or a policy diagnostic
/// (with its file).
///
/// `path`, `line` and `column` locate the problem in the request body the client sent; for a batch the
/// path starts with the item's index (`$[3].target.level`) and line and column count in the whole body.
/// The offending value is never repeated, since it may be a URL of abuse material.
public struct DiagnosticV1: Sendable, Hashable {
    public var severity: String
    public var code: String
    /// JSON path in the request (`$.target.level`), or nil for a policy diagnostic.
    public var path: String?
    /// Policy file of a policy diagnostic, or nil for a request issue.
    public var file: String?
    public var message: String
    public var line: Int?
    public var column: Int?
    public var help: String?

    public init(
        severity: String, code: String, path: String?, file: String?, message: String,
        line: Int?, column: Int?, help: String?
    ) {
        self.severity = severity
        self.code = code
        self.path = path
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        self.help = help
    }

    /// A request issue from the decoder.
    public init(_ issue: RequestIssue) {
        self.init(severity: issue.severity.rawValue, code: issue.code, path: issue.path, file: nil,
                  message: issue.message, line: issue.line, column: issue.column, help: issue.help)
    }

    /// A policy diagnostic from the bundle loader.
    public init(_ diagnostic: Diagnostic) {
        self.init(severity: diagnostic.severity.rawValue, code: diagnostic.code.rawValue, path: nil,
                  file: diagnostic.location?.file, message: diagnostic.message,
                  line: diagnostic.location?.line, column: diagnostic.location?.column, help: diagnostic.help)
    }

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("severity"); json.string(severity)
        json.key("code"); json.string(code)
        json.key("path"); json.string(path)
        if let file { json.key("file"); json.string(file) }
        json.key("message"); json.string(message)
        json.key("line"); if let line { json.number(line) } else { json.null() }
        json.key("column"); if let column { json.number(column) } else { json.null() }
        if let help { json.key("help"); json.string(help) }
        json.endObject()
    }
}
