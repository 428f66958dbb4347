/// The body of every error response: a stable `code`, a message for people, and the located problems.
///
/// Any response carrying an `ErrorV1` means **do not proceed**: the gate did not decide, or could not
/// record its decision. It never contains an `outcome`, so a client that proceeds only on
/// `"outcome": "allow"` cannot mistake it for a decision.
public struct ErrorV1: Sendable, Hashable {
    /// Stable, matchable, e.g. `request.invalid`, `log.unavailable`, `auth.forbidden`.
    public var code: String
    public var message: String
    public var errors: [DiagnosticV1]
    /// The policy diagnostics rendered as a compiler would (source line and caret), for a rejected reload.
    public var rendered: String?

    public init(code: String, message: String, errors: [DiagnosticV1] = [], rendered: String? = nil) {
        self.code = code
        self.message = message
        self.errors = errors
        self.rendered = rendered
    }

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("code"); json.string(code)
        json.key("message"); json.string(message)
        json.key("errors")
        json.beginArray()
        for error in errors { error.write(to: &json) }
        json.endArray()
        if let rendered { json.key("rendered"); json.string(rendered) }
        json.endObject()
    }

    /// The compact JSON text of this error.
    public var jsonText: String {
        var json = JSONBuffer(capacity: 256)
        write(to: &json)
        return json.text
    }
}
