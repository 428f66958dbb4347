/// JSON string literals for the other targets (service, replay), so there is one escaping routine: the
/// one the decision writer uses.
public enum JSONText {
    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8.
    public static func append(_ value: String, to out: inout String) {
        JSONWriter.appendString(value, to: &out)
    }

    public static func append(_ value: String, to out: inout [UInt8]) {
        JSONWriter.appendString(value, to: &out)
    }

    /// `value` as a JSON string literal.
    public static func quoted(_ value: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
